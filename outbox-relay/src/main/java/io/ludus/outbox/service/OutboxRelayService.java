package io.ludus.outbox.service;

import io.ludus.outbox.OutboxRelay;
import io.ludus.service.KafkaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Keeps one relay running: starts it, and while it cannot (another instance holds the replication slot, the outbox
 * table is not migrated yet, PostgreSQL or Kafka is down) tries again every {@code ludus.outbox.standby-retry}.
 */
@Context
@Requires(property = "ludus.outbox.enabled", value = "true")
public final class OutboxRelayService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayService.class);

    private final OutboxRelaySettings settings;
    private final String bootstrapServers;
    private final MeterRegistry meters;
    private final Thread supervisor;
    private volatile OutboxRelay relay;
    private volatile String waitingFor = "starting";
    private volatile boolean closed;

    OutboxRelayService(OutboxRelaySettings settings, KafkaSettings kafka, MeterRegistry meters) {
        this.settings = settings;
        this.bootstrapServers = kafka.bootstrapServers();
        this.meters = meters;
        try {
            Files.createDirectories(settings.offsetsFile().toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of ludus.outbox.offsets-file " + settings.offsetsFile(), e);
        }
        supervisor = Thread.ofPlatform().name("outbox-relay-supervisor").daemon().start(this::superviseUntilStarted);
    }

    private void superviseUntilStarted() {
        while (!closed && relay == null) {
            try {
                OutboxRelay started = OutboxRelay.start(settings.relayConfig(bootstrapServers));
                synchronized (this) {
                    if (closed) {
                        started.close();
                        return;
                    }
                    relay = started;
                }
                started.bindTo(meters);
                LOG.info("Outbox relay streaming from slot {}", settings.slotName());
            } catch (RuntimeException e) {
                waitingFor = reason(e);
                LOG.info("Outbox relay not started ({}); trying again in {}", waitingFor, settings.standbyRetry());
                try {
                    Thread.sleep(settings.standbyRetry());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** The failure with its root cause: "cannot create outbox_dead_letter" alone hides a missing driver or grant. */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root;
    }

    /** The running relay, or null while this instance waits (standby or a failure it retries). */
    public OutboxRelay relay() {
        return relay;
    }

    public String waitingFor() {
        return waitingFor;
    }

    @PreDestroy
    @Override
    public void close() {
        OutboxRelay running;
        synchronized (this) {
            closed = true;
            running = relay;
        }
        supervisor.interrupt();
        if (running != null) {
            running.close();
        }
    }
}
