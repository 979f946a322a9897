package io.ludus.projections.readmodel;

import io.ludus.events.common.Outcome;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import io.ludus.projections.readmodel.ratings.Season;
import io.ludus.testkit.TestKafka;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.sql.DataSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Prefixed topics on the shared broker, events written the way the other services write them, and table snapshots. */
public final class ReadModelHarness implements AutoCloseable {

    public static final int PARTITIONS = 3;
    public static final Instant T0 = Instant.parse("2026-10-01T12:00:00Z");
    public static final List<Season> SEASONS = List.of(
            new Season("s1", Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
    public static final List<TopicSpec<String, ?>> TOPICS = List.of(Topics.MATCHES, Topics.PLAYER_RATINGS, Topics.SOCIAL_EVENTS,
            Topics.REPLAY_EVENTS, Topics.PLAYER_COMMANDS, Topics.ACCOUNT_EVENTS);

    public final TestKafka kafka;
    public final String prefix;
    public final SchemaRegistryClient registry;
    private final Map<String, Serializer<SpecificRecord>> serializers = new HashMap<>();

    private ReadModelHarness(TestKafka kafka, String registryUrl, String prefix) {
        this.kafka = kafka;
        this.prefix = prefix;
        this.registry = new SchemaRegistryClient(URI.create(registryUrl));
    }

    @SuppressWarnings("unchecked")
    public static ReadModelHarness create(TestKafka kafka, String registryUrl, String name) {
        String prefix = kafka.uniqueGroupId(name) + ".";
        ReadModelHarness harness = new ReadModelHarness(kafka, registryUrl, prefix);
        kafka.createTopics(TOPICS.stream().map(t -> new NewTopic(prefix + t.name(), PARTITIONS, (short) 1)).toList());
        for (TopicSpec<String, ?> spec : TOPICS) {
            harness.serializers.put(spec.name(), (Serializer<SpecificRecord>) (Serializer<?>) spec.valueSerde(harness.registry).serializer());
        }
        return harness;
    }

    public record Sent(TopicSpec<String, ?> topic, String key, SpecificRecord value) {
    }

    public void produce(List<Sent> events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Sent e : events) {
            String topic = prefix + e.topic().name();
            records.add(new ProducerRecord<>(topic, e.key(), serializers.get(e.topic().name()).serialize(topic, e.value())));
        }
        kafka.produce(new StringSerializer(), new ByteArraySerializer(), records);
    }

    public void produceRaw(TopicSpec<String, ?> topic, String key, byte[] value) {
        kafka.produce(new StringSerializer(), new ByteArraySerializer(), List.of(new ProducerRecord<>(prefix + topic.name(), key, value)));
    }

    /**
     * A mixed history: accounts, ranked and casual matches with rating changes, replays stored and one deleted,
     * friendships, requests and a block, reports. Deterministic for a given {@code matches}.
     */
    public static List<Sent> scenario(int players, int matches) {
        List<Sent> events = new ArrayList<>();
        for (int p = 0; p < players; p++) {
            events.add(new Sent(Topics.ACCOUNT_EVENTS, "acc-" + player(p), Events.accountCreated(player(p), "Player " + p, T0)));
        }
        int[] games = new int[players];
        double[] ratings = new double[players];
        java.util.Arrays.fill(ratings, 1500);
        for (int m = 0; m < matches; m++) {
            int a = m % players;
            int b = (m * 7 + 3) % players;
            if (a == b) {
                b = (b + 1) % players;
            }
            String matchId = "match-" + m;
            String queue = m % 3 == 0 ? "casual-3v3" : "ranked-1v1";
            boolean ranked = !queue.startsWith("casual");
            Outcome outcome = Outcome.values()[m % 3];
            Instant at = T0.plusSeconds(60L * m);
            events.add(new Sent(Topics.MATCHES, matchId, Events.matchCompleted(matchId, queue, player(a), player(b), outcome, ranked, at,
                    false, m % 5, (m + 2) % 4, List.of("knight", "archer", m % 2 == 0 ? "cleric" : "knight"), List.of("mage", "archer"))));
            if (ranked) {
                int delta = outcome == Outcome.TEAM_A_WINS ? 12 : outcome == Outcome.TEAM_B_WINS ? -12 : 1;
                for (int side = 0; side < 2; side++) {
                    int p = side == 0 ? a : b;
                    ratings[p] += side == 0 ? delta : -delta;
                    games[p]++;
                    events.add(new Sent(Topics.PLAYER_RATINGS, player(p), Events.ratingChanged(player(p), ratings[p], games[p], matchId, at.plusSeconds(1))));
                }
            }
            if (m % 4 != 3) {
                events.add(new Sent(Topics.REPLAY_EVENTS, matchId, Events.replayStored(matchId, at.plusSeconds(2))));
            }
            if (m % 10 == 5) {
                events.add(new Sent(Topics.REPLAY_EVENTS, matchId, Events.replayDeleted(matchId, at.plusSeconds(3))));
            }
            if (m % 6 == 1) {
                events.add(new Sent(Topics.PLAYER_COMMANDS, player(a), Events.report(player(a), "report about " + matchId, at.plusSeconds(4))));
            }
        }
        for (int p = 0; p + 1 < players; p += 2) {
            String x = player(p), y = player(p + 1);
            String key = Topics.socialPairKey(x, y);
            events.add(new Sent(Topics.SOCIAL_EVENTS, key, Events.friendRequest(x, y, T0.plusSeconds(p))));
            if (p % 4 == 0) {
                events.add(new Sent(Topics.SOCIAL_EVENTS, key, Events.friendAccepted(x, y, T0.plusSeconds(p + 1))));
            }
        }
        if (players >= 3) {
            events.add(new Sent(Topics.SOCIAL_EVENTS, Topics.socialPairKey(player(2), player(0)), Events.blocked(player(2), player(0), T0.plusSeconds(90))));
        }
        return events;
    }

    /** Player p's id: a UUID, as players' ids are (and the subject of the access tokens the query API checks). */
    public static String player(int p) {
        return "00000000-0000-4000-8000-%012d".formatted(p);
    }

    /** Starts one live projector per read model on {@code dataSource}, after migrating their schemas. */
    public List<Projector> startAll(DataSource dataSource, Projector.Options options) {
        List<Projector> projectors = new ArrayList<>();
        for (Projection projection : ReadModelCatalogue.all(SEASONS)) {
            ReadModelSchemas.migrate(dataSource, projection.name(), ReadModelSchemas.live(projection.name()));
            Projector projector = new Projector(projection, dataSource, ReadModelSchemas.live(projection.name()), true,
                    kafka.bootstrapServers(), prefix, registry, options);
            projector.start();
            projectors.add(projector);
        }
        ReadModelSchemas.migrateOps(dataSource);
        return projectors;
    }

    /** Waits until every read model's stored offsets reach the end of its topics. */
    public void awaitApplied(DataSource dataSource, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Projection projection : ReadModelCatalogue.all(SEASONS)) {
            Map<TopicPartition, Long> ends = endOffsets(projection);
            while (true) {
                Map<TopicPartition, Long> stored = Projector.storedOffsets(dataSource, ReadModelSchemas.live(projection.name()));
                boolean done = ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || stored.getOrDefault(e.getKey(), 0L) >= e.getValue());
                if (done) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("projection " + projection.name() + " stored " + stored + ", log ends at " + ends);
                }
                Thread.sleep(100);
            }
        }
    }

    public Map<TopicPartition, Long> endOffsets(Projection projection) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicSpec<String, ?> spec : projection.topics()) {
            for (int p = 0; p < PARTITIONS; p++) {
                request.put(new TopicPartition(prefix + spec.name(), p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        kafka.admin().listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Every table of {@code schema} but Flyway's history, as sorted row texts: equal snapshots mean equal tables. */
    public static Map<String, List<String>> snapshot(DataSource dataSource, String schema) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> names = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT table_name FROM information_schema.tables
                    WHERE table_schema = ? AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'""")) {
                s.setString(1, schema);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            for (String table : names) {
                List<String> rows = new ArrayList<>();
                // names come from information_schema of a schema this test created
                try (PreparedStatement s = c.prepareStatement("SELECT t::text FROM " + schema + "." + table + " t ORDER BY 1");
                     ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }

    /** Snapshots of every read model's live schema. */
    public static Map<String, Map<String, List<String>>> snapshotAll(DataSource dataSource) throws SQLException {
        Map<String, Map<String, List<String>>> all = new TreeMap<>();
        for (String name : ReadModelCatalogue.names()) {
            all.put(name, snapshot(dataSource, ReadModelSchemas.live(name)));
        }
        return all;
    }

    public static byte[] garbage() {
        return "not avro".getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        registry.close();
    }
}
