package io.ludus.deploy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/local/cluster.sh without JVMs: the script runs from a copy of the repository layout whose {@code ./ludus} is a
 * stand-in that records the environment of each service instance, says it is ready, and sleeps. So `up`, `restart`,
 * `status` and `down` run as written, in seconds.
 */
@Timeout(120)
class LocalClusterScriptTest {

    private static final int PORT = 38580;

    /** The stand-in launcher: infra and each service instance announce themselves as the real ones do, then sleep. */
    private static final String FAKE_LUDUS = """
            #!/usr/bin/env bash
            case "$1" in
              infra) echo "infrastructure is ready"; exec sleep 600 ;;
              service)
                name=$2; shift 2
                while [ $# -gt 0 ]; do case "$1" in --instance) i=$2; shift 2 ;; --data-dir) d=$2; shift 2 ;; *) shift ;; esac; done
                env | grep -E '^(LUDUS_|MICRONAUT_)' | sort >"$d/env-$name-$i-$$"
                echo "ludus $name ready on http://127.0.0.1:$MICRONAUT_SERVER_PORT"
                exec sleep 600 ;;
            esac
            """;

    @TempDir
    static Path tmp;

    static Path script;
    static Path data;

    @BeforeAll
    static void clusterUp() throws Exception {
        Path local = Files.createDirectories(tmp.resolve("repo/deploy/local"));
        script = Files.copy(KubernetesManifestsTest.DEPLOY.resolve("local/cluster.sh"), local.resolve("cluster.sh"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(KubernetesManifestsTest.DEPLOY.resolve("local/pids.sh"), local.resolve("pids.sh"));
        Path ludus = Files.writeString(tmp.resolve("repo/ludus"), FAKE_LUDUS);
        Files.setPosixFilePermissions(ludus, PosixFilePermissions.fromString("rwxr-xr-x"));
        data = tmp.resolve("data");

        Result up = cluster("up", "--instances", "2");

        assertThat(up.status).as(up.output).isZero();
        assertThat(up.output).contains("cluster up");
    }

    @AfterAll
    static void clusterDown() throws Exception {
        if (script != null) {
            cluster("down");
        }
    }

    @Test
    void eachInstanceGetsItsPortAndTheAddressesOfTheOthersUnderNamesTheServicesRead() throws IOException {
        Map<String, String> ingress1 = environment("ingress", 1);
        Map<String, String> ingress2 = environment("ingress", 2);
        Map<String, String> admin = environment("admin", 1);
        Map<String, String> worker2 = environment("sim-workers", 2);

        assertThat(ingress1).containsEntry("MICRONAUT_SERVER_PORT", String.valueOf(PORT))
                .containsEntry("LUDUS_INGRESS_QUERIES_REPLAY_API_URL", "http://127.0.0.1:" + (PORT + 10) + ",http://127.0.0.1:" + (PORT + 11))
                .containsEntry("LUDUS_INGRESS_QUERIES_PROJECTIONS_URL", "http://127.0.0.1:" + (PORT + 20) + ",http://127.0.0.1:" + (PORT + 21));
        assertThat(ingress2).containsEntry("MICRONAUT_SERVER_PORT", String.valueOf(PORT + 1));
        assertThat(admin).containsEntry("LUDUS_ADMIN_MATCHMAKER_URL", "http://127.0.0.1:" + (PORT + 30) + ",http://127.0.0.1:" + (PORT + 31))
                .containsEntry("LUDUS_ADMIN_SIM_WORKER_URLS", "http://127.0.0.1:" + (PORT + 50) + ",http://127.0.0.1:" + (PORT + 51));
        assertThat(worker2).containsEntry("LUDUS_SIM_INSTANCE_ID", "sim-workers-2")
                .containsEntry("MICRONAUT_SERVER_PORT", String.valueOf(PORT + 51));

        // every variable the script sets is a key some service reads (LUDUS_CLUSTER_PORT is the script's own input)
        ConfigurationModel model = ConfigurationModel.fromCode(KubernetesManifestsTest.DEPLOY.getParent());
        List<String> unknown = new ArrayList<>();
        for (String name : ingress1.keySet()) {
            if (!name.equals("LUDUS_CLUSTER_PORT")
                    && model.serviceNames().stream().noneMatch(service -> model.service(service).knows(name))) {
                unknown.add(name);
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void restartStartsAKilledInstanceWithTheEnvironmentUpGaveIt() throws Exception {
        long killed = pid("sim-workers", 2);
        Map<String, String> before = environment("sim-workers", 2);
        assertThat(ProcessHandle.of(killed).orElseThrow().destroyForcibly()).isTrue();
        awaitGone(killed);

        Result down = cluster("status");
        assertThat(down.output).contains("sim-workers 2 NOT running").contains("sim-workers 1 running");

        Result restart = cluster("restart", "sim-workers", "--instance", "2");

        assertThat(restart.status).as(restart.output).isZero();
        assertThat(restart.output).contains("sim-workers 2 ready on http://127.0.0.1:" + (PORT + 51)).doesNotContain("stopping");
        long restarted = pid("sim-workers", 2);
        assertThat(restarted).isNotEqualTo(killed);
        assertThat(alive(restarted)).isTrue();
        assertThat(environment("sim-workers", 2)).isEqualTo(before);
        assertThat(cluster("status").output).contains("sim-workers 2 running (pid " + restarted + ")");
    }

    @Test
    void restartStopsARunningInstanceFirstAndKeepsItsLog() throws Exception {
        long running = pid("admin", 1);
        Map<String, String> before = environment("admin", 1);

        Result restart = cluster("restart", "admin", "--instance", "1");

        assertThat(restart.status).as(restart.output).isZero();
        assertThat(restart.output).contains("stopping admin 1 (pid " + running + ")");
        awaitGone(running);
        assertThat(pid("admin", 1)).isNotEqualTo(running);
        assertThat(environment("admin", 1)).isEqualTo(before);
        assertThat(data.resolve("logs/admin-1.log.1")).content().contains("ludus admin ready");
        assertThat(data.resolve("logs/admin-1.log")).content().contains("ludus admin ready");
    }

    @Test
    void restartNamesWhatIsWrongWithItsArguments() throws Exception {
        Result unknown = cluster("restart", "billing", "--instance", "1");
        Result third = cluster("restart", "ingress", "--instance", "3");
        Result otherPorts = run(Map.of("LUDUS_CLUSTER_PORT", "28080"), "restart", "ingress", "--instance", "1",
                "--data-dir", data.toString());
        Result nothingThere = run(Map.of(), "restart", "ingress", "--instance", "1", "--data-dir", tmp.resolve("empty").toString());

        assertThat(unknown.status).isEqualTo(2);
        assertThat(unknown.output).contains("unknown service 'billing'").contains("sim-workers");
        assertThat(third.status).isEqualTo(2);
        assertThat(third.output).contains("--instance must be 1 to 2");
        assertThat(otherPorts.status).isEqualTo(2);
        assertThat(otherPorts.output).contains("LUDUS_CLUSTER_PORT=" + PORT).contains("not 28080");
        assertThat(nothingThere.status).isEqualTo(7);
        assertThat(nothingThere.output).contains("not running");
    }

    @Test
    void urlFollowsThePortScheme() throws Exception {
        Result url = cluster("url", "notifier", "--instance", "2");

        assertThat(url.status).isZero();
        assertThat(url.output.strip()).isEqualTo("http://127.0.0.1:" + (PORT + 41));
    }

    private record Result(int status, String output) {}

    private static Result cluster(String... args) throws IOException, InterruptedException {
        List<String> withData = new ArrayList<>(List.of(args));
        withData.addAll(List.of("--data-dir", data.toString()));
        return run(Map.of("LUDUS_CLUSTER_PORT", String.valueOf(PORT)), withData.toArray(String[]::new));
    }

    private static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("LUDUS_") || k.startsWith("MICRONAUT_"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "cluster", ".out");
        Process p = pb.redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("cluster.sh " + String.join(" ", args) + " did not exit: " + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private static long pid(String service, int instance) throws IOException {
        return Long.parseLong(Files.readString(data.resolve("pids/" + service + "-" + instance + ".pid")).strip());
    }

    /** The environment the instance now running got, as the stand-in recorded it. */
    private static Map<String, String> environment(String service, int instance) throws IOException {
        Path file = data.resolve("env-" + service + "-" + instance + "-" + pid(service, instance));
        Map<String, String> env = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return env;
    }

    private static void awaitGone(long pid) throws InterruptedException {
        for (int i = 0; i < 100 && alive(pid); i++) {
            Thread.sleep(100);
        }
        assertThat(alive(pid)).as("pid %d still running", pid).isFalse();
    }

    /** Running, not exited and waiting to be reaped (a zombie), as cluster.sh tells them apart. */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return false;
        }
    }
}
