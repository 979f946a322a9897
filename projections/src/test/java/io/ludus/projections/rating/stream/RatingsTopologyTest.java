package io.ludus.projections.rating.stream;

import io.ludus.events.common.Outcome;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.projections.rating.glicko.GameResult;
import io.ludus.projections.rating.glicko.Glicko2;
import io.ludus.projections.rating.glicko.Rating;
import io.ludus.testkit.LudusInfra;
import io.ludus.testkit.TestSchemaRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.ludus.projections.rating.stream.MatchEvents.bot;
import static io.ludus.projections.rating.stream.MatchEvents.completed;
import static io.ludus.projections.rating.stream.MatchEvents.side;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@LudusInfra
class RatingsTopologyTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private SchemaRegistryClient registry;
    private Topology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, MatchEvent> matches;
    private TestOutputTopic<String, PlayerRatingEvent> ratings;

    @BeforeEach
    void startDriver(TestSchemaRegistry testRegistry, @TempDir Path stateDir) {
        registry = new SchemaRegistryClient(URI.create(testRegistry.url()));
        RatingsConfig config = RatingsConfig.defaults("unused:9092", URI.create(testRegistry.url()), stateDir);
        StreamsBuilder builder = new StreamsBuilder();
        RatingsTopology.build(builder, config, registry);
        topology = builder.build();
        driver = new TopologyTestDriver(topology, RatingsTopology.streamsProperties(config));
        matches = driver.createInputTopic(Topics.MATCHES.name(), Serdes.String().serializer(),
                Topics.MATCHES.valueSerde(registry).serializer());
        ratings = driver.createOutputTopic(Topics.PLAYER_RATINGS.name(), Serdes.String().deserializer(),
                Topics.PLAYER_RATINGS.valueSerde(registry).deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        registry.close();
    }

    private Map<String, PlayerRatingChanged> publishedByPlayer() {
        return ratings.readKeyValuesToList().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> (PlayerRatingChanged) kv.value.getPayload(), (a, b) -> b));
    }

    @Test
    void ratesBothPlayersAgainstTheOpponentsRatingAtFormation() {
        matches.pipeInput("m1", completed("m1", side("ann", 1500, 200), side("bob", 1400, 30), Outcome.TEAM_A_WINS, true, T0));

        Map<String, PlayerRatingChanged> published = publishedByPlayer();

        // both are new to the processor, so each starts at 1500/350 and meets the opponent as the match formed
        Glicko2 glicko = Glicko2.withDefaults();
        Rating annExpected = glicko.rate(Rating.INITIAL, List.of(new GameResult(1400, 30, GameResult.Score.WIN)));
        Rating bobExpected = glicko.rate(Rating.INITIAL, List.of(new GameResult(1500, 200, GameResult.Score.LOSS)));
        assertThat(published.get("ann").getRating()).isCloseTo(annExpected.rating(), within(1e-9));
        assertThat(published.get("ann").getDeviation()).isCloseTo(annExpected.deviation(), within(1e-9));
        assertThat(published.get("ann").getWins()).isEqualTo(1);
        assertThat(published.get("ann").getMatchId()).isEqualTo("m1");
        assertThat(published.get("bob").getRating()).isCloseTo(bobExpected.rating(), within(1e-9));
        assertThat(published.get("bob").getLosses()).isEqualTo(1);
    }

    @Test
    void aMatchDeliveredTwiceIsRatedOncePerPlayer() {
        var event = completed("m1", side("ann", 1500, 350), side("bob", 1500, 350), Outcome.TEAM_B_WINS, true, T0);
        matches.pipeInput("m1", event);
        matches.pipeInput("m1", event);

        List<PlayerRatingEvent> published = ratings.readValuesToList();

        assertThat(published).hasSize(2);
        assertThat(published).extracting(e -> ((PlayerRatingChanged) e.getPayload()).getPlayerId())
                .containsExactlyInAnyOrder("ann", "bob");
    }

    @Test
    void laterMatchesBuildOnThePlayersStoredRating() {
        matches.pipeInput("m1", completed("m1", side("ann", 1500, 350), side("bob", 1500, 350), Outcome.TEAM_A_WINS, true, T0));
        matches.pipeInput("m2", completed("m2", side("cat", 1500, 350), side("ann", 1662, 290), Outcome.TEAM_B_WINS, true, T0.plusSeconds(600)));

        List<PlayerRatingChanged> annUpdates = ratings.readKeyValuesToList().stream()
                .filter(kv -> kv.key.equals("ann")).map(kv -> (PlayerRatingChanged) kv.value.getPayload()).toList();

        assertThat(annUpdates).hasSize(2);
        assertThat(annUpdates.get(1).getRating()).isGreaterThan(annUpdates.get(0).getRating());
        assertThat(annUpdates.get(1).getGamesPlayed()).isEqualTo(2);
        assertThat(annUpdates.get(1).getWins()).isEqualTo(2);
    }

    @Test
    void aDrawCountsAsHalfAWinForBoth() {
        matches.pipeInput("m1", completed("m1", side("ann", 1500, 350), side("bob", 1500, 350), Outcome.DRAW, true, T0));

        Map<String, PlayerRatingChanged> published = publishedByPlayer();

        assertThat(published.get("ann").getRating()).isCloseTo(1500, within(1e-9));
        assertThat(published.get("ann").getDraws()).isEqualTo(1);
        assertThat(published.get("bob").getDraws()).isEqualTo(1);
        assertThat(published.get("bob").getDeviation()).isLessThan(350);
    }

    @Test
    void unrankedMatchesChangeNoRating() {
        matches.pipeInput("m1", completed("m1", side("ann", 1500, 350), side("bob", 1500, 350), Outcome.TEAM_A_WINS, false, T0));

        assertThat(ratings.isEmpty()).isTrue();
    }

    @Test
    void botMatchesChangeNoRating() {
        matches.pipeInput("m1", completed("m1", side("ann", 1500, 350), bot("bot-7"), Outcome.TEAM_A_WINS, true, T0));

        assertThat(ratings.isEmpty()).isTrue();
    }

    @Test
    void undecodableRecordsAreSkippedAndLaterMatchesStillRated() {
        driver.createInputTopic(Topics.MATCHES.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput("bad", new byte[] {0, 0, 0, 0, 1, 2, 3});
        matches.pipeInput("m1", completed("m1", side("ann", 1500, 350), side("bob", 1500, 350), Outcome.TEAM_A_WINS, true, T0));

        assertThat(publishedByPlayer()).containsOnlyKeys("ann", "bob");
    }

    @Test
    void namesEveryNodeStoreAndRepartitionTopic() {
        String description = topology.describe().toString();

        assertThat(description).contains(RatingsTopology.BY_PLAYER_REPARTITION + "-repartition", RatingsTopology.PLAYER_STORE);
        assertThat(description).doesNotContain("KSTREAM-", "KTABLE-");
    }
}
