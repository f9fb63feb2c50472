/** The built-in optimizers, contributed through the extension point like any plugin's. Not API. */
package org.optlab.optimizers.internal;
