package org.optlab.optimizers.internal.exec;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DADD;
import static org.objectweb.asm.Opcodes.DALOAD;
import static org.objectweb.asm.Opcodes.DASTORE;
import static org.objectweb.asm.Opcodes.DUP2;
import static org.objectweb.asm.Opcodes.F2D;
import static org.objectweb.asm.Opcodes.FALOAD;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IFGE;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.LADD;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LMUL;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V21;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.optlab.optimizers.rule.Op;
import org.optlab.optimizers.rule.UpdateRule;

/**
 * Turns a compiled phase into one fused loop over off-heap float buffers with the Vector API, generated as bytecode:
 * per iteration it loads a vector of every buffer the phase reads, runs all instructions on vectors held in local
 * variables, and stores what the phase writes. Loads from memory and arithmetic interleave in one loop, which the
 * staged interpreter cannot do, and the formulas are still only the rule's.
 * <p>
 * Needs Java 22+ ({@code java.lang.foreign}) and the incubator module {@code jdk.incubator.vector} in the boot layer
 * ({@code --add-modules jdk.incubator.vector}); otherwise {@link #available()} is null and the fused path stays on
 * the staged interpreter. This bundle is compiled for Java 21, so it never names those types: only the generated
 * classes do, and they live in a class loader whose parent is the platform loader.
 */
final class VectorKernels {

    private static final String VECTOR = "jdk/incubator/vector/FloatVector";
    private static final String VECTOR_D = "L" + VECTOR + ";";
    private static final String ANY_VECTOR_D = "Ljdk/incubator/vector/Vector;";
    private static final String SPECIES_D = "Ljdk/incubator/vector/VectorSpecies;";
    private static final String MASK_D = "Ljdk/incubator/vector/VectorMask;";
    private static final String COMPARISON = "jdk/incubator/vector/VectorOperators$Comparison";
    private static final String SEGMENT = "java/lang/foreign/MemorySegment";
    private static final String SEGMENT_D = "L" + SEGMENT + ";";
    private static final String ORDER_D = "Ljava/nio/ByteOrder;";

    private static final VectorKernels AVAILABLE = create();
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Loader loader = new Loader();
    private final MethodHandle segmentOf;
    private final int lanes;
    /** Kernels by program text: rules with the same program (every Adam group, say) share one generated class. */
    private final Map<String, MethodHandle> kernels = new HashMap<>();

    private VectorKernels() throws ReflectiveOperationException {
        Class<?> helper = loader.define("org.optlab.generated.Segments", segmentsClass());
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        this.segmentOf = lookup.findStatic(helper, "of", MethodType.methodType(Object.class, long.class, long.class));
        try {
            this.lanes = (int) lookup.findStatic(helper, "lanes", MethodType.methodType(int.class)).invokeExact();
        } catch (Throwable e) {
            throw new ReflectiveOperationException(e);
        }
    }

    /** The generator, or null when this Java has no Vector API (or no foreign memory API) to run its code. */
    static VectorKernels available() {
        return AVAILABLE;
    }

    private static VectorKernels create() {
        if (Runtime.version().feature() < 22 || Boolean.getBoolean("optlab.noVectorApi")) {
            return null;
        }
        try {
            Class.forName("jdk.incubator.vector.FloatVector", false, ClassLoader.getPlatformClassLoader());
            return new VectorKernels();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Floats per vector (the preferred species of this machine). */
    int lanes() {
        return lanes;
    }

    /** A {@code MemorySegment} over native memory at {@code address}, {@code bytes} long. */
    Object segment(long address, long bytes) {
        try {
            return segmentOf.invokeExact(address, bytes);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot map native memory for the fused optimizer kernel", e);
        }
    }

    /**
     * The fused kernel of {@code phase}: {@code (Object[] segments, float[] scalars, long from, long to, double[] sums)}
     * processing elements [from, to), with {@code to - from} a multiple of {@link #lanes()}. Sums of squares are
     * accumulated per lane in float and added to {@code sums[slot]} at the end, lane by lane in order (a different
     * order of addition than the interpreter's, so they agree to rounding, not bit for bit; but the same bits every
     * time, compiled or not).
     */
    synchronized MethodHandle kernel(UpdateRule.Phase phase) {
        return kernels.computeIfAbsent(signature(phase), key -> {
            String name = "org.optlab.generated.Kernel" + NAMES.incrementAndGet();
            try {
                Class<?> kernel = loader.define(name, kernelClass(name.replace('.', '/'), phase));
                return MethodHandles.publicLookup().findStatic(kernel, "run", MethodType.methodType(void.class,
                        Object[].class, float[].class, long.class, long.class, double[].class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot generate the fused kernel: " + e, e);
            }
        });
    }

    /** Everything the generated code depends on: the instructions, the register layout, what is loaded and stored. */
    private static String signature(UpdateRule.Phase phase) {
        StringBuilder key = new StringBuilder(Arrays.toString(phase.code()));
        key.append('/').append(phase.firstScalarRegister()).append('/').append(phase.registers()).append('/');
        for (int r = 0; r < phase.firstScalarRegister(); r++) {
            key.append(phase.reads(r) ? 'r' : '-').append(phase.writes(r) ? 'w' : '-');
        }
        return key.toString();
    }

    /** Defines generated classes; its parent is the platform loader, which sees java.base and the incubator module. */
    private static final class Loader extends ClassLoader {
        Loader() {
            super("optlab-generated-kernels", ClassLoader.getPlatformClassLoader());
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /** Frames are computed without loading classes: the only merges are of identical types or with TOP. */
    private static ClassWriter writer() {
        return new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
    }

    /** {@code Segments.of(address, bytes) = MemorySegment.ofAddress(address).reinterpret(bytes)}; {@code lanes()}. */
    private static byte[] segmentsClass() {
        ClassWriter cw = writer();
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL, "org/optlab/generated/Segments", null, "java/lang/Object", null);
        MethodVisitor of = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "of", "(JJ)Ljava/lang/Object;", null, null);
        of.visitCode();
        of.visitVarInsn(LLOAD, 0);
        of.visitMethodInsn(INVOKESTATIC, SEGMENT, "ofAddress", "(J)" + SEGMENT_D, true);
        of.visitVarInsn(LLOAD, 2);
        of.visitMethodInsn(INVOKEINTERFACE, SEGMENT, "reinterpret", "(J)" + SEGMENT_D, true);
        of.visitInsn(ARETURN);
        of.visitMaxs(0, 0);
        of.visitEnd();
        MethodVisitor lanes = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "lanes", "()I", null, null);
        lanes.visitCode();
        lanes.visitFieldInsn(GETSTATIC, VECTOR, "SPECIES_PREFERRED", SPECIES_D);
        lanes.visitMethodInsn(INVOKEINTERFACE, "jdk/incubator/vector/VectorSpecies", "length", "()I", true);
        lanes.visitInsn(IRETURN);
        lanes.visitMaxs(0, 0);
        lanes.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    // Local variable slots of the generated run method.
    private static final int SEGMENTS = 0;
    private static final int SCALARS = 1;
    private static final int FROM = 2;
    private static final int TO = 4;
    private static final int SUMS = 6;
    private static final int SPECIES = 7;
    private static final int ORDER = 8;
    private static final int INDEX = 9;
    private static final int OFFSET = 11;
    private static final int ZERO = 13;
    private static final int ONE = 14;
    private static final int MINUS_ONE = 15;
    private static final int FIRST_SEGMENT = 16;

    private byte[] kernelClass(String internalName, UpdateRule.Phase phase) {
        int[] code = phase.code();
        int registers = phase.registers();
        int staged = phase.firstScalarRegister(); // parameter, gradient, states and temporaries come first
        int firstVector = FIRST_SEGMENT + registers; // segment locals for base registers, then one local per register
        ClassWriter cw = writer();
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL, internalName, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", "([Ljava/lang/Object;[FJJ[D)V", null, null);
        mv.visitCode();
        mv.visitFieldInsn(GETSTATIC, VECTOR, "SPECIES_PREFERRED", SPECIES_D);
        mv.visitVarInsn(ASTORE, SPECIES);
        mv.visitMethodInsn(INVOKESTATIC, "java/nio/ByteOrder", "nativeOrder", "()" + ORDER_D, false);
        mv.visitVarInsn(ASTORE, ORDER);
        broadcast(mv, 0f, ZERO);
        broadcast(mv, 1f, ONE);
        broadcast(mv, -1f, MINUS_ONE);
        for (int r = 0; r < staged; r++) {
            if (phase.reads(r) || phase.writes(r)) {
                mv.visitVarInsn(ALOAD, SEGMENTS);
                push(mv, r);
                mv.visitInsn(AALOAD);
                mv.visitTypeInsn(CHECKCAST, SEGMENT);
                mv.visitVarInsn(ASTORE, FIRST_SEGMENT + r);
            }
        }
        for (int k = 0; k < registers - phase.firstScalarRegister(); k++) {
            mv.visitVarInsn(ALOAD, SPECIES);
            mv.visitVarInsn(ALOAD, SCALARS);
            push(mv, k);
            mv.visitInsn(FALOAD);
            mv.visitMethodInsn(INVOKESTATIC, VECTOR, "broadcast", "(" + SPECIES_D + "F)" + VECTOR_D, false);
            mv.visitVarInsn(ASTORE, firstVector + phase.firstScalarRegister() + k);
        }
        int firstSum = firstVector + registers; // one float-vector accumulator per reduction slot
        int slots = 0;
        for (int i = 0; i < code.length; i += UpdateRule.WIDTH) {
            if (code[i] == UpdateRule.SUM_OF_SQUARES) {
                slots = Math.max(slots, code[i + 1] + 1);
            }
        }
        for (int slot = 0; slot < slots; slot++) {
            mv.visitVarInsn(ALOAD, ZERO);
            mv.visitVarInsn(ASTORE, firstSum + slot);
        }
        mv.visitVarInsn(LLOAD, FROM);
        mv.visitVarInsn(LSTORE, INDEX);
        Label loop = new Label();
        Label end = new Label();
        mv.visitLabel(loop);
        mv.visitVarInsn(LLOAD, INDEX);
        mv.visitVarInsn(LLOAD, TO);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFGE, end);
        mv.visitVarInsn(LLOAD, INDEX);
        mv.visitLdcInsn(4L);
        mv.visitInsn(LMUL);
        mv.visitVarInsn(LSTORE, OFFSET);
        for (int r = 0; r < staged; r++) {
            if (phase.reads(r)) {
                mv.visitVarInsn(ALOAD, SPECIES);
                mv.visitVarInsn(ALOAD, FIRST_SEGMENT + r);
                mv.visitVarInsn(LLOAD, OFFSET);
                mv.visitVarInsn(ALOAD, ORDER);
                mv.visitMethodInsn(INVOKESTATIC, VECTOR, "fromMemorySegment",
                        "(" + SPECIES_D + SEGMENT_D + "J" + ORDER_D + ")" + VECTOR_D, false);
                mv.visitVarInsn(ASTORE, firstVector + r);
            }
        }
        for (int i = 0; i < code.length; i += UpdateRule.WIDTH) {
            if (code[i] == UpdateRule.SUM_OF_SQUARES) {
                int accumulator = firstSum + code[i + 1];
                mv.visitVarInsn(ALOAD, accumulator);
                binary(mv, "mul", firstVector + code[i + 2], firstVector + code[i + 2]);
                mv.visitMethodInsn(INVOKEVIRTUAL, VECTOR, "add", "(" + ANY_VECTOR_D + ")" + VECTOR_D, false);
                mv.visitVarInsn(ASTORE, accumulator);
                continue;
            }
            instruction(mv, code, i, firstVector);
            mv.visitVarInsn(ASTORE, firstVector + code[i + 1]);
        }
        for (int r = 0; r < staged; r++) {
            if (phase.writes(r)) {
                mv.visitVarInsn(ALOAD, firstVector + r);
                mv.visitVarInsn(ALOAD, FIRST_SEGMENT + r);
                mv.visitVarInsn(LLOAD, OFFSET);
                mv.visitVarInsn(ALOAD, ORDER);
                mv.visitMethodInsn(INVOKEVIRTUAL, VECTOR, "intoMemorySegment", "(" + SEGMENT_D + "J" + ORDER_D + ")V",
                        false);
            }
        }
        mv.visitVarInsn(LLOAD, INDEX);
        mv.visitLdcInsn((long) lanes);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, INDEX);
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(end);
        for (int slot = 0; slot < slots; slot++) {
            // sums[slot] += accumulator.lane(0) + accumulator.lane(1) + ..., in lane order: reduceLanes(ADD) adds in
            // an order of its own, which differs between the interpreted and the compiled code, so the same step
            // would not give the same bits before and after the JIT
            mv.visitVarInsn(ALOAD, SUMS);
            push(mv, slot);
            mv.visitInsn(DUP2);
            mv.visitInsn(DALOAD);
            for (int lane = 0; lane < lanes; lane++) {
                mv.visitVarInsn(ALOAD, firstSum + slot);
                push(mv, lane);
                mv.visitMethodInsn(INVOKEVIRTUAL, VECTOR, "lane", "(I)F", false);
                mv.visitInsn(F2D);
                mv.visitInsn(DADD);
            }
            mv.visitInsn(DASTORE);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Leaves the instruction's result (a FloatVector) on the stack. */
    private static void instruction(MethodVisitor mv, int[] code, int i, int firstVector) {
        int a = firstVector + code[i + 2];
        int b = firstVector + code[i + 3];
        int c = firstVector + code[i + 4];
        if (code[i] == UpdateRule.COPY) {
            mv.visitVarInsn(ALOAD, a);
            return;
        }
        Op op = Op.values()[code[i]];
        switch (op) {
            case NEG, ABS, SQRT -> {
                mv.visitVarInsn(ALOAD, a);
                mv.visitMethodInsn(INVOKEVIRTUAL, VECTOR, op.name().toLowerCase(), "()" + VECTOR_D, false);
            }
            case SQUARE -> binary(mv, "mul", a, a);
            case ADD, SUB, MUL, DIV, MAX, MIN -> binary(mv, op.name().toLowerCase(), a, b);
            case MULADD -> {
                binary(mv, "mul", a, b);
                mv.visitVarInsn(ALOAD, c);
                mv.visitMethodInsn(INVOKEVIRTUAL, VECTOR, "add", "(" + ANY_VECTOR_D + ")" + VECTOR_D, false);
            }
            case SELECT -> blend(mv, c, b, a, "GT");
            case SIGN -> {
                // a itself (keeps +-0 and NaN, as Math.signum), then 1 where a > 0, then -1 where a < 0
                blend(mv, a, ONE, a, "GT");
                mv.visitVarInsn(ALOAD, MINUS_ONE);
                compare(mv, a, "LT");
                mv.visitMethodInsn(INVOKEVIRTUAL, VECTOR, "blend", "(" + ANY_VECTOR_D + MASK_D + ")" + VECTOR_D, false);
            }
            case POW, MOD -> throw new IllegalStateException(op + " on elements");
        }
    }

    private static void binary(MethodVisitor mv, String method, int a, int b) {
        mv.visitVarInsn(ALOAD, a);
        mv.visitVarInsn(ALOAD, b);
        mv.visitMethodInsn(INVOKEVIRTUAL, VECTOR, method, "(" + ANY_VECTOR_D + ")" + VECTOR_D, false);
    }

    /** {@code base.blend(other, cond compared to 0)}: other where the comparison holds, base elsewhere. */
    private static void blend(MethodVisitor mv, int base, int other, int cond, String comparison) {
        mv.visitVarInsn(ALOAD, base);
        mv.visitVarInsn(ALOAD, other);
        compare(mv, cond, comparison);
        mv.visitMethodInsn(INVOKEVIRTUAL, VECTOR, "blend", "(" + ANY_VECTOR_D + MASK_D + ")" + VECTOR_D, false);
    }

    private static void compare(MethodVisitor mv, int vector, String comparison) {
        mv.visitVarInsn(ALOAD, vector);
        mv.visitFieldInsn(GETSTATIC, "jdk/incubator/vector/VectorOperators", comparison, "L" + COMPARISON + ";");
        mv.visitLdcInsn(0f);
        mv.visitMethodInsn(INVOKEVIRTUAL, VECTOR, "compare", "(L" + COMPARISON + ";F)" + MASK_D, false);
    }

    private static void broadcast(MethodVisitor mv, float value, int local) {
        mv.visitVarInsn(ALOAD, SPECIES);
        mv.visitLdcInsn(value);
        mv.visitMethodInsn(INVOKESTATIC, VECTOR, "broadcast", "(" + SPECIES_D + "F)" + VECTOR_D, false);
        mv.visitVarInsn(ASTORE, local);
    }

    private static void push(MethodVisitor mv, int value) {
        mv.visitLdcInsn(value);
    }
}
