package io.ludus.notifier;

import io.ludus.events.common.Outcome;
import io.ludus.events.common.PlayerResult;
import io.ludus.events.common.ReplayReference;
import io.ludus.events.common.TeamLoadout;
import io.ludus.events.match.MatchAbortReason;
import io.ludus.events.match.MatchAborted;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.match.MatchSide;
import io.ludus.events.matchmaking.MatchmakingTicketEvent;
import io.ludus.events.matchmaking.TicketCancelReason;
import io.ludus.events.matchmaking.TicketCancelled;
import io.ludus.events.matchmaking.TicketExpired;
import io.ludus.events.matchmaking.TicketOpened;
import io.ludus.events.notification.CommandErrorCode;
import io.ludus.events.notification.CommandRejected;
import io.ludus.events.notification.FriendRequestReceived;
import io.ludus.events.notification.FriendshipChanged;
import io.ludus.events.notification.FriendshipStatus;
import io.ludus.events.notification.MatchCancelled;
import io.ludus.events.notification.MatchFound;
import io.ludus.events.notification.MatchResultReady;
import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.notification.QueueJoined;
import io.ludus.events.notification.QueueLeaveReason;
import io.ludus.events.notification.QueueLeft;
import io.ludus.events.notification.RatingChanged;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.rejection.CommandRefused;
import io.ludus.events.rejection.CommandRejectionEvent;
import io.ludus.events.rejection.RejectionReason;
import io.ludus.events.social.FriendRequestAccepted;
import io.ludus.events.social.FriendRequestSent;
import io.ludus.events.social.PlayerBlocked;
import io.ludus.events.social.SocialEvent;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestSchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

// The serdes speak the Confluent wire format, so the driver uses the testkit's real registry.
@Tag("integration")
@Timeout(120)
@ExtendWith(SchemaRegistryExtension.class)
class NotifierTopologyTest {

    private static SchemaRegistryClient registry;

    private TopologyTestDriver driver;
    private TestOutputTopic<String, PlayerNotification> out;

    @BeforeAll
    static void registry(TestSchemaRegistry testRegistry) {
        registry = new SchemaRegistryClient(URI.create(testRegistry.url()));
    }

    @AfterAll
    static void closeRegistry() {
        registry.close();
    }

    @BeforeEach
    void start() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        NotifierTopology.build(builder, registry);
        Path state = Files.createTempDirectory("notifier-ttd");
        NotifierConfig config = new NotifierConfig("unused:9092", "notifier-test", state, 1, 1, Duration.ofMillis(100));
        driver = new TopologyTestDriver(builder.build(), config.streamsProperties());
        out = driver.createOutputTopic(Topics.PLAYER_NOTIFICATIONS.name(), new StringDeserializer(),
                Topics.PLAYER_NOTIFICATIONS.valueSerde(registry).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private <V extends SpecificRecord> void pipe(TopicSpec<String, V> topic, String key, V value) {
        TestInputTopic<String, V> input = driver.createInputTopic(topic.name(), new StringSerializer(),
                topic.valueSerde(registry).serializer());
        input.pipeInput(key, value);
    }

    private static MatchmakingTicketEvent ticket(Object payload) {
        return MatchmakingTicketEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.ofEpochMilli(1000))
                .setCorrelationId("corr").setPayload(payload).build();
    }

    private static MatchEvent match(Object payload) {
        return MatchEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.ofEpochMilli(1000))
                .setCorrelationId("corr").setPayload(payload).build();
    }

    private static SocialEvent social(Object payload) {
        return SocialEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.ofEpochMilli(1000))
                .setCorrelationId("corr").setPayload(payload).build();
    }

    private static PlayerRatingEvent rating(String player, double rating, String matchId) {
        return PlayerRatingEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.ofEpochMilli(1000))
                .setCorrelationId("corr").setPayload(PlayerRatingChanged.newBuilder().setPlayerId(player).setRating(rating)
                        .setDeviation(200).setVolatility(0.06).setGamesPlayed(1).setWins(1).setLosses(0).setDraws(0)
                        .setMatchId(matchId).build())
                .build();
    }

    private static TicketOpened opened(String player, String ticket) {
        return TicketOpened.newBuilder().setTicketId(ticket).setPlayerId(player).setQueueId("ranked-1v1")
                .setLoadout(TeamLoadout.newBuilder().setUnits(List.of()).build()).setRating(1500).setSpread(100)
                .setCommandId("cmd-" + ticket).build();
    }

    private static MatchSide side(String player, boolean bot) {
        return MatchSide.newBuilder().setPlayerId(player).setTicketId("t-" + player).setRating(1500).setBot(bot).build();
    }

    private static ReplayReference replay() {
        return ReplayReference.newBuilder().setKey("k").setUri("file:/k").setSizeBytes(1).setSha256("00").setFormatVersion(1).build();
    }

    private List<KeyValue<String, PlayerNotification>> drain() {
        return out.readKeyValuesToList();
    }

    @Test
    void numbersEachPlayersNotificationsFromOneWithoutGaps() {
        pipe(Topics.MATCHMAKING_TICKETS, "ranked-1v1", ticket(opened("alice", "t1")));
        pipe(Topics.MATCHMAKING_TICKETS, "ranked-1v1", ticket(opened("bob", "t2")));
        pipe(Topics.MATCHES, "m1", match(MatchFormed.newBuilder().setMatchId("m1").setQueueId("ranked-1v1")
                .setTeamA(side("alice", false)).setTeamB(side("bob", false)).build()));
        pipe(Topics.SOCIAL_EVENTS, Topics.socialPairKey("alice", "bob"), social(FriendRequestSent.newBuilder()
                .setRequesterId("bob").setRecipientId("alice").build()));

        List<KeyValue<String, PlayerNotification>> all = drain();

        assertThat(all.stream().filter(kv -> kv.key.equals("alice")).map(kv -> kv.value.getSequence())).containsExactly(1L, 2L, 3L);
        assertThat(all.stream().filter(kv -> kv.key.equals("bob")).map(kv -> kv.value.getSequence())).containsExactly(1L, 2L, 3L);
    }

    @Test
    void tellsTheHumanSideOfABotMatchAndNotTheBot() {
        pipe(Topics.MATCHES, "m1", match(MatchFormed.newBuilder().setMatchId("m1").setQueueId("ranked-1v1")
                .setTeamA(side("alice", false)).setTeamB(side("bot-1", true)).build()));

        List<KeyValue<String, PlayerNotification>> all = drain();

        assertThat(all).hasSize(1);
        assertThat(all.getFirst().key).isEqualTo("alice");
        MatchFound found = (MatchFound) all.getFirst().value.getPayload();
        assertThat(found.getOpponentId()).isEqualTo("bot-1");
        assertThat(found.getAgainstBot()).isTrue();
        assertThat(found.getTicketId()).isEqualTo("t-alice");
    }

    @Test
    void tellsEachHumanSideItsOwnResult() {
        pipe(Topics.MATCHES, "m1", match(MatchCompleted.newBuilder().setMatchId("m1").setQueueId("ranked-1v1")
                .setTeamAPlayerId("alice").setTeamBPlayerId("bob").setOutcome(Outcome.TEAM_B_WINS).setTicks(42)
                .setReplay(replay()).setSideA(side("alice", false)).setSideB(side("bob", false)).build()));

        List<KeyValue<String, PlayerNotification>> all = drain();

        assertThat(all).extracting(kv -> kv.key, kv -> ((MatchResultReady) kv.value.getPayload()).getPlayerResult())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("alice", PlayerResult.LOSS),
                        org.assertj.core.groups.Tuple.tuple("bob", PlayerResult.WIN));
    }

    @Test
    void aStoredReplayLocationReachesPlayersAsTheReplayApiPathAndACdnLinkAsItIs() {
        ReplayReference onDisk = replay();
        pipe(Topics.MATCHES, "m/2", match(MatchCompleted.newBuilder().setMatchId("m/2").setQueueId("ranked-1v1")
                .setTeamAPlayerId("alice").setTeamBPlayerId("bob").setOutcome(Outcome.DRAW).setTicks(42)
                .setReplay(onDisk).setSideA(side("alice", false)).setSideB(side("bob", false)).build()));
        ReplayReference told = ((MatchResultReady) drain().getFirst().value.getPayload()).getReplay();
        assertThat(told.getUri()).isEqualTo("/v1/replays/m%2F2");
        assertThat(told.getKey()).isEqualTo(onDisk.getKey());
        assertThat(told.getSha256()).isEqualTo(onDisk.getSha256());

        ReplayReference cdn = ReplayReference.newBuilder(onDisk).setUri("https://cdn.example/r/m3").build();
        pipe(Topics.MATCHES, "m3", match(MatchCompleted.newBuilder().setMatchId("m3").setQueueId("ranked-1v1")
                .setTeamAPlayerId("alice").setTeamBPlayerId("bob").setOutcome(Outcome.DRAW).setTicks(42)
                .setReplay(cdn).setSideA(side("alice", false)).setSideB(side("bob", false)).build()));
        assertThat(((MatchResultReady) drain().getFirst().value.getPayload()).getReplay().getUri()).isEqualTo("https://cdn.example/r/m3");
    }

    @Test
    void cancelsAnAbortedMatchForBothSides() {
        pipe(Topics.MATCHES, "m1", match(MatchAborted.newBuilder().setMatchId("m1").setQueueId("ranked-1v1")
                .setTeamAPlayerId("alice").setTeamBPlayerId("bob").setReason(MatchAbortReason.SIMULATION_FAILED)
                .setMessage("the battle could not be simulated").build()));

        List<KeyValue<String, PlayerNotification>> all = drain();

        assertThat(all).extracting(kv -> kv.key).containsExactlyInAnyOrder("alice", "bob");
        assertThat(all).allSatisfy(kv -> assertThat(kv.value.getPayload()).isInstanceOf(MatchCancelled.class));
    }

    @Test
    void reportsTicketsOpenedCancelledAndExpiredWithTheirReason() {
        pipe(Topics.MATCHMAKING_TICKETS, "ranked-1v1", ticket(opened("alice", "t1")));
        pipe(Topics.MATCHMAKING_TICKETS, "ranked-1v1", ticket(TicketCancelled.newBuilder().setTicketId("t1").setPlayerId("alice")
                .setQueueId("ranked-1v1").setCommandId("ban-1").setReason(TicketCancelReason.ACCOUNT_BANNED).build()));
        pipe(Topics.MATCHMAKING_TICKETS, "ranked-1v1", ticket(TicketExpired.newBuilder().setTicketId("t2").setPlayerId("alice")
                .setQueueId("ranked-1v1").setOpenedAt(Instant.ofEpochMilli(1)).build()));

        List<PlayerNotification> all = drain().stream().map(kv -> kv.value).toList();

        assertThat(all).hasSize(3);
        QueueJoined joined = (QueueJoined) all.get(0).getPayload();
        assertThat(joined.getCommandId()).isEqualTo("cmd-t1");
        assertThat(joined.getTicketId()).isEqualTo("t1");
        assertThat(((QueueLeft) all.get(1).getPayload()).getReason()).isEqualTo(QueueLeaveReason.ACCOUNT_BANNED);
        assertThat(((QueueLeft) all.get(2).getPayload()).getReason()).isEqualTo(QueueLeaveReason.EXPIRED);
    }

    @Test
    void tellsTheRecipientOfAFriendRequestAndBothSidesOfAnAcceptance() {
        pipe(Topics.SOCIAL_EVENTS, Topics.socialPairKey("alice", "bob"), social(FriendRequestSent.newBuilder()
                .setRequesterId("alice").setRecipientId("bob").build()));
        pipe(Topics.SOCIAL_EVENTS, Topics.socialPairKey("alice", "bob"), social(FriendRequestAccepted.newBuilder()
                .setRequesterId("alice").setRecipientId("bob").build()));

        List<KeyValue<String, PlayerNotification>> all = drain();

        assertThat(all.stream().filter(kv -> kv.key.equals("bob")).map(kv -> kv.value.getPayload()))
                .containsExactly(
                        FriendRequestReceived.newBuilder().setRequesterId("alice").build(),
                        FriendshipChanged.newBuilder().setOtherPlayerId("alice").setStatus(FriendshipStatus.FRIENDS).build());
        assertThat(all.stream().filter(kv -> kv.key.equals("alice")).map(kv -> kv.value.getPayload()))
                .containsExactly(
                        FriendshipChanged.newBuilder().setOtherPlayerId("bob").setStatus(FriendshipStatus.REQUEST_SENT).build(),
                        FriendshipChanged.newBuilder().setOtherPlayerId("bob").setStatus(FriendshipStatus.FRIENDS).build());
    }

    @Test
    void doesNotTellTheBlockedPlayerTheyAreBlocked() {
        pipe(Topics.SOCIAL_EVENTS, Topics.socialPairKey("alice", "bob"), social(PlayerBlocked.newBuilder()
                .setBlockerId("alice").setBlockedId("bob").build()));

        List<KeyValue<String, PlayerNotification>> all = drain();

        assertThat(all.stream().filter(kv -> kv.key.equals("bob")).map(kv -> ((FriendshipChanged) kv.value.getPayload()).getStatus()))
                .containsExactly(FriendshipStatus.NONE);
        assertThat(all.stream().filter(kv -> kv.key.equals("alice")).map(kv -> ((FriendshipChanged) kv.value.getPayload()).getStatus()))
                .containsExactly(FriendshipStatus.BLOCKED);
    }

    @Test
    void ratingDeltaIsMeasuredFromThePreviousRatingAndSilentChangesAreNotTold() {
        pipe(Topics.PLAYER_RATINGS, "alice", rating("alice", 1500, "m1"));
        pipe(Topics.PLAYER_RATINGS, "alice", rating("alice", 1520, "m1"));
        pipe(Topics.PLAYER_RATINGS, "alice", rating("alice", 1600, null));
        pipe(Topics.PLAYER_RATINGS, "alice", rating("alice", 1590, "m2"));

        List<PlayerNotification> all = drain().stream().map(kv -> kv.value).toList();

        assertThat(all).extracting(PlayerNotification::getSequence).containsExactly(1L, 2L, 3L);
        assertThat(all).extracting(n -> ((RatingChanged) n.getPayload()).getDelta()).containsExactly(0.0, 20.0, -10.0);
    }

    @Test
    void aFirstRatedMatchIsMeasuredFromTheStartingRating() {
        pipe(Topics.PLAYER_RATINGS, "alice", rating("alice", 1662.5, "m1"));

        RatingChanged changed = (RatingChanged) drain().getFirst().value.getPayload();

        assertThat(changed.getDelta()).isEqualTo(162.5);
        assertThat(changed.getMatchId()).isEqualTo("m1");
    }

    @Test
    void mapsEachRefusalReasonToTheErrorCodeOfTheSameName() {
        for (RejectionReason reason : RejectionReason.values()) {
            assertThat(NotificationDrafts.errorCode(reason.name()).name()).isEqualTo(reason.name());
        }
        pipe(Topics.COMMAND_REJECTIONS, "alice", CommandRejectionEvent.newBuilder().setEventId(UUID.randomUUID())
                .setOccurredAt(Instant.ofEpochMilli(1)).setCorrelationId("c")
                .setPayload(CommandRefused.newBuilder().setPlayerId("alice").setCommandId("cmd-9")
                        .setReason(RejectionReason.TOO_MANY_TICKETS).setMessage("leave a queue first").build())
                .build());

        CommandRejected rejected = (CommandRejected) drain().getFirst().value.getPayload();

        assertThat(rejected.getCode()).isEqualTo(CommandErrorCode.TOO_MANY_TICKETS);
        assertThat(rejected.getCommandId()).isEqualTo("cmd-9");
    }

    @Test
    void givesTheSameNotificationIdWhenTheSameSourceEventIsProcessedAgain() {
        MatchEvent formed = match(MatchFormed.newBuilder().setMatchId("m1").setQueueId("ranked-1v1")
                .setTeamA(side("alice", false)).setTeamB(side("bob", false)).build());
        pipe(Topics.MATCHES, "m1", formed);
        pipe(Topics.MATCHES, "m1", formed);

        List<PlayerNotification> alice = drain().stream().filter(kv -> kv.key.equals("alice")).map(kv -> kv.value).toList();

        assertThat(alice).hasSize(2);
        assertThat(alice.get(0).getEventId()).isEqualTo(alice.get(1).getEventId());
        assertThat(alice.get(0).getCausationId()).isEqualTo(formed.getEventId().toString());
    }
}
