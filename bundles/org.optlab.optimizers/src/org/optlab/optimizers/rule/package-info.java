/**
 * How an optimizer's math is written once and run three ways.
 * <p>
 * A provider writes its update with a {@link org.optlab.optimizers.rule.RuleBuilder}: element-wise statements over
 * the parameter {@code p}, its gradient {@code g} and named state buffers, with per-step scalars (hyper-parameters,
 * possibly scheduled; the step count; bias corrections) in {@link org.optlab.optimizers.rule.Expr expressions}.
 * Adam, for instance, is five statements. {@link org.optlab.optimizers.rule.UpdateRule} compiles them into a short
 * register program per phase (one pass over the data; LAMB needs two, Lookahead's synchronization is a phase that
 * runs every k steps): scalar sub-expressions become per-step scalars computed once per parameter, element-wise
 * ones become instructions such as {@code add}, {@code div}, {@code sqrt}, {@code select}, or {@code muladd} where a
 * product feeds a sum.
 * <p>
 * An {@code Expr} is a formula, evaluated where it is used, not a value bound where it is written. So that a formula
 * never silently changes meaning, {@link org.optlab.optimizers.rule.RuleBuilder#build()} rejects (naming the rule
 * and the value) any expression read after a statement changed one of its inputs: a value needed from before an
 * update, such as an L2-decayed gradient {@code g + wd p} used after {@code p} moved, is bound with
 * {@code let(...)} where it is defined: a per-element temporary of the phase (a register of the fused loop, no
 * memory traffic).
 * <p>
 * Three executors run the same program (package {@code org.optlab.optimizers.internal.exec}):
 * <ul>
 * <li>the vector path: plain loops over {@code double[]} for small dense parameters (2-D surfaces), no ND4J call;</li>
 * <li>the fused CPU path, over ND4J's off-heap CPU buffers on all cores, one pass per phase: on Java 22+ with the
 * incubator module {@code jdk.incubator.vector}, the program of each phase is turned into bytecode, one Vector API
 * loop that loads a vector of every buffer, runs all instructions on vectors in local variables and stores the
 * results (float32; memory speed); otherwise, and for float64, chunks of 2,048 elements are copied into heap arrays,
 * the program is interpreted there one instruction at a time (loops that C2 vectorizes, in L1/L2), and what the phase
 * writes is copied back (about half of memory speed, since copying and computing do not overlap);</li>
 * <li>the ND4J-ops path: one ND4J op per instruction, so arrays never leave the backend's device (GPU), and the
 * fallback for strided views and other data types.</li>
 * </ul>
 * None holds a formula of any optimizer: the executors know the dozen primitive operations
 * ({@link org.optlab.optimizers.rule.Op}), the rules know the optimizers. Because Java never contracts
 * {@code a * b + c} into a fused multiply-add, the vector and fused paths round identically and agree bit for bit in
 * float64, and the generated float32 loops equal the interpreter bit for bit (LAMB's norms, summed in another order,
 * to 1e-5); tests hold them to that, and ND4J's ops to 1e-12.
 * <p>
 * Why not Java generics over a number type or one ND4J op chain: a scalar {@code double} formula behind an
 * abstraction was 2x slower again than plain loops, and ND4J op chains allocate off-heap temporaries and make one
 * pass per op over main memory (see docs/notes/optimizer-kernels.md and docs/benchmarks.md).
 */
package org.optlab.optimizers.rule;
