package org.optlab.runner.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A training run in a child JVM of this installation (as PDE launches a runtime workbench): the backend is a choice
 * per process in ND4J, a native crash must not take the lab down, and stopping a run means ending its process. The
 * child is this same OSGi installation started again with the command-line application ({@code optlab run FILE --out
 * DIR --events}) and a copy of the configuration area (two running frameworks do not share one); its events arrive
 * on stdout ({@link RunEvents}) and its stderr goes to {@code log.txt} in the run's directory.
 */
public final class ChildRun {

    /** Told what the child reports, on a reader thread; {@link #exited} comes last. */
    public interface Listener {
        /** An event line of the protocol, parsed (its "event" field says which). */
        void event(JsonNode event);

        /** The child ended: with code 0 after "finished", or otherwise (crash, stop, failure). */
        void exited(int code, boolean finished);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a stopped child may take to end (its step, or an evaluation, then its summary) before it is killed. */
    private static final long STOP_GRACE_SECONDS = 10;

    private final Process process;
    private final Path configuration;
    private volatile boolean finished;

    private ChildRun(Process process, Path configuration) {
        this.process = process;
        this.configuration = configuration;
    }

    /**
     * Starts {@code optlab run experiment --out runDirectory --events} in a new JVM.
     *
     * @param dataDirectory where full datasets live (Preferences), or null
     * @param extraEnvironment variables for the child (e.g. the ND4J backend's priority), may be empty
     */
    public static ChildRun start(Path experiment, Path runDirectory, Path dataDirectory,
            Map<String, String> extraEnvironment, Listener listener) throws IOException {
        Files.createDirectories(runDirectory);
        Path configuration = Files.createTempDirectory("optlab-child-configuration");
        List<String> arguments = new ArrayList<>(List.of("run", experiment.toString(), "--out",
                runDirectory.toString(), "--events"));
        if (dataDirectory != null) {
            arguments.addAll(List.of("--data-dir", dataDirectory.toString()));
        }
        List<String> command = SelfLaunch.current().command(configuration, arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectError(runDirectory.resolve("log.txt").toFile());
        builder.environment().putAll(extraEnvironment);
        ChildRun run = new ChildRun(builder.start(), configuration);
        Thread reader = new Thread(() -> run.read(listener), "OptLab run " + runDirectory.getFileName());
        reader.setDaemon(true);
        reader.start();
        return run;
    }

    private void read(Listener listener) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.startsWith("{")) {
                    continue; // not an event (a JVM warning that went to stdout)
                }
                JsonNode event;
                try {
                    event = JSON.readTree(line);
                } catch (IOException e) {
                    continue; // a line cut off by a crash
                }
                finished |= "finished".equals(event.path("event").asText());
                listener.event(event);
            }
        } catch (IOException e) {
            // the stream ends when the process does
        }
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        deleteConfiguration();
        listener.exited(code, finished && code == 0);
    }

    /** Asks the child to end, and kills it if it has not after a few seconds. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Ends the child at once (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    private void deleteConfiguration() {
        try (Stream<Path> files = Files.walk(configuration)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder; the system cleans it eventually
        }
    }

    /** How this JVM was started, to start another like it with another application. */
    public record SelfLaunch(String java, List<String> jvmArguments, String launcher, Path install, Path configuration,
            List<String> passOn) {

        /** Reads this process's command line (Linux: /proc/self/cmdline through ProcessHandle). */
        public static SelfLaunch current() throws IOException {
            ProcessHandle.Info info = ProcessHandle.current().info();
            String java = info.command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            String[] arguments = info.arguments().orElseThrow(() -> new IOException(
                    "cannot read this process's command line to start a run in a child process"));
            List<String> jvm = new ArrayList<>();
            String launcher = null;
            Path install = null;
            Path configuration = null;
            List<String> passOn = new ArrayList<>();
            int i = 0;
            for (; i < arguments.length && !arguments[i].equals("-jar"); i++) {
                jvm.add(arguments[i]);
            }
            if (i + 1 >= arguments.length) {
                throw new IOException("this process was not started with -jar <Equinox launcher>; cannot start a"
                        + " child run like it");
            }
            launcher = arguments[i + 1];
            for (i += 2; i + 1 < arguments.length; i++) {
                if (arguments[i].equals("-install")) {
                    install = Path.of(arguments[i + 1]);
                } else if (arguments[i].equals("-configuration")) {
                    configuration = Path.of(arguments[i + 1]);
                } else if (arguments[i].equals("-dev")) {
                    passOn.addAll(List.of(arguments[i], arguments[i + 1])); // bundles run from class folders (tests)
                }
            }
            if (install == null) {
                install = Path.of(launcher).toAbsolutePath().getParent().getParent();
            }
            if (configuration == null) {
                configuration = install.resolve("configuration");
            }
            return new SelfLaunch(java, jvm, launcher, install, configuration, passOn);
        }

        /**
         * The command for {@code optlab <cliArguments>} with a copy of this configuration area in
         * {@code copy}: config.ini (relative areas made absolute) and the simple configurator's bundle list.
         */
        public List<String> command(Path copy, List<String> cliArguments) throws IOException {
            String ini = Files.readString(configuration.resolve("config.ini"));
            Files.writeString(copy.resolve("config.ini"), ini.replace("@config.dir/", configuration.toUri().getPath()));
            Path bundles = configuration.resolve("org.eclipse.equinox.simpleconfigurator");
            if (Files.isDirectory(bundles)) {
                Path target = Files.createDirectories(copy.resolve("org.eclipse.equinox.simpleconfigurator"));
                try (Stream<Path> files = Files.list(bundles)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(jvmArguments);
            command.addAll(List.of("-jar", launcher, "-install", install.toString(), "-configuration", copy.toString(),
                    "-nosplash"));
            command.addAll(passOn);
            command.addAll(List.of("-application", "org.optlab.cli.application"));
            command.addAll(cliArguments);
            return command;
        }
    }
}
