/**
 * Objectives: differentiable functions of one parameter vector (the test surfaces of the trajectory lab).
 */
package org.optlab.core.objective;
