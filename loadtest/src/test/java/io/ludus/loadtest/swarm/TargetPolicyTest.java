package io.ludus.loadtest.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ludus.loadtest.LoadtestCli;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.InvalidOptionException;
import io.ludus.tools.cli.ToolException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {

    private final TargetPolicy policy = new TargetPolicy(Set.of("ludus.internal.example"));

    @Test
    void acceptsLoopbackInEveryForm() {
        assertThat(policy.check(URI.create("http://127.0.0.1:8080")).loopback()).isTrue();
        assertThat(policy.check(URI.create("http://127.3.4.5:8080")).loopback()).isTrue();
        assertThat(policy.check(URI.create("http://localhost:8080")).loopback()).isTrue();
        assertThat(policy.check(URI.create("http://[::1]:8080")).loopback()).isTrue();
    }

    @Test
    void derivesTheWebSocketUrlFromTheHttpUrl() {
        assertThat(policy.check(URI.create("http://127.0.0.1:8080")).webSocket()).isEqualTo(URI.create("ws://127.0.0.1:8080/v1/ws"));
        assertThat(policy.check(URI.create("https://ludus.internal.example")).webSocket())
                .isEqualTo(URI.create("wss://ludus.internal.example/v1/ws"));
    }

    @Test
    void acceptsAnAllowedHostAsNotLoopback() {
        assertThat(policy.check(URI.create("https://LUDUS.internal.example:443")).loopback()).isFalse();
    }

    @Test
    void refusesAHostThatIsNeitherLoopbackNorAllowed() {
        assertThatThrownBy(() -> policy.check(URI.create("http://10.1.2.3:8080")))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED))
                .hasMessageContaining("refusing to load 10.1.2.3").hasMessageContaining("--allow-host");
        assertThatThrownBy(() -> policy.check(URI.create("http://example.com")))
                .hasMessageContaining("refusing to load example.com");
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> policy.check(URI.create("ftp://127.0.0.1/")))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("--url");
    }

    @Test
    void theCommandRefusesANonLoopbackTargetBeforeConnecting() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LoadtestCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("swarm", "--url", "http://192.0.2.10:8080", "--bots", "1", "--duration", "1s", "--ramp-up", "0s");
        assertThat(code).isEqualTo(ExitCode.REFUSED.code());
        assertThat(err.toString()).contains("refusing to load 192.0.2.10");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theCommandRefusesWhenAnyOfSeveralUrlsIsNotAllowed() {
        StringWriter err = new StringWriter();
        int code = LoadtestCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("swarm", "--url", "http://127.0.0.1:18080,http://192.0.2.10:8080", "--bots", "1", "--duration", "1s",
                        "--ramp-up", "0s");
        assertThat(code).isEqualTo(ExitCode.REFUSED.code());
        assertThat(err.toString()).contains("refusing to load 192.0.2.10");
    }

    @Test
    void theCommandCapsBotsAndDuration() {
        StringWriter err = new StringWriter();
        int code = LoadtestCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("swarm", "--bots", "5001");
        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("--bots");
        err.getBuffer().setLength(0);
        code = LoadtestCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("swarm", "--duration", "31m");
        assertThat(code).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.toString()).contains("--duration");
    }
}
