package org.optlab.sweep.slurm.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fake Slurm client commands in a bin folder: each is a bash script that records its arguments (one per line) in
 * {@code log/NAME.N.args} for its N-th call, then runs the body the test gives it ({@code $n} is N there).
 */
final class FakeSlurm {

    final Path bin;
    final Path log;

    FakeSlurm(Path root) throws IOException {
        this.bin = Files.createDirectories(root.resolve("bin"));
        this.log = Files.createDirectories(root.resolve("calls"));
    }

    /** Writes the fake {@code name} with {@code body} after the lines that record the call. */
    FakeSlurm command(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        String count = "\"" + log + "/" + name + ".count\"";
        Files.writeString(file, "#!/bin/bash\n"
                + "n=$(( $(cat " + count + " 2>/dev/null || echo 0) + 1 ))\n"
                + "echo $n > " + count + "\n"
                + "printf '%s\\n' \"$@\" > \"" + log + "/" + name + ".$n.args\"\n"
                + body + "\n");
        file.toFile().setExecutable(true);
        return this;
    }

    /** How often {@code name} was called. */
    int calls(String name) throws IOException {
        Path count = log.resolve(name + ".count");
        return Files.exists(count) ? Integer.parseInt(Files.readString(count).strip()) : 0;
    }

    /** The arguments of the {@code n}-th call of {@code name}. */
    List<String> arguments(String name, int n) throws IOException {
        return Files.readAllLines(log.resolve(name + "." + n + ".args"));
    }

    /** Slurm as the engine sees it with only this bin folder on its PATH. */
    Slurm slurm() {
        return new Slurm(bin.toString());
    }
}
