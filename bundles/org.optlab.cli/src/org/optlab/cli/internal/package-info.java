/**
 * The {@code optlab} command line (picocli), run as the Equinox application {@code org.optlab.cli.application}. Exit codes:
 * 0 success, 1 the command failed (one line on stderr), 2 bad usage (usage on stderr).
 */
package org.optlab.cli.internal;
