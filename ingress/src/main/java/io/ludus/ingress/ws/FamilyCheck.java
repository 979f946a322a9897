package io.ludus.ingress.ws;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every family-check-interval, asks PostgreSQL which of this node's sockets' login families (sessions) are
 * still live (not revoked by logout or reuse, not past their absolute lifetime) and closes the sockets of the
 * others with 4006. Sockets whose token has no {@code sid} are not checked; their access token lifetime bounds them.
 */
@Singleton
public class FamilyCheck implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(FamilyCheck.class);
    private static final int BATCH = 1000;

    private final Sockets sockets;
    private final DataSource dataSource;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ludus-family-check").daemon().factory());

    private final SocketProperties properties;
    private boolean started;

    FamilyCheck(Sockets sockets, DataSource dataSource, SocketProperties properties) {
        this.sockets = sockets;
        this.dataSource = dataSource;
        this.properties = properties;
    }

    /** Starts with the HTTP server: only a node that serves sockets needs it. */
    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (!started) {
            started = true;
            long interval = properties.familyCheckInterval().toMillis();
            timer.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    void check() {
        Map<UUID, List<Connection>> byFamily = new HashMap<>();
        for (Connection connection : sockets.all()) {
            UUID family = parse(connection.familyId);
            if (family != null) {
                byFamily.computeIfAbsent(family, f -> new ArrayList<>()).add(connection);
            }
        }
        if (byFamily.isEmpty()) {
            return;
        }
        List<UUID> families = new ArrayList<>(byFamily.keySet());
        try {
            Set<UUID> live = new HashSet<>();
            for (int i = 0; i < families.size(); i += BATCH) {
                live.addAll(live(families.subList(i, Math.min(families.size(), i + BATCH))));
            }
            for (UUID family : families) {
                if (!live.contains(family)) {
                    for (Connection connection : byFamily.get(family)) {
                        sockets.close(connection, CloseCode.SESSION_REVOKED, "the login was ended; log in again");
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("could not check login families of {} sockets: {}", families.size(), e.toString());
        }
    }

    private Set<UUID> live(List<UUID> families) throws SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT family_id FROM refresh_families
                     WHERE family_id = ANY(?) AND revoked_at IS NULL AND expires_at > now()""")) {
            Array ids = connection.createArrayOf("uuid", families.toArray());
            select.setArray(1, ids);
            Set<UUID> live = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    live.add(rows.getObject(1, UUID.class));
                }
            }
            return live;
        }
    }

    private static UUID parse(String familyId) {
        if (familyId == null) {
            return null;
        }
        try {
            return UUID.fromString(familyId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
    }
}
