package io.ludus.admin.pages;

import io.ludus.service.KafkaSettings;
import io.ludus.service.RegistrySettings;
import io.ludus.tools.cli.Connection;
import io.ludus.tools.ops.GroupInspector;
import io.ludus.tools.ops.GroupView;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.IsolationLevel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The `ludus ops groups` view, computed by the tools' own {@link GroupInspector} with one sample (OK or STOP, no trend). */
@Singleton
public final class GroupsSource implements AutoCloseable {

    private final Connection connection;
    private final Admin admin;

    GroupsSource(KafkaSettings kafka, RegistrySettings registry) {
        this.connection = Connection.of(kafka.bootstrapServers(), registry.uri(), Duration.ofSeconds(15));
        this.admin = connection.admin();
    }

    /** One view per consumer or Streams group; a fresh inspector each time, so lag probes never see stale offsets. */
    public List<GroupView> current() {
        GroupInspector inspector = new GroupInspector(connection, admin, Clock.systemUTC(),
                IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
        return inspector.inspect(inspector.listGroups(), 1, Duration.ZERO);
    }

    @PreDestroy
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
