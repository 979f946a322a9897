package io.ludus.loadtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.common.Outcome;
import io.ludus.events.common.ReplayReference;
import io.ludus.events.common.TeamLoadout;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.match.MatchSide;
import io.ludus.events.matchmaking.MatchmakingTicketEvent;
import io.ludus.events.matchmaking.TicketOpened;
import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.notification.QueueJoined;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import io.ludus.loadtest.LoadtestCli;
import io.ludus.projections.readmodel.ReadModelSchemas;
import io.ludus.projections.readmodel.ratings.RatingsProjection;
import io.ludus.projections.readmodel.stats.StatsProjection;
import io.ludus.testkit.LudusInfra;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestPostgres;
import io.ludus.testkit.TestSchemaRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker on real Kafka and PostgreSQL: a consistent game passes, then each kind of violation, written into the
 * topics or the read models, is reported by its invariant. Topics carry a per-test prefix; nothing consumes them.
 */
@Tag("integration")
@Timeout(300)
@LudusInfra
class ChaosCheckIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestKafka kafka;
    private SchemaRegistryClient registry;
    private String registryUrl;
    private String prefix;
    private TestDatabase db;

    @Test
    void aConsistentGameHoldsAndEveryInjectedViolationIsReportedByItsInvariant(TestKafka kafka, TestSchemaRegistry registry,
            TestPostgres postgres) throws Exception {
        this.kafka = kafka;
        this.registryUrl = registry.url();
        this.registry = new SchemaRegistryClient(URI.create(registryUrl));
        this.prefix = "chaos-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        kafka.createTopics(Topics.ALL.stream().map(s -> new NewTopic(prefix + s.name(), s.partitions(), (short) 1)).toList());
        db = postgres.freshDatabase();
        ReadModelSchemas.migrate(db.dataSource(), StatsProjection.NAME, ReadModelSchemas.live(StatsProjection.NAME));
        ReadModelSchemas.migrate(db.dataSource(), RatingsProjection.NAME, ReadModelSchemas.live(RatingsProjection.NAME));

        // ann and bob join ranked-1v1, are matched, the battle is simulated once, both are rated and counted once
        join("c1", "ann");
        join("c2", "bob");
        opened("c1", "ann");
        opened("c2", "bob");
        formed("m1", "ann", "c1", "bob", "c2");
        simulated("m1", Outcome.TEAM_A_WINS, 120);
        completed("m1", "ann", "bob", Outcome.TEAM_A_WINS, 120);
        rated("ann", "m1");
        rated("bob", "m1");
        notified("ann", 1);
        notified("ann", 2);
        notified("bob", 1);
        sql("INSERT INTO " + ReadModelSchemas.live(StatsProjection.NAME) + ".player_stats VALUES "
                + "('ann', 'ranked-1v1', 1, 1, 0, 0, 2, 0, 10, 5, 0), ('bob', 'ranked-1v1', 1, 0, 1, 0, 0, 2, 5, 10, 0)");
        sql("INSERT INTO " + ReadModelSchemas.live(RatingsProjection.NAME) + ".ratings VALUES "
                + "('ann', 1600, 300, 0.06, 1, 1, 0, 0, 'm1', now()), ('bob', 1400, 300, 0.06, 1, 0, 1, 0, 'm1', now())");

        JsonNode clean = check(0);
        for (JsonNode invariant : clean.path("invariants")) {
            assertThat(invariant.path("violations").asLong()).as(invariant.path("name").asText()).isZero();
            assertThat(invariant.path("behind").asLong()).as(invariant.path("name").asText()).isZero();
        }
        assertThat(clean.path("invariants")).hasSize(8); // the bots' delivery needs --swarm-report
        assertThat(clean.path("invariants").get(0).path("checked").asLong()).as("joins read").isEqualTo(2);

        join("c9", "cy"); // acknowledged, never opened, never refused
        assertViolated(InvariantChecker.TICKETS_KEPT);

        formed("m2", "ann", "c1", "cy", "c8"); // ann's ticket c1 again
        assertViolated(InvariantChecker.TICKET_ONCE);

        formed("m1", "ann", "c1", "bob", "c2");
        assertViolated(InvariantChecker.MATCH_FORMED_ONCE);

        formed("m3", "dee", "c30", "dee", "c31");
        assertViolated(InvariantChecker.NO_SELF_MATCH);

        simulated("m1", Outcome.TEAM_B_WINS, 120);
        assertViolated(InvariantChecker.ONE_RESULT);

        sql("UPDATE " + ReadModelSchemas.live(StatsProjection.NAME) + ".player_stats SET matches = 2 WHERE player_id = 'bob'");
        assertViolated(InvariantChecker.STATS_ONCE);

        rated("bob", "m1");
        assertViolated(InvariantChecker.RATING_ONCE);

        notified("bob", 3);
        assertViolated(InvariantChecker.LOG_GAPLESS);

        Path swarmReport = dir.resolve("swarm.json");
        Files.writeString(swarmReport, "{\"notifications\": 10, \"missedNotifications\": 1, \"duplicatedNotifications\": 0, "
                + "\"outOfOrderNotifications\": 0}");
        JsonNode withSwarm = check(9, "--swarm-report", swarmReport.toString());
        assertThat(violations(withSwarm, InvariantChecker.BOTS_RECEIVED_ALL)).isEqualTo(1);
    }

    private void assertViolated(String invariant) throws Exception {
        assertThat(violations(check(9), invariant)).as(invariant).isPositive();
    }

    private static long violations(JsonNode report, String name) {
        for (JsonNode i : report.path("invariants")) {
            if (i.path("name").asText().equals(name)) {
                return i.path("violations").asLong();
            }
        }
        throw new AssertionError("no invariant '" + name + "' in " + report);
    }

    private JsonNode check(int expectedExit, String... more) throws Exception {
        Path password = dir.resolve("pw");
        Files.writeString(password, db.password() == null ? "" : db.password());
        List<String> args = new java.util.ArrayList<>(List.of("chaos", "check", "--bootstrap", kafka.bootstrapServers(),
                "--registry", registryUrl, "--jdbc-url", db.jdbcUrl(), "--jdbc-user", db.user(), "--jdbc-password-file",
                password.toString(), "--topic-prefix", prefix, "--settle", "0s", "--output", "json"));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LoadtestCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        assertThat(code).as("exit code; out %s err %s", out, err).isEqualTo(expectedExit);
        JsonNode report = JSON.readTree(out.toString());
        assertThat(report.path("holds").asBoolean()).isEqualTo(expectedExit == 0);
        return report;
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private <V extends SpecificRecord> void produce(TopicSpec<String, V> spec, String key, V value) {
        kafka.produce(new StringSerializer(), spec.valueSerde(registry).serializer(),
                List.of(new ProducerRecord<>(prefix + spec.name(), key, value)));
    }

    private static UUID id() {
        return UUID.randomUUID();
    }

    private void join(String commandId, String player) {
        produce(Topics.PLAYER_COMMANDS, player, new PlayerCommand(id(), Instant.now(), commandId, null,
                new JoinQueue(player, commandId, "ranked-1v1", new TeamLoadout(List.of()), 100)));
    }

    private void opened(String commandId, String player) {
        produce(Topics.MATCHMAKING_TICKETS, "ranked-1v1", new MatchmakingTicketEvent(id(), Instant.now(), commandId, null,
                new TicketOpened(commandId, player, "ranked-1v1", new TeamLoadout(List.of()), 1500.0, 100, commandId, 350.0)));
    }

    private static MatchSide side(String player, String ticket) {
        return new MatchSide(player, ticket, 1500.0, 350.0, false);
    }

    private void formed(String matchId, String a, String ticketA, String b, String ticketB) {
        produce(Topics.MATCHES, matchId, new MatchEvent(id(), Instant.now(), matchId, null,
                new MatchFormed(matchId, "ranked-1v1", side(a, ticketA), side(b, ticketB), true, 7L)));
    }

    private static ReplayReference replay(String matchId) {
        return new ReplayReference("replays/" + matchId + ".ludr", "/v1/replays/" + matchId, 100L, "00", 1);
    }

    private void simulated(String matchId, Outcome outcome, int ticks) {
        produce(Topics.SIMULATION_RESULTS, matchId, new SimulationResultEvent(id(), Instant.now(), matchId, null,
                SimulationCompleted.newBuilder().setMatchId(matchId).setOutcome(outcome).setTicks(ticks).setUnits(List.of())
                        .setPlayers(List.of()).setReplay(replay(matchId)).setContentVersion("content-1").setEngineVersion("1").build()));
    }

    private void completed(String matchId, String a, String b, Outcome outcome, int ticks) {
        produce(Topics.MATCHES, matchId, new MatchEvent(id(), Instant.now(), matchId, null,
                new MatchCompleted(matchId, "ranked-1v1", a, b, outcome, ticks, replay(matchId), true, side(a, "c1"),
                        side(b, "c2"), List.of())));
    }

    private void rated(String player, String matchId) {
        produce(Topics.PLAYER_RATINGS, player, new PlayerRatingEvent(id(), Instant.now(), matchId, null,
                new PlayerRatingChanged(player, 1500.0, 300.0, 0.06, 1, 1, 0, 0, matchId)));
    }

    private void notified(String player, long seq) {
        produce(Topics.PLAYER_NOTIFICATIONS, player, new PlayerNotification(id(), Instant.now(), "c", null, seq,
                new QueueJoined("c" + seq, "ranked-1v1", "t" + seq)));
    }
}
