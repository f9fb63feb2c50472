/**
 * The optimizer API, shaped after {@code torch.optim}. An {@link org.optlab.optimizers.OptimizerProvider},
 * contributed through the {@code org.optlab.optimizers} extension point, describes an optimizer
 * ({@link org.optlab.optimizers.OptimizerDescriptor}: id, name, summary, citation, hyper-parameter descriptors) and
 * writes its update rule once ({@link org.optlab.optimizers.rule}). Forms, the command line and experiment-file
 * validation are generated from the descriptors, so nothing about a hyper-parameter is written twice.
 * <p>
 * An {@link org.optlab.optimizers.Optimizer} holds {@link org.optlab.optimizers.ParamGroup parameter groups} with
 * their own hyper-parameters (any real one may follow a {@link org.optlab.optimizers.schedule.Schedule}), creates
 * each parameter's state on its first step, and saves and restores its whole state exactly
 * ({@link org.optlab.optimizers.StateDict}). Each step runs the compiled rule on the
 * {@link org.optlab.optimizers.ExecutionPath} that fits the parameter's storage.
 * <p>
 * Names and defaults follow PyTorch ({@code lr}, {@code weight_decay}, {@code betas} split into {@code beta1} and
 * {@code beta2}, ...); where a paper and PyTorch differ, PyTorch is the default and the paper's form is a flag.
 */
package org.optlab.optimizers;
