package io.ludus.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./ludus} launcher's JDK check, with the places it looks replaced by test directories. */
@Timeout(60)
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "ludus").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void refusesAJdkOlderThan25NamingTheVersionItFound() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", "17.0.12");
        Result r = launch(jdk17.toString());
        assertThat(r.status).isEqualTo(ExitCode.NO_JDK.status());
        assertThat(r.stderr).hasSize(1);
        assertThat(r.stderr.getFirst()).contains("Java 25 or newer").contains("17.0.12").contains(jdk17.toString())
                .contains("JAVA_HOME");
    }

    @Test
    void saysSoWhenThereIsNoJdkAtAll() throws Exception {
        Result r = launch(tmp.resolve("nothing-here").toString());
        assertThat(r.status).isEqualTo(ExitCode.NO_JDK.status());
        assertThat(r.stderr).hasSize(1);
        assertThat(r.stderr.getFirst()).contains("no Java found").contains("JDK 25");
    }

    private record Result(int status, List<String> stderr) {}

    private Result launch(String candidates) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "start", "--data-dir", tmp.resolve("data").toString());
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("LUDUS_JDK_CANDIDATES", candidates);
        Path err = tmp.resolve("stderr.txt");
        Process p = pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("launcher did not exit");
        }
        return new Result(p.exitValue(), Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(tmp.resolve(name).resolve("bin"));
        Path java = Files.writeString(home.resolve("java"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.getParent().resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        return home.getParent();
    }
}
