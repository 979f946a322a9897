package io.ludus.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleFilterTest {

    private final ConsoleFilter filter = new ConsoleFilter();

    @AfterEach
    void quiet() {
        ConsoleFilter.setVerbose(false);
    }

    @Test
    void showsWarningsAndErrorsButNotInfo() {
        assertThat(filter.decide(event("io.ludus.outbox.OutboxRelay", Level.WARN, "slot lost"))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event("org.apache.kafka.controller.QuorumController", Level.ERROR, "disk failed")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event("io.ludus.embedded.EmbeddedKafka", Level.INFO, "started"))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void hidesOnlyTheListedBenignWarnings() {
        assertThat(filter.decide(event("org.apache.kafka.controller.QuorumController", Level.WARN,
                "[QuorumController id=1] Performing controller activation. The metadata log appears to be empty."))).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(event("org.flywaydb.core.internal.database.base.Database", Level.WARN,
                "Flyway upgrade recommended: PostgreSQL 18.6 is newer than this version of Flyway"))).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(event("org.apache.kafka.clients.NetworkClient", Level.WARN,
                "[NodeToControllerChannelManager id=1 name=registration] Attempting to close NetworkClient that has already been closed.")))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(event("org.apache.kafka.clients.NetworkClient", Level.WARN,
                "[Consumer clientId=x, groupId=ludus-notifier] The metadata response from the cluster reported a recoverable issue with"
                        + " correlation id 2 : {ludus-notifier-notifier-drafts-by-player-repartition=UNKNOWN_TOPIC_OR_PARTITION}")))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(event("org.apache.kafka.streams.StreamsConfig", Level.WARN,
                "Processing exception handler is not enabled for the GlobalThread. It's recommended to set it"))).isEqualTo(FilterReply.DENY);
        // a user topic missing is not benign
        assertThat(filter.decide(event("org.apache.kafka.clients.NetworkClient", Level.WARN,
                "The metadata response from the cluster reported a recoverable issue with correlation id 2 : {matches=UNKNOWN_TOPIC_OR_PARTITION}")))
                .isEqualTo(FilterReply.NEUTRAL);
        // the same loggers' other warnings still show
        assertThat(filter.decide(event("org.apache.kafka.clients.NetworkClient", Level.WARN, "Connection to node 1 could not be established.")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event("org.flywaydb.core.internal.command.DbMigrate", Level.WARN, "migration checksum mismatch")))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void verboseShowsEverything() {
        ConsoleFilter.setVerbose(true);
        assertThat(filter.decide(event("kafka.server.BrokerServer", Level.INFO, "started"))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event("org.apache.kafka.controller.QuorumController", Level.WARN, "Performing controller activation.")))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void shippedLogbackConfigurationLoadsWithoutErrors() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LudusServer.class.getResource("/logback.xml"));
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getEffectiveLevel() >= Status.WARN);
        assertThat(context.getLogger("org.apache.kafka").getLevel()).isEqualTo(Level.WARN);
        context.stop();
    }

    private static LoggingEvent event(String logger, Level level, String message) {
        LoggingEvent e = new LoggingEvent();
        e.setLoggerName(logger);
        e.setLevel(level);
        e.setMessage(message);
        return e;
    }
}
