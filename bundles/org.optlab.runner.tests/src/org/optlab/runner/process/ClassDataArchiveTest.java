package org.optlab.runner.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Children in kept slots get a class-data archive and their JVM log on stderr, unless this JVM has its own. */
class ClassDataArchiveTest {

    @Test
    void childrenGetAnArchiveAndTheirJvmLogOnStderrUnlessThisJvmHasItsOwn() {
        Path archive = Path.of("/tmp/slots/0/child.jsa");
        ChildRun.SelfLaunch self = new ChildRun.SelfLaunch("java", List.of("-Xmx2g"), "launcher.jar", Path.of("/i"),
                Path.of("/i/configuration"), List.of());
        assertEquals(List.of("-Xmx2g", "-Xlog:disable", "-Xlog:all=warning,cds=off:stderr",
                "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive), self.withClassDataArchive(archive)
                        .jvmArguments());
        for (String own : List.of("-Xshare:off", "-XX:SharedArchiveFile=/x.jsa", "-XX:AOTCache=/x.aot", "-Xlog:gc")) {
            assertEquals(List.of("-Xmx2g", own), ChildRun.SelfLaunch.classDataArchive(List.of("-Xmx2g", own), archive),
                    own);
        }
    }
}
