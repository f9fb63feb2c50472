/**
 * Runs experiments headless, for the command line and the views alike. {@link org.optlab.runner.ObjectiveRun}
 * runs one optimizer on one objective and records its trace.
 */
package org.optlab.runner;
