package io.ludus.tools.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CliLoggingTest {

    @Test
    void leavesLoggingToTheNextConfiguratorUnlessTheCliEnabledIt() {
        assertThat(new CliLogging().configure(new LoggerContext())).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }

    @Test
    void logsErrorsOnlyToStderrWhenEnabled() {
        LoggerContext context = new LoggerContext();
        CliLogging.enable();
        try {
            assertThat(new CliLogging().configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        } finally {
            System.clearProperty("ludus.tools.cli-logging");
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.ERROR);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ch.qos.logback.core.ConsoleAppender.class,
                appender -> assertThat(appender.getTarget()).isEqualTo("System.err"));
    }
}
