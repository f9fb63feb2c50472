/**
 * The math core of OptLab: parameters and their gradients on ND4J arrays. Knows nothing of SWT, optimizers or
 * runs; every other OptLab bundle builds on it.
 */
package org.optlab.core;
