/**
 * Learning-rate schedules. A {@link org.optlab.optimizers.schedule.Schedule} is a pure function of the step (0-based,
 * counted in optimizer steps), validated when built by {@link org.optlab.optimizers.schedule.Schedules}; schedules
 * compose ({@link org.optlab.optimizers.schedule.Schedules#warmup}, {@link org.optlab.optimizers.schedule.Schedules#sequential}).
 * Formulas and parameter names follow {@code torch.optim.lr_scheduler}, in closed form. The one schedule that depends
 * on observed metrics, {@link org.optlab.optimizers.schedule.ReduceOnPlateau}, is stateful and lives apart.
 */
package org.optlab.optimizers.schedule;
