package io.ludus.tools.events;

import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountCreated;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.PostgresExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestPostgres;
import io.ludus.testkit.TestSchemaRegistry;
import io.ludus.tools.CliRun;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `events at`: the players read model as it stood at a time, rebuilt into a scratch schema on the testkit's PostgreSQL. */
@Tag("integration")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class, PostgresExtension.class})
class EventsAtIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private TestKafka kafka;
    private TestSchemaRegistry registry;
    private TestDatabase database;
    private String prefix;
    private Path passwordFile;

    /** ann created at T0, bob at T0+1h, ann banned at T0+2h; on two partitions of a prefixed account-events. */
    @BeforeAll
    void writeEvents(TestKafka kafka, TestSchemaRegistry registry, TestPostgres postgres, @TempDir Path dir) throws Exception {
        this.kafka = kafka;
        this.registry = registry;
        this.database = postgres.freshDatabase();
        this.prefix = "at" + UUID.randomUUID().toString().substring(0, 8) + "-";
        passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, database.password() == null ? "" : database.password());
        String topic = prefix + Topics.ACCOUNT_EVENTS.name();
        kafka.createTopics(List.of(new NewTopic(topic, 2, (short) 1)));
        try (SchemaRegistryClient client = new SchemaRegistryClient(URI.create(registry.url()))) {
            List<ProducerRecord<String, AccountEvent>> records = new ArrayList<>();
            records.add(record(topic, 0, T0, "ann", new AccountCreated("ann", "ann", "Ann")));
            records.add(record(topic, 1, T0.plus(Duration.ofHours(1)), "bob", new AccountCreated("bob", "bob", "Bob")));
            records.add(record(topic, 0, T0.plus(Duration.ofHours(2)), "ann", new AccountBanned("ann", "ann", "cheating", null)));
            kafka.produce(new StringSerializer(), Topics.ACCOUNT_EVENTS.valueSerde(client).serializer(), records);
        }
    }

    @Test
    void rebuildsThePlayersAsTheyStoodAtEachTime() throws Exception {
        CliRun before = at("2026-11-01T10:30:00Z", "at_half_past", false);
        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(before.out()).contains("rebuilt players as of 2026-11-01T10:30:00Z into schema at_half_past");
        assertThat(players("at_half_past")).containsExactly("ann:false");

        CliRun later = at("2026-11-01T11:30", "at_later", false);
        assertThat(later.exitCode()).as(later.toString()).isZero();
        assertThat(players("at_later")).containsExactly("ann:false", "bob:false");

        CliRun now = at("2026-11-01T12:00:00Z", "at_noon", false);
        assertThat(now.exitCode()).as(now.toString()).isZero();
        assertThat(players("at_noon")).as("an event exactly at --time counts").containsExactly("ann:true", "bob:false");

        assertThat(schemaExists("projections_players")).as("the live read model is not touched").isFalse();
    }

    @Test
    void refusesAnExistingSchemaUnlessAskedToReplaceIt() throws Exception {
        assertThat(at("2026-11-01T10:30:00Z", "at_twice", false).exitCode()).isZero();
        CliRun again = at("2026-11-01T11:30:00Z", "at_twice", false);
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(4);
        assertThat(again.err()).contains("at_twice already exists");
        assertThat(players("at_twice")).containsExactly("ann:false");

        CliRun replaced = at("2026-11-01T11:30:00Z", "at_twice", true);
        assertThat(replaced.exitCode()).as(replaced.toString()).isZero();
        assertThat(players("at_twice")).containsExactly("ann:false", "bob:false");
    }

    @Test
    void refusesAScratchSchemaThatCouldClobberAnotherOneNamingTheFlag() {
        for (String schema : new String[] {"projections_players", "public", "Bad-Name", "pg_catalog"}) {
            CliRun run = at("2026-11-01T10:30:00Z", schema, false);
            assertThat(run.exitCode()).as(schema + ": " + run).isEqualTo(2);
            assertThat(run.err()).contains("--schema");
        }
        CliRun unknown = CliRun.run(kafka.bootstrapServers(), registry.url(), "events", "at", "--time", "2026-11-01",
                "--projection", "nope", "--schema", "x_nope", "--jdbc-url", database.jdbcUrl());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--projection").contains("nope");
    }

    private CliRun at(String time, String schema, boolean replace) {
        List<String> args = new ArrayList<>(List.of("events", "at", "--time", time, "--projection", "players", "--schema", schema,
                "--jdbc-url", database.jdbcUrl(), "--jdbc-user", database.user(), "--jdbc-password-file", passwordFile.toString(),
                "--topic-prefix", prefix));
        if (replace) {
            args.add("--replace");
        }
        return CliRun.run(kafka.bootstrapServers(), registry.url(), args.toArray(String[]::new));
    }

    private List<String> players(String schema) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT player_id, banned FROM " + schema + ".players ORDER BY player_id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + ":" + rs.getBoolean(2));
            }
        }
        return rows;
    }

    private boolean schemaExists(String schema) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static ProducerRecord<String, AccountEvent> record(String topic, int partition, Instant at, String key, Object payload) {
        AccountEvent event = AccountEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at)
                .setCorrelationId("c-" + key).setCausationId(null).setPayload(payload).build();
        return new ProducerRecord<>(topic, partition, at.toEpochMilli(), key, event);
    }
}
