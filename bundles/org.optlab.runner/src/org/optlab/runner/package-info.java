/**
 * Runs experiments headless, for the command line and the views alike. {@link org.optlab.runner.RunFolder} is a
 * run's output folder, held by one writer at a time; {@link org.optlab.runner.OptimizerEntry} one optimizer of an
 * experiment with its label.
 */
package org.optlab.runner;
