package io.ludus.projections.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.ludus.embedded.EmbeddedKafka;
import io.ludus.embedded.EmbeddedKafkaConfig;
import io.ludus.embedded.EmbeddedPostgres;
import io.ludus.embedded.EmbeddedPostgresConfig;
import io.ludus.events.common.Outcome;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.projections.readmodel.Events;
import io.ludus.projections.readmodel.Projection;
import io.ludus.projections.readmodel.Projector;
import io.ludus.projections.readmodel.ReadModelSchemas;
import io.ludus.projections.readmodel.history.HistoryProjection;
import io.ludus.projections.readmodel.stats.StatsProjection;
import io.ludus.projections.rebuild.Rebuilder;
import io.ludus.registry.SchemaRegistryConfig;
import io.ludus.registry.SchemaRegistryServer;
import io.ludus.security.AccessTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Read-model numbers for docs/benchmarks.md, on embedded Kafka, registry and PostgreSQL in this JVM:
 * (1) events applied per second with exactly-once effects (stats and history projectors, 12 partitions),
 * (2) rebuild time of the stats read model from offset 0, (3) p99 of the stats, leaderboard-page and around-me
 * HTTP queries with {@code players} players seeded. Args: {@code matches=1000000 players=1000000 queries=2000}.
 */
public final class ProjectionsBenchmark {

    /** Player i's id, as {@link #player} gives it: ids are UUIDs, like the subject of the tokens that query them. */
    private static final String PLAYER_SQL = "'00000000-0000-4000-8000-' || lpad(i::text, 12, '0')";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opts.put(kv[0], kv[1]);
        }
        int matches = Integer.parseInt(opts.getOrDefault("matches", "1000000"));
        int players = Integer.parseInt(opts.getOrDefault("players", "1000000"));
        int queries = Integer.parseInt(opts.getOrDefault("queries", "2000"));
        Path dir = Files.createTempDirectory("projections-bench");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(dir.resolve("kafka")));
             SchemaRegistryServer registryServer = SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.bootstrapServers(), "127.0.0.1", 0));
             EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgresConfig.of(dir.resolve("postgres")));
             SchemaRegistryClient registry = new SchemaRegistryClient(registryServer.uri())) {
            postgres.createDatabaseIfMissing("bench");
            HikariConfig hikari = new HikariConfig();
            hikari.setJdbcUrl(postgres.jdbcUrl("bench"));
            hikari.setMaximumPoolSize(6);
            try (HikariDataSource dataSource = new HikariDataSource(hikari)) {
                applyAndRebuild(kafka, registry, dataSource, matches);
                queries(kafka, registryServer, postgres, dataSource, players, queries);
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static void applyAndRebuild(EmbeddedKafka kafka, SchemaRegistryClient registry, HikariDataSource dataSource, int matches) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.MATCHES.name(), 12, (short) 1),
                    new NewTopic(Topics.REPLAY_EVENTS.name(), 12, (short) 1))).all().get();
            Thread.sleep(2000);
            long t0 = System.nanoTime();
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            var serializer = Topics.MATCHES.valueSerde(registry).serializer();
            Random random = new Random(7);
            Instant start = Instant.parse("2026-10-01T00:00:00Z");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                for (int m = 0; m < matches; m++) {
                    String a = "p" + random.nextInt(200_000), b = "p" + random.nextInt(200_000);
                    String id = "m" + m;
                    producer.send(new ProducerRecord<>(Topics.MATCHES.name(), id, serializer.serialize(Topics.MATCHES.name(),
                            Events.matchCompleted(id, m % 3 == 0 ? "casual-3v3" : "ranked-1v1", a, b.equals(a) ? b + "x" : b,
                                    Outcome.values()[m % 3], true, start.plusMillis(m * 100L), false, m % 5, m % 4,
                                    List.of("knight", "archer", "cleric"), List.of("mage", "archer", "knight")))));
                }
            }
            System.out.printf("produced %,d MatchCompleted in %.1f s%n", matches, (System.nanoTime() - t0) / 1e9);
            Map<TopicPartition, Long> ends = ends(admin, Topics.MATCHES.name());

            for (Projection projection : List.of(new StatsProjection(), new HistoryProjection())) {
                String live = ReadModelSchemas.live(projection.name());
                ReadModelSchemas.migrate(dataSource, projection.name(), live);
                long begin = System.nanoTime();
                try (Projector projector = new Projector(projection, dataSource, live, true, kafka.bootstrapServers(), "", registry,
                        Projector.Options.DEFAULTS)) {
                    projector.start();
                    awaitOffsets(dataSource, live, ends);
                }
                double seconds = (System.nanoTime() - begin) / 1e9;
                System.out.printf("apply %s: %,d events in %.1f s = %,.0f events/s (exactly once, batches of %d)%n",
                        projection.name(), matches, seconds, matches / seconds, Projector.Options.DEFAULTS.maxBatchRecords());
            }
            long begin = System.nanoTime();
            Rebuilder.Result result = new Rebuilder(dataSource, kafka.bootstrapServers(), "", registry, Projector.Options.DEFAULTS)
                    .rebuild(new StatsProjection());
            System.out.printf("rebuild stats from 0: %,d events in %.1f s (%,.0f events/s)%n", result.events(),
                    (System.nanoTime() - begin) / 1e9, result.events() / ((System.nanoTime() - begin) / 1e9));
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < 12; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static void awaitOffsets(HikariDataSource dataSource, String schema, Map<TopicPartition, Long> ends) throws Exception {
        while (true) {
            Map<TopicPartition, Long> stored = Projector.storedOffsets(dataSource, schema);
            if (ends.entrySet().stream().allMatch(e -> stored.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static void queries(EmbeddedKafka kafka, SchemaRegistryServer registry, EmbeddedPostgres postgres,
                                HikariDataSource dataSource, int players, int queries) throws Exception {
        for (String name : List.of("players", "ratings", "social", "reports")) {
            ReadModelSchemas.migrate(dataSource, name, ReadModelSchemas.live(name));
        }
        ReadModelSchemas.migrateOps(dataSource);
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT setseed(0.42)");
            s.execute("""
                    INSERT INTO projections_ratings.board_entries (board_id, player_id, rating, deviation, games)
                    SELECT 'global', %2$s, round((900 + (random() + random() + random()) * 400)::numeric, 2)::float8, 60, 30
                    FROM generate_series(0, %1$d - 1) AS i""".formatted(players, PLAYER_SQL));
            s.execute("""
                    INSERT INTO projections_ratings.board_buckets (board_id, bucket, players)
                    SELECT board_id, floor(rating)::int, count(*) FROM projections_ratings.board_entries GROUP BY 1, 2""");
            s.execute("""
                    INSERT INTO projections_stats.player_stats
                    SELECT %2$s, q, 10, 5, 4, 1, 20, 10, 2000, 1000, 500
                    FROM generate_series(0, %1$d - 1) AS i, unnest(ARRAY['casual-3v3', 'ranked-1v1']) AS q
                    ON CONFLICT DO NOTHING""".formatted(players, PLAYER_SQL));
            s.execute("""
                    INSERT INTO projections_stats.class_usage
                    SELECT %2$s, q, c, 10 FROM generate_series(0, %1$d - 1) AS i, unnest(ARRAY['casual-3v3', 'ranked-1v1']) AS q,
                           unnest(ARRAY['knight', 'mage', 'archer', 'cleric']) AS c
                    ON CONFLICT DO NOTHING""".formatted(players, PLAYER_SQL));
            s.execute("ANALYZE");
        }
        System.out.printf("seeded %,d players in %.1f s%n", players, (System.nanoTime() - t0) / 1e9);
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("datasources.projections.url", postgres.jdbcUrl("bench"));
        props.put("datasources.projections.driver-class-name", "org.postgresql.Driver");
        props.put("ludus.projections.enabled", false);
        props.put("micronaut.security.token.jwt.signatures.secret.generator.secret", "bench-only-jwt-secret-of-at-least-256-bits-0123456789");
        try (ApplicationContext context = ApplicationContext.run(props);
             HttpClient client = HttpClient.create(context.getBean(EmbeddedServer.class).start().getURL())) {
            BlockingHttpClient http = client.toBlocking();
            AccessTokens tokens = context.getBean(AccessTokens.class);
            Random random = new Random(11);
            String token = tokens.sign(player(1), UUID.randomUUID(), Duration.ofHours(1));
            for (int warm = 0; warm < 200; warm++) {
                http.retrieve(HttpRequest.GET("/v1/players/" + player(random.nextInt(players)) + "/stats").bearerAuth(token));
            }
            report("stats", queries, () -> http.retrieve(HttpRequest.GET("/v1/players/" + player(random.nextInt(players)) + "/stats").bearerAuth(token)));
            List<String> cursors = new ArrayList<>();
            String next = null;
            for (int page = 0; page < 50; page++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = http.retrieve(HttpRequest.GET("/v1/leaderboards?limit=50" + (next == null ? "" : "&after=" + next))
                        .bearerAuth(token), Map.class);
                next = (String) body.get("next");
                cursors.add(next);
            }
            report("leaderboard page (50 entries, first 50 pages by cursor)", queries, () -> {
                String cursor = cursors.get(random.nextInt(cursors.size()));
                http.retrieve(HttpRequest.GET("/v1/leaderboards?limit=50&after=" + cursor).bearerAuth(token));
            });
            List<String> meTokens = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                meTokens.add(tokens.sign(player(random.nextInt(players)), UUID.randomUUID(), Duration.ofHours(1)));
            }
            report("around-me (radius 5)", queries, () -> http.retrieve(HttpRequest.GET("/v1/leaderboards/around-me?radius=5")
                    .bearerAuth(meTokens.get(random.nextInt(meTokens.size())))));
        }
    }

    private static UUID player(int i) {
        return UUID.fromString("00000000-0000-4000-8000-%012d".formatted(i));
    }

    private static void report(String what, int n, Runnable query) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            query.run();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("%s: n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n", what, n, nanos[n / 2] / 1e6,
                nanos[(int) Math.ceil(n * 0.99) - 1] / 1e6, nanos[n - 1] / 1e6);
    }

    private ProjectionsBenchmark() {
    }

}
