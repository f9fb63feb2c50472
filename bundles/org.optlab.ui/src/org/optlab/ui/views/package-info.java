/**
 * The lab's views. Views are thin: they compute nothing on the UI thread, run work in Jobs through the runner, and
 * touch widgets only after checking they are not disposed.
 */
package org.optlab.ui.views;
