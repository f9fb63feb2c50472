package org.optlab.optimizers.internal.exec;

import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.optlab.core.Parameter;
import org.optlab.optimizers.ExecutionPath;
import org.optlab.optimizers.rule.UpdateRule;

/**
 * Runs rules on contiguous float32/float64 ND4J CPU buffers in one pass per phase, on all cores. For float32 on Java
 * 22+ with jdk.incubator.vector each worker runs a generated Vector API loop ({@link VectorKernels}) over its range and
 * leaves the last few elements to the interpreter below. Otherwise: the buffers are off-heap, where
 * C2 does not vectorize loops; so each worker copies a cache-sized chunk of every buffer the phase reads into heap
 * arrays (bulk copies), runs the phase's instructions on them with {@link FloatKernel} or {@link DoubleKernel}
 * (vectorized loops that stay in L1/L2), and copies back what the phase writes. Main memory is read and written
 * once per buffer and phase, but copying and computing do not overlap. Work is split by chunks over all cores; the
 * interpreter adds sums of squares chunk by chunk in index order, so its results do not depend on the number of
 * threads (the generated loops sum per worker range, so theirs depend on the number of cores, to rounding).
 */
public final class FusedCpuExecutor extends Nd4jStates implements PhaseExecutor {

    /** Elements per chunk: a dozen registers of this size fit in L2. */
    public static final int CHUNK = 2048;
    private static final int PARALLEL_MIN = 1 << 16;
    /**
     * Extra elements per register array, so that consecutive registers do not start a multiple of 4 KiB apart: loads
     * and stores at the same index of two such arrays would alias in the store buffer and stall.
     */
    private static final int PAD = 24;
    private static final int WORKERS = Runtime.getRuntime().availableProcessors();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, WORKERS - 1), task -> {
        Thread thread = new Thread(task, "optlab-fused-optimizer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Parameters shorter than this stay on the staged interpreter even where the Vector API is offered: a generated
     * loop only pays for itself once the JIT's C2 has compiled it, which a short run (a sweep's trial of a small model,
     * in a worker started with C1 alone) never reaches, and a small parameter's step is cheap either way. The rule
     * depends on the length alone, so a parameter's bits do not depend on the JIT a worker runs with.
     */
    public static final int VECTOR_MIN = 1 << 15;

    public static final FusedCpuExecutor INSTANCE = new FusedCpuExecutor();

    private static volatile boolean useVectorKernels = true;

    /**
     * Whether float32 phases run as generated Vector API loops when this Java offers the API (true by default); the
     * staged interpreter otherwise. For tests and benchmarks that compare the two.
     */
    public static void useVectorKernels(boolean use) {
        useVectorKernels = use;
    }

    /** True when float32 phases of parameters of at least {@link #VECTOR_MIN} elements run as generated loops. */
    public static boolean vectorKernelsActive() {
        return useVectorKernels && VectorKernels.available() != null;
    }

    /** Whether a float32 parameter of {@code length} elements runs as a generated Vector API loop. */
    public static boolean runsVectorKernel(long length) {
        return length >= VECTOR_MIN && vectorKernelsActive();
    }

    private static final ThreadLocal<float[][]> FLOAT_REGISTERS = ThreadLocal.withInitial(() -> new float[0][]);
    private static final ThreadLocal<double[][]> DOUBLE_REGISTERS = ThreadLocal.withInitial(() -> new double[0][]);

    private FusedCpuExecutor() {
    }

    /** Whether this executor can run on {@code array}: float32/float64, element-wise stride 1, CPU backend. */
    public static boolean supports(INDArray array) {
        DataType type = array.dataType();
        return (type == DataType.FLOAT || type == DataType.DOUBLE) && array.elementWiseStride() == 1
                && array.length() <= Integer.MAX_VALUE && array.data().asNio() != null;
    }

    @Override
    public ExecutionPath path() {
        return ExecutionPath.CPU_FUSED;
    }

    @Override
    public void run(UpdateRule.Phase phase, ParameterState state, double[] scalars) {
        Views views = views(state);
        int n = views.length;
        int chunks = (n + CHUNK - 1) / CHUNK;
        int workers = n < PARALLEL_MIN ? 1 : Math.min(WORKERS, chunks);
        double[][] partial = new double[chunks][state.reductions.length];
        List<Future<?>> running = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            int first = (int) ((long) chunks * w / workers);
            int last = (int) ((long) chunks * (w + 1) / workers);
            running.add(POOL.submit(() -> runChunks(phase, views, scalars, first, last, partial)));
        }
        runChunks(phase, views, scalars, 0, (int) ((long) chunks / workers), partial);
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during an optimizer step", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("optimizer step failed: " + e.getCause(), e.getCause());
            }
        }
        for (double[] sums : partial) {
            for (int slot = 0; slot < sums.length; slot++) {
                state.reductions[slot] += sums[slot];
            }
        }
    }

    private static void runChunks(UpdateRule.Phase phase, Views views, double[] scalars, int first, int last,
            double[][] partial) {
        int[] code = phase.code();
        int staged = views.floats != null ? views.floats.length : views.doubles.length;
        if (views.floats != null) {
            float[][] r = floatRegisters(phase.registers());
            for (int k = 0; k < scalars.length; k++) {
                java.util.Arrays.fill(r[phase.firstScalarRegister() + k], (float) scalars[k]);
            }
            long from = (long) first * CHUNK;
            long to = Math.min((long) last * CHUNK, views.length);
            VectorKernels generator = runsVectorKernel(views.length) ? VectorKernels.available() : null;
            MethodHandle kernel = generator != null && views.segments != null ? generator.kernel(phase) : null;
            if (kernel != null && to > from) {
                long vectorEnd = from + (to - from) / generator.lanes() * generator.lanes();
                float[] floatScalars = new float[scalars.length];
                for (int k = 0; k < scalars.length; k++) {
                    floatScalars[k] = (float) scalars[k];
                }
                try {
                    kernel.invokeExact(views.segments, floatScalars, from, vectorEnd, partial[first]);
                } catch (Throwable e) {
                    throw new IllegalStateException("fused optimizer kernel failed: " + e, e);
                }
                from = vectorEnd;
            }
            for (long start = from; start < to; start += CHUNK) {
                int s0 = (int) start;
                int length = (int) Math.min(CHUNK, to - start);
                for (int reg = 0; reg < staged; reg++) {
                    if (phase.reads(reg)) {
                        views.floats[reg].get(views.offsets[reg] + s0, r[reg], 0, length);
                    }
                }
                FloatKernel.run(code, r, 0, length, partial[s0 / CHUNK]);
                for (int reg = 0; reg < staged; reg++) {
                    if (phase.writes(reg)) {
                        views.floats[reg].put(views.offsets[reg] + s0, r[reg], 0, length);
                    }
                }
            }
        } else {
            double[][] r = doubleRegisters(phase.registers());
            for (int k = 0; k < scalars.length; k++) {
                java.util.Arrays.fill(r[phase.firstScalarRegister() + k], scalars[k]);
            }
            for (int chunk = first; chunk < last; chunk++) {
                int start = chunk * CHUNK;
                int length = Math.min(CHUNK, views.length - start);
                for (int reg = 0; reg < staged; reg++) {
                    if (phase.reads(reg)) {
                        views.doubles[reg].get(views.offsets[reg] + start, r[reg], 0, length);
                    }
                }
                DoubleKernel.run(code, r, 0, length, partial[chunk]);
                for (int reg = 0; reg < staged; reg++) {
                    if (phase.writes(reg)) {
                        views.doubles[reg].put(views.offsets[reg] + start, r[reg], 0, length);
                    }
                }
            }
        }
    }

    private static float[][] floatRegisters(int count) {
        float[][] r = FLOAT_REGISTERS.get();
        if (r.length < count) {
            r = new float[count][];
            for (int i = 0; i < count; i++) {
                r[i] = new float[CHUNK + PAD];
            }
            FLOAT_REGISTERS.set(r);
        }
        return r;
    }

    private static double[][] doubleRegisters(int count) {
        double[][] r = DOUBLE_REGISTERS.get();
        if (r.length < count) {
            r = new double[count][];
            for (int i = 0; i < count; i++) {
                r[i] = new double[CHUNK + PAD];
            }
            DOUBLE_REGISTERS.set(r);
        }
        return r;
    }

    /** Native-order NIO views of the parameter, gradient and state buffers, made once per parameter. */
    private static final class Views {
        final int length;
        final FloatBuffer[] floats;
        final DoubleBuffer[] doubles;
        final int[] offsets;
        /** MemorySegments over the float buffers, for generated kernels; null without the Vector API. */
        final Object[] segments;

        Views(INDArray[] arrays) {
            this.length = (int) arrays[0].length();
            this.offsets = new int[arrays.length];
            boolean isFloat = arrays[0].dataType() == DataType.FLOAT;
            this.floats = isFloat ? new FloatBuffer[arrays.length] : null;
            this.doubles = isFloat ? null : new DoubleBuffer[arrays.length];
            for (int i = 0; i < arrays.length; i++) {
                var bytes = arrays[i].data().asNio().order(ByteOrder.nativeOrder());
                offsets[i] = (int) arrays[i].offset();
                if (isFloat) {
                    floats[i] = bytes.asFloatBuffer();
                } else {
                    doubles[i] = bytes.asDoubleBuffer();
                }
            }
            VectorKernels generator = length >= VECTOR_MIN ? VectorKernels.available() : null;
            if (isFloat && generator != null) {
                segments = new Object[arrays.length];
                for (int i = 0; i < arrays.length; i++) {
                    long address = arrays[i].data().address() + 4L * offsets[i];
                    segments[i] = generator.segment(address, 4L * length);
                }
            } else {
                segments = null;
            }
        }
    }

    private static Views views(ParameterState state) {
        if (state.scratch instanceof Views views) {
            return views;
        }
        Parameter parameter = (Parameter) state.parameter;
        INDArray[] arrays = new INDArray[UpdateRule.FIRST_STATE + state.buffers.length];
        arrays[UpdateRule.PARAMETER] = parameter.value();
        arrays[UpdateRule.GRADIENT] = parameter.gradient();
        for (int i = 0; i < state.buffers.length; i++) {
            arrays[UpdateRule.FIRST_STATE + i] = (INDArray) state.buffers[i];
        }
        Views views = new Views(arrays);
        state.scratch = views;
        return views;
    }
}
