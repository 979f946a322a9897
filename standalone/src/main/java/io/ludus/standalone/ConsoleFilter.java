package io.ludus.standalone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;

/**
 * What the console shows: warnings and errors, minus a few that libraries log at WARN for normal
 * events a host can do nothing about (each listed below with why). The log file keeps them all;
 * {@code --verbose} shows everything on the console too.
 */
public final class ConsoleFilter extends Filter<ILoggingEvent> {

    private record Benign(String loggerPrefix, String messageFragment) {
        boolean matches(ILoggingEvent event) {
            return event.getLoggerName().startsWith(loggerPrefix) && event.getFormattedMessage().contains(messageFragment);
        }
    }

    private static final List<Benign> BENIGN = List.of(
            // the KRaft controller logs its own activation at WARN on every start
            new Benign("org.apache.kafka.controller", "Performing controller activation"),
            // Flyway 10.22 (the version Micronaut 4.10's flyway module brings) predates PostgreSQL 18,
            // which the embedded binaries are; the migrations use nothing version-specific
            new Benign("org.flywaydb", "PostgreSQL 18."),
            // a Kafka client's network client closed twice during shutdown; nothing is lost
            new Benign("org.apache.kafka.clients.NetworkClient", "Attempting to close NetworkClient that has already been closed"),
            // on a first start a Streams app asks for its internal topics a moment before it has created them
            new Benign("org.apache.kafka.clients.NetworkClient", "-repartition=UNKNOWN_TOPIC_OR_PARTITION"),
            new Benign("org.apache.kafka.clients.NetworkClient", "-changelog=UNKNOWN_TOPIC_OR_PARTITION"),
            // the broker races itself creating __transaction_state when several transactional clients start at once
            new Benign("kafka.server.DefaultAutoTopicCreationManager", "'TOPIC_ALREADY_EXISTS'"),
            // Kafka Streams 4.3 advice about a default that changes in 5.0; global state has no processing here
            new Benign("org.apache.kafka.streams.StreamsConfig", "Processing exception handler is not enabled for the GlobalThread"));

    private static volatile boolean verbose;

    static void setVerbose(boolean on) {
        verbose = on;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (verbose) {
            return FilterReply.NEUTRAL;
        }
        if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return FilterReply.DENY;
        }
        return BENIGN.stream().anyMatch(b -> b.matches(event)) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
