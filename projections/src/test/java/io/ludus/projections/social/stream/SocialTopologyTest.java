package io.ludus.projections.social.stream;

import io.ludus.events.account.AccountEvent;
import io.ludus.events.command.CancelFriendRequest;
import io.ludus.events.command.DeclineFriendRequest;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.command.UnblockPlayer;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.rejection.CommandRefused;
import io.ludus.events.rejection.CommandRejectionEvent;
import io.ludus.events.rejection.RejectionReason;
import io.ludus.events.social.FriendRemoved;
import io.ludus.events.social.FriendRequestAccepted;
import io.ludus.events.social.FriendRequestCancelled;
import io.ludus.events.social.FriendRequestDeclined;
import io.ludus.events.social.FriendRequestSent;
import io.ludus.events.social.PlayerBlocked;
import io.ludus.events.social.PlayerUnblocked;
import io.ludus.events.social.SocialEvent;
import io.ludus.events.topic.Topics;
import io.ludus.testkit.LudusInfra;
import io.ludus.testkit.TestSchemaRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
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
import java.util.List;

import static io.ludus.projections.social.stream.SocialRecords.accept;
import static io.ludus.projections.social.stream.SocialRecords.banned;
import static io.ludus.projections.social.stream.SocialRecords.block;
import static io.ludus.projections.social.stream.SocialRecords.created;
import static io.ludus.projections.social.stream.SocialRecords.leaveQueue;
import static io.ludus.projections.social.stream.SocialRecords.remove;
import static io.ludus.projections.social.stream.SocialRecords.sendRequest;
import static org.assertj.core.api.Assertions.assertThat;

/** Given accounts and past commands, when a command arrives, then these social events or this rejection. */
@LudusInfra
class SocialTopologyTest {

    private static final String PAIR = Topics.socialPairKey("ann", "bob");

    private SchemaRegistryClient registry;
    private Topology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, PlayerCommand> commands;
    private TestInputTopic<String, AccountEvent> accounts;
    private TestOutputTopic<String, SocialEvent> socialEvents;
    private TestOutputTopic<String, CommandRejectionEvent> rejections;

    @BeforeEach
    void startDriver(TestSchemaRegistry testRegistry, @TempDir Path stateDir) {
        registry = new SchemaRegistryClient(URI.create(testRegistry.url()));
        SocialConfig defaults = SocialConfig.defaults("unused:9092", URI.create(testRegistry.url()), stateDir);
        SocialConfig config = new SocialConfig(defaults.bootstrapServers(), defaults.registryUrl(), defaults.applicationId(),
                stateDir, "", 2, defaults.partitions());
        StreamsBuilder builder = new StreamsBuilder();
        SocialTopology.build(builder, config, registry);
        topology = builder.build();
        driver = new TopologyTestDriver(topology, SocialTopology.streamsProperties(config));
        commands = driver.createInputTopic(Topics.PLAYER_COMMANDS.name(), Serdes.String().serializer(),
                Topics.PLAYER_COMMANDS.valueSerde(registry).serializer());
        accounts = driver.createInputTopic(Topics.ACCOUNT_EVENTS.name(), Serdes.String().serializer(),
                Topics.ACCOUNT_EVENTS.valueSerde(registry).serializer());
        socialEvents = driver.createOutputTopic(Topics.SOCIAL_EVENTS.name(), Serdes.String().deserializer(),
                Topics.SOCIAL_EVENTS.valueSerde(registry).deserializer());
        rejections = driver.createOutputTopic(Topics.COMMAND_REJECTIONS.name(), Serdes.String().deserializer(),
                Topics.COMMAND_REJECTIONS.valueSerde(registry).deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        registry.close();
    }

    private void givenAccounts(String... playerIds) {
        for (String playerId : playerIds) {
            accounts.pipeInput("acct-" + playerId, created(playerId));
        }
    }

    private void when(PlayerCommand command) {
        commands.pipeInput(SocialMapping.command(command).orElseThrow().actorId(), command);
    }

    private List<KeyValue<String, Object>> socialPayloads() {
        return socialEvents.readKeyValuesToList().stream().map(kv -> KeyValue.pair(kv.key, kv.value.getPayload())).toList();
    }

    private List<KeyValue<String, CommandRefused>> refusals() {
        return rejections.readKeyValuesToList().stream().map(kv -> KeyValue.pair(kv.key, (CommandRefused) kv.value.getPayload())).toList();
    }

    @Test
    void requestAndAcceptanceFromBothSidesLandOnThePairKey() {
        givenAccounts("ann", "bob");

        when(sendRequest("bob", "c1", "ann"));
        when(accept("ann", "c2", "bob"));

        assertThat(socialPayloads()).containsExactly(
                KeyValue.pair(PAIR, new FriendRequestSent("bob", "ann")),
                KeyValue.pair(PAIR, new FriendRequestAccepted("bob", "ann")));
        assertThat(rejections.isEmpty()).isTrue();
    }

    @Test
    void crossingRequestsBecomeAFriendship() {
        givenAccounts("ann", "bob");

        when(sendRequest("ann", "c1", "bob"));
        when(sendRequest("bob", "c2", "ann"));

        assertThat(socialPayloads()).extracting(kv -> kv.value).containsExactly(
                new FriendRequestSent("ann", "bob"), new FriendRequestAccepted("ann", "bob"));
    }

    @Test
    void refusalGoesToTheSenderWithReasonAndCommandId() {
        givenAccounts("ann");

        when(sendRequest("ann", "c1", "ghost"));

        List<KeyValue<String, CommandRefused>> refused = refusals();
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).key).isEqualTo("ann");
        assertThat(refused.get(0).value.getReason()).isEqualTo(RejectionReason.UNKNOWN_PLAYER);
        assertThat(refused.get(0).value.getCommandId()).isEqualTo("c1");
        assertThat(refused.get(0).value.getMessage()).isNotBlank();
        assertThat(socialEvents.isEmpty()).isTrue();
    }

    @Test
    void requestToOneselfIsRefused() {
        givenAccounts("ann");

        when(sendRequest("ann", "c1", "ann"));

        assertThat(refusals()).extracting(kv -> kv.value.getReason()).containsExactly(RejectionReason.SELF_TARGET);
    }

    @Test
    void blockRemovesTheFriendshipAndRefusesNewRequestsBothWays() {
        givenAccounts("ann", "bob");
        when(sendRequest("ann", "c1", "bob"));
        when(accept("bob", "c2", "ann"));
        socialEvents.readValuesToList();

        when(block("bob", "c3", "ann"));
        when(sendRequest("ann", "c4", "bob"));
        when(sendRequest("bob", "c5", "ann"));

        assertThat(socialPayloads()).extracting(kv -> kv.value).containsExactly(
                new FriendRemoved("bob", "ann"), new PlayerBlocked("bob", "ann"));
        assertThat(refusals()).extracting(kv -> kv.key + ":" + kv.value.getReason())
                .containsExactly("ann:PLAYER_BLOCKED", "bob:PLAYER_BLOCKED");
    }

    @Test
    void friendCapCountsFriendshipsFromTheProcessorsOwnEvents() {
        // the cap is 2 in this test
        givenAccounts("ann", "bob", "cat", "dan");
        when(sendRequest("ann", "c1", "bob"));
        when(accept("bob", "c2", "ann"));
        when(sendRequest("ann", "c3", "cat"));
        when(accept("cat", "c4", "ann"));

        when(sendRequest("dan", "c5", "ann"));

        assertThat(refusals()).extracting(kv -> kv.key + ":" + kv.value.getReason()).containsExactly("dan:FRIEND_LIMIT_REACHED");
    }

    @Test
    void removingAFriendFreesASlot() {
        givenAccounts("ann", "bob", "cat", "dan");
        when(sendRequest("ann", "c1", "bob"));
        when(accept("bob", "c2", "ann"));
        when(sendRequest("ann", "c3", "cat"));
        when(accept("cat", "c4", "ann"));
        when(remove("cat", "c5", "ann"));
        socialEvents.readValuesToList();

        when(sendRequest("dan", "c6", "ann"));

        assertThat(socialPayloads()).extracting(kv -> kv.value).containsExactly(new FriendRequestSent("dan", "ann"));
        assertThat(rejections.isEmpty()).isTrue();
    }

    @Test
    void bannedAccountsCanNeitherSendNorReceiveRequests() {
        givenAccounts("ann", "bob", "cat");
        accounts.pipeInput("acct-bob", banned("bob"));

        when(sendRequest("bob", "c1", "ann"));
        when(sendRequest("cat", "c2", "bob"));

        assertThat(refusals()).extracting(kv -> kv.key + ":" + kv.value.getReason())
                .containsExactly("bob:ACCOUNT_BANNED", "cat:ACCOUNT_BANNED");
        assertThat(socialEvents.isEmpty()).isTrue();
    }

    @Test
    void aResentCommandIsANoOp() {
        givenAccounts("ann", "bob");
        PlayerCommand request = sendRequest("ann", "c1", "bob");

        when(request);
        when(request);

        assertThat(socialPayloads()).hasSize(1);
        assertThat(rejections.isEmpty()).isTrue();
    }

    @Test
    void declineCancelAndUnblockReachTheirPair() {
        givenAccounts("ann", "bob");

        when(sendRequest("ann", "c1", "bob"));
        when(SocialRecords.command(new DeclineFriendRequest("bob", "c2", "ann")));
        when(sendRequest("ann", "c3", "bob"));
        when(SocialRecords.command(new CancelFriendRequest("ann", "c4", "bob")));
        when(block("ann", "c5", "bob"));
        when(SocialRecords.command(new UnblockPlayer("ann", "c6", "bob")));

        assertThat(socialPayloads()).extracting(kv -> kv.value).containsExactly(
                new FriendRequestSent("ann", "bob"), new FriendRequestDeclined("ann", "bob"),
                new FriendRequestSent("ann", "bob"), new FriendRequestCancelled("ann", "bob"),
                new PlayerBlocked("ann", "bob"), new PlayerUnblocked("ann", "bob"));
        assertThat(rejections.isEmpty()).isTrue();
    }

    @Test
    void otherCommandsAreIgnored() {
        givenAccounts("ann");

        commands.pipeInput("ann", leaveQueue("ann"));

        assertThat(socialEvents.isEmpty()).isTrue();
        assertThat(rejections.isEmpty()).isTrue();
    }

    @Test
    void namesEveryNodeStoreAndRepartitionTopic() {
        String description = topology.describe().toString();

        assertThat(description).contains(SocialTopology.PLAYER_STORE, SocialTopology.PAIR_STORE,
                SocialTopology.COMMANDS_BY_ACTOR + "-repartition", SocialTopology.COMMANDS_BY_OTHER + "-repartition",
                SocialTopology.COMMANDS_BY_PAIR + "-repartition", SocialTopology.ACCOUNTS_BY_PLAYER + "-repartition",
                SocialTopology.FRIEND_DELTAS_BY_PLAYER + "-repartition");
        assertThat(description).doesNotContain("KSTREAM-", "KTABLE-");
    }
}
