package org.optlab.runner.process;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.optlab.runner.Trees;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A training run in a child JVM of this installation (as PDE launches a runtime workbench): the backend is a choice
 * per process in ND4J, a native crash must not take the lab down, and stopping a run means ending its process. The
 * child is this same OSGi installation started again with the command-line application ({@code optlab run FILE --out
 * DIR --events}) in a configuration area of its own (two running frameworks do not share one), kept warm from child
 * to child ({@link ConfigurationSlots}).
 * <p>
 * The child outlives the lab when the lab is closed (or dies) without stopping it, so nothing ties it to the lab's
 * process: no pipes (stdin is {@code /dev/null}, its events go to {@value #EVENTS} (events-2.jsonl... for a later
 * start on the same folder) and its stderr to {@code log.txt}
 * in the run's directory, so it never blocks on, or dies of, a reader that is gone), and its own session where
 * {@code setsid} exists (a hang-up of the lab's terminal does not reach it). The lab follows the events file; the
 * process ({@value #PROCESS}: pid and start time) can be found and {@link #attach attached} to again by a later lab.
 */
public final class ChildRun {

    /** Told what the child reports, on a reader thread; {@link #exited} comes last. */
    public interface Listener {
        /** An event line of the protocol, parsed (its "event" field says which). */
        void event(JsonNode event);

        /**
         * The child ended: with code 0 after "finished", or otherwise (crash, stop, failure). The code of an
         * attached child (not started by this process) is unknown: -1, finished when it reported "finished".
         */
        void exited(int code, boolean finished);
    }

    /** The child's stdout in its run directory: the event protocol ({@link RunEvents}), one JSON object a line. */
    public static final String EVENTS = "events.jsonl";
    /** The child's pid, start time and configuration copy, in its run directory, to find it again. */
    public static final String PROCESS = "process.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a stopped child may take to end (its step, or an evaluation, then its summary) before it is killed. */
    private static final long STOP_GRACE_SECONDS = 10;
    /** How often the events file is read while the child runs. */
    private static final long POLL_MS = 100;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final ProcessHandle handle;
    private final Process process; // null when attached
    private final Path configuration;
    private final Path events;
    private volatile boolean finished;
    private volatile boolean detached;

    private ChildRun(ProcessHandle handle, Process process, Path configuration, Path events) {
        this.handle = handle;
        this.process = process;
        this.configuration = configuration;
        this.events = events;
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
        // a configuration area kept from child to child (it starts warm), or a throw-away one where none can be kept
        SelfLaunch.Child child = SelfLaunch.current().child("");
        try {
            return start(child, runDirectory, experiment, dataDirectory, extraEnvironment, listener);
        } finally {
            if (child.area() != null) {
                child.area().handOver(); // its child holds it from now on (or, when the start failed, nobody)
            }
        }
    }

    private static ChildRun start(SelfLaunch.Child child, Path runDirectory, Path experiment, Path dataDirectory,
            Map<String, String> extraEnvironment, Listener listener) throws IOException {
        ConfigurationSlots.Slot area = child.area();
        Path configuration = area != null ? area.directory() : Files.createTempDirectory(
                "optlab-child-configuration");
        List<String> arguments = new ArrayList<>(List.of("run", experiment.toString(), "--out",
                runDirectory.toString(), "--events"));
        if (dataDirectory != null) {
            arguments.addAll(List.of("--data-dir", dataDirectory.toString()));
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString()); // not a group leader here, so setsid execs in place: the pid stays
        }
        command.addAll(child.command(configuration, arguments));
        // a start of its own: a second start on the folder (refused by the folder's lock) must not cut these files
        int slot = claimSlot(runDirectory);
        Path events = runDirectory.resolve(slotted(EVENTS, slot));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(events.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(runDirectory.resolve("log.txt").toFile()));
        builder.environment().putAll(extraEnvironment);
        Process process = builder.start();
        if (area != null) {
            area.holder(process.toHandle());
        }
        ChildRun run = new ChildRun(process.toHandle(), process, configuration, events);
        ObjectNode record = JSON.createObjectNode().put("pid", process.pid())
                .put("start", startMillis(process.toHandle())).put("configuration", configuration.toString())
                .put("events", events.getFileName().toString());
        Files.writeString(runDirectory.resolve(slotted(PROCESS, slot)), record.toString() + "\n");
        run.follow(listener, runDirectory);
        return run;
    }

    /** {@code events.jsonl}, {@code events-2.jsonl}, ...: the first free slot's events file, created here. */
    private static int claimSlot(Path runDirectory) throws IOException {
        for (int slot = 1;; slot++) {
            try {
                Files.createFile(runDirectory.resolve(slotted(EVENTS, slot)));
                return slot;
            } catch (FileAlreadyExistsException e) {
                // taken by an earlier start
            }
        }
    }

    private static String slotted(String name, int slot) {
        int dot = name.lastIndexOf('.');
        return slot == 1 ? name : name.substring(0, dot) + "-" + slot + name.substring(dot);
    }

    /** The records of the children started in {@code runDirectory} ({@value #PROCESS}, process-2.json, ...). */
    private static List<JsonNode> records(Path runDirectory) {
        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(runDirectory)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("process(-\\d+)?\\.json")).sorted()
                    .toList()) {
                try {
                    records.add(JSON.readTree(f.toFile()));
                } catch (IOException | RuntimeException e) {
                    // a record cut off: that child is not found
                }
            }
        } catch (IOException e) {
            // no folder: no records
        }
        return records;
    }

    /**
     * The child still running in {@code runDirectory} that a lab started earlier (its {@value #PROCESS} names a live
     * process with the same start time, so not a reused pid), if any.
     */
    public static Optional<ProcessHandle> findRunning(Path runDirectory) {
        for (JsonNode record : records(runDirectory)) {
            long start = record.path("start").asLong(-1);
            Optional<ProcessHandle> live = ProcessHandle.of(record.path("pid").asLong(-1))
                    .filter(p -> p.isAlive() && start != -1 && startMillis(p) == start);
            if (live.isPresent()) {
                return live;
            }
        }
        return Optional.empty(); // no record (a run of an older lab, or never started), or its child has ended
    }

    /** Follows a child {@link #findRunning found} in {@code runDirectory}: its events from the first, to its end. */
    public static ChildRun attach(Path runDirectory, ProcessHandle child, Listener listener) {
        JsonNode record = records(runDirectory).stream().filter(r -> r.path("pid").asLong() == child.pid()).findFirst()
                .orElse(JSON.createObjectNode());
        Path configuration = record.hasNonNull("configuration") ? Path.of(record.get("configuration").asText()) : null;
        ChildRun run = new ChildRun(child, null, configuration,
                runDirectory.resolve(record.path("events").asText(EVENTS)));
        run.follow(listener, runDirectory);
        return run;
    }

    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
    }

    private void follow(Listener listener, Path runDirectory) {
        Thread reader = new Thread(() -> read(listener), "OptLab run " + runDirectory.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    /** Reads the events file as it grows until the child has ended and every whole line is read. */
    private void read(Listener listener) {
        try (InputStream in = Files.newInputStream(events)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[16384];
            while (!detached) {
                boolean alive = handle.isAlive(); // before reading: once it is dead, one more read gets the rest
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            line(line.toString(StandardCharsets.UTF_8), listener);
                            line.reset();
                        } else {
                            line.write(buffer[i]);
                        }
                    }
                }
                if (!alive) {
                    break; // a last line without its newline was cut off by a crash
                }
                try {
                    handle.onExit().get(POLL_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // still running: read again
                }
            }
        } catch (IOException e) {
            // no events file: the child could not write; its exit says the rest
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (detached) {
            return;
        }
        int code = -1;
        if (process != null) {
            try {
                code = process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            deleteConfiguration();
        } finally {
            listener.exited(code, finished && (code == 0 || process == null));
        }
    }

    private void line(String text, Listener listener) {
        if (!text.startsWith("{")) {
            return; // not an event (a JVM warning that went to stdout)
        }
        JsonNode event;
        try {
            event = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        finished |= "finished".equals(event.path("event").asText());
        listener.event(event);
    }

    /** Asks the child to end, and kills it if it has not after a few seconds. */
    public void stop() {
        handle.destroy();
        try {
            handle.onExit().get(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            handle.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        }
    }

    /** Ends the child at once (SIGKILL), as a crash would. */
    public void kill() {
        handle.destroyForcibly();
    }

    /**
     * Stops following the child and leaves it running (as when the lab is closed with runs left going): the listener
     * hears nothing more, and the child goes on writing its files.
     */
    public void detach() {
        detached = true;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    public long pid() {
        return handle.pid();
    }

    private void deleteConfiguration() {
        if (configuration != null && configuration.getFileName().toString().startsWith("optlab-child-configuration")) {
            Trees.deleteQuietly(configuration); // a throw-away area; a kept one (a slot) stays for the next child
        }
    }


    /** How this JVM was started, to start another like it with another application. */
    public record SelfLaunch(String java, List<String> jvmArguments, String launcher, Path install, Path configuration,
            List<String> passOn) {

        /** The simple configurator's list of the installation's bundles, in its folder of the configuration area. */
        public static final String BUNDLES_INFO = "bundles.info";

        /** The list of this installation's bundles ({@link #BUNDLES_INFO}). */
        public Path bundlesInfo() {
            return configuration.resolve("org.eclipse.equinox.simpleconfigurator").resolve(BUNDLES_INFO);
        }

        /** The file name of the class-data archive beside a kept slot's configuration area. */
        public static final String ARCHIVE = "child.jsa";

        /**
         * A command-line child of this launch, prepared: a kept slot for it (null where none can be kept), the
         * bundles it needs ({@link ChildBundles}; null for all of them), and this launch with the slot's class-data
         * archive.
         */
        public record Child(SelfLaunch launch, ConfigurationSlots.Slot area, java.util.Set<String> bundles) {

            /** The command for {@code optlab <cliArguments>} in configuration area {@code copy}. */
            public List<String> command(Path copy, List<String> cliArguments) throws IOException {
                return launch.command(copy, cliArguments, bundles);
            }
        }

        /**
         * Takes a kept slot for a command-line child (children with the same bundles share slots) and prepares its
         * launch; {@code archivePrefix} names the archive of children started with other JVM options ("" for
         * none).
         */
        public Child child(String archivePrefix) throws IOException {
            java.util.Set<String> bundles = ChildBundles.commandLine(bundlesInfo()).orElse(null);
            ConfigurationSlots.Slot area = ConfigurationSlots.take(configuration, bundles != null ? ChildBundles.KIND
                    : "").orElse(null);
            return new Child(area != null ? withClassDataArchive(area.directory().resolveSibling(archivePrefix
                    + ARCHIVE)) : this, area, bundles);
        }

        /**
         * This launch with a dynamic class-data archive at {@code archive}, which the JVM writes when the child ends
         * the first time and maps at every later start (JDK 19+; the JVM writes it again when it no longer fits): a
         * child then starts in 0.2 s less CPU. One child at a time may use it, as one holds a kept slot. The JVM's log
         * goes to stderr, not stdout, which may be a pipe to this process (a sweep's worker); the archive's own
         * messages (classes it skips) are off. Left alone where this JVM was given an archive or log settings of its
         * own.
         */
        public SelfLaunch withClassDataArchive(Path archive) {
            return withJvmArguments(classDataArchive(jvmArguments, archive));
        }

        static List<String> classDataArchive(List<String> arguments, Path archive) {
            boolean own = arguments.stream().anyMatch(a -> a.startsWith("-Xshare") || a.startsWith("-Xlog")
                    || a.contains("SharedArchiveFile") || a.contains("AOTCache") || a.contains("ArchiveClassesAtExit")
                    || a.contains("AutoCreateSharedArchive"));
            if (own || Runtime.version().feature() < 19) {
                return arguments;
            }
            List<String> with = new ArrayList<>(arguments);
            with.addAll(List.of("-Xlog:disable", "-Xlog:all=warning,cds=off:stderr", "-XX:+AutoCreateSharedArchive",
                    "-XX:SharedArchiveFile=" + archive));
            return with;
        }

        /**
         * The class folders of bundles run from their projects (Equinox's -dev properties, which a test framework is
         * given: symbolic name, or "*", to a comma-separated list); empty where this launch has none.
         */
        public java.util.Properties developmentClassPath() {
            java.util.Properties dev = new java.util.Properties();
            int at = passOn.indexOf("-dev");
            if (at >= 0 && at + 1 < passOn.size()) {
                try (InputStream in = URI.create(passOn.get(at + 1)).toURL().openStream()) {
                    dev.load(in);
                } catch (IOException | IllegalArgumentException e) {
                    // not a file of properties (-dev may also name the folders themselves): no entries
                }
            }
            return dev;
        }

        /** This launch with other JVM arguments (the same launcher, installation and configuration). */
        public SelfLaunch withJvmArguments(List<String> arguments) {
            return new SelfLaunch(java, List.copyOf(arguments), launcher, install, configuration, passOn);
        }

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
         * {@code copy}: config.ini (relative areas made absolute) and the simple configurator's bundle list. Files
         * already there with the same content are left alone: a kept area ({@link ConfigurationSlots}) then stays
         * warm, as Equinox applies a bundle list again when its file is newer.
         */
        public List<String> command(Path copy, List<String> cliArguments) throws IOException {
            return command(copy, cliArguments, null);
        }

        /**
         * The command for {@code optlab <cliArguments>} as {@link #command(Path, List)}, with only the bundles in
         * {@code keep} of this installation ({@link ChildBundles}) in the copy's bundle list; all of them where null.
         */
        public List<String> command(Path copy, List<String> cliArguments, java.util.Set<String> keep)
                throws IOException {
            String ini = Files.readString(configuration.resolve("config.ini"));
            writeIfChanged(copy.resolve("config.ini"), ini.replace("@config.dir/", configuration.toUri().getPath())
                    .getBytes(StandardCharsets.UTF_8));
            Path bundles = configuration.resolve("org.eclipse.equinox.simpleconfigurator");
            if (Files.isDirectory(bundles)) {
                Path target = Files.createDirectories(copy.resolve("org.eclipse.equinox.simpleconfigurator"));
                try (Stream<Path> files = Files.list(bundles)) {
                    for (Path f : files.toList()) {
                        byte[] content = keep != null && f.getFileName().toString().equals(BUNDLES_INFO)
                                ? ChildBundles.only(Files.readAllLines(f), keep).getBytes(StandardCharsets.UTF_8)
                                : Files.readAllBytes(f);
                        writeIfChanged(target.resolve(f.getFileName()), content);
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

        /**
         * Starts {@code optlab <cliArguments>} like this JVM, in a kept configuration area that the child holds while
         * it runs ({@link ConfigurationSlots}), or where none can be kept in a throw-away one removed when it ends;
         * {@code setup} completes the builder (redirections, environment) before the start.
         */
        public Process start(List<String> cliArguments, UnaryOperator<ProcessBuilder> setup)
                throws IOException {
            Child child = child("");
            ConfigurationSlots.Slot area = child.area();
            Path copy = area != null ? area.directory() : Files.createTempDirectory("optlab-child-configuration");
            try {
                Process process = setup.apply(new ProcessBuilder(child.command(copy, cliArguments))).start();
                if (area != null) {
                    area.holder(process.toHandle());
                } else {
                    process.onExit().thenRun(() -> Trees.deleteQuietly(copy));
                }
                return process;
            } catch (IOException | RuntimeException e) {
                if (area == null) {
                    Trees.deleteQuietly(copy);
                }
                throw e;
            } finally {
                if (area != null) {
                    area.handOver();
                }
            }
        }

        private static void writeIfChanged(Path file, byte[] content) throws IOException {
            if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), content)) {
                Files.write(file, content);
            }
        }
    }
}
