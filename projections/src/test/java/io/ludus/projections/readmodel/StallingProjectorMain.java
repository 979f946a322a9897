package io.ludus.projections.readmodel;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.TopicSpec;
import io.ludus.projections.readmodel.stats.StatsProjection;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child JVM for {@link ProjectorCrashTest}: runs the stats projector in small batches; in its fourth batch it writes
 * the rows, prints {@value #MID_BATCH} and stalls before the commit, so the parent's SIGKILL lands mid-transaction.
 * Args: bootstrap-servers registry-url jdbc-url jdbc-user topic-prefix.
 */
public final class StallingProjectorMain {

    static final String MID_BATCH = "MID_BATCH";
    static final int STALL_IN_BATCH = 4;

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[2]);
        config.setUsername(args[3]);
        HikariDataSource dataSource = new HikariDataSource(config);
        Projection stalling = new StallingProjection(new StatsProjection());
        String schema = ReadModelSchemas.live(StatsProjection.NAME);
        ReadModelSchemas.migrate(dataSource, StatsProjection.NAME, schema);
        Projector projector = new Projector(stalling, dataSource, schema, true, args[0], args[4],
                new SchemaRegistryClient(URI.create(args[1])), new Projector.Options(10, Duration.ofMillis(100), Duration.ofMillis(200)));
        projector.start();
        Thread.currentThread().join();
    }

    private static final class StallingProjection implements Projection {
        private final Projection delegate;
        private final AtomicInteger batches = new AtomicInteger();

        StallingProjection(Projection delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public List<TopicSpec<String, ?>> topics() {
            return delegate.topics();
        }

        @Override
        public void apply(Connection connection, List<ProjectedEvent> events) throws SQLException {
            delegate.apply(connection, events);
            if (batches.incrementAndGet() == STALL_IN_BATCH) {
                System.out.println(MID_BATCH);
                System.out.flush();
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
