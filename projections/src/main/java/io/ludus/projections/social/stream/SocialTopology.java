package io.ludus.projections.social.stream;

import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountCreated;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.account.AccountRenamed;
import io.ludus.events.account.AccountUnbanned;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.social.FriendRemoved;
import io.ludus.events.social.FriendRequestAccepted;
import io.ludus.events.social.SocialEvent;
import io.ludus.events.topic.Topics;
import io.ludus.projections.social.friendship.FriendshipDecider;
import io.ludus.projections.social.friendship.SocialCommand;
import io.ludus.projections.streams.StreamsSettings;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.Properties;

/**
 * Friend and block commands from {@code player-commands} → the pair's state → {@code social-events} (key: the pair)
 * or {@code command-rejections} (key: the sender). On its way the command passes two by-player stages that attach
 * what the player store knows about the actor, then the other player (account known, banned, friend count); the
 * pair stage alone decides, so both players' commands about one pair are ordered in one partition. The player store
 * follows {@code account-events} and this processor's own {@code social-events} (friend counts).
 */
public final class SocialTopology {

    public static final String PLAYER_STORE = "social-players";
    public static final String PAIR_STORE = "social-pairs";
    public static final String COMMANDS_BY_ACTOR = "social-commands-by-actor";
    public static final String COMMANDS_BY_OTHER = "social-commands-by-other";
    public static final String COMMANDS_BY_PAIR = "social-commands-by-pair";
    public static final String ACCOUNTS_BY_PLAYER = "social-accounts-by-player";
    public static final String FRIEND_DELTAS_BY_PLAYER = "social-friend-deltas-by-player";

    public static void build(StreamsBuilder builder, SocialConfig config, SchemaRegistryClient registry) {
        String prefix = config.topicPrefix();
        int partitions = config.partitions();
        Serde<PlayerCommand> commandSerde = Topics.PLAYER_COMMANDS.valueSerde(registry);
        Serde<AccountEvent> accountSerde = Topics.ACCOUNT_EVENTS.valueSerde(registry);
        Serde<SocialEvent> socialSerde = Topics.SOCIAL_EVENTS.valueSerde(registry);
        Serde<CheckedCommand> checkedSerde = StoreFormats.checkedCommand(commandSerde, prefix + Topics.PLAYER_COMMANDS.name());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PLAYER_STORE), Serdes.String(), StoreFormats.party()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAIR_STORE), Serdes.String(), StoreFormats.pairState()));

        builder.stream(prefix + Topics.ACCOUNT_EVENTS.name(), Consumed.with(Serdes.String(), accountSerde).withName("social-accounts-source"))
                .filter((accountId, event) -> event != null && playerIdOf(event) != null, Named.as("social-accounts-with-player"))
                .selectKey((accountId, event) -> playerIdOf(event), Named.as("social-account-by-player"))
                .repartition(Repartitioned.with(Serdes.String(), accountSerde).withName(ACCOUNTS_BY_PLAYER).withNumberOfPartitions(partitions))
                .processValues(PlayerDirectory.ApplyAccount::new, Named.as("social-apply-account"), PLAYER_STORE);

        builder.stream(prefix + Topics.SOCIAL_EVENTS.name(), Consumed.with(Serdes.String(), socialSerde).withName("social-events-source"))
                .flatMap((pair, event) -> friendDeltas(event), Named.as("social-friend-deltas"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.Integer()).withName(FRIEND_DELTAS_BY_PLAYER).withNumberOfPartitions(partitions))
                .processValues(PlayerDirectory.ApplyFriendDelta::new, Named.as("social-apply-friend-delta"), PLAYER_STORE);

        KStream<String, SocialOutput> outputs = builder.stream(prefix + Topics.PLAYER_COMMANDS.name(),
                        Consumed.with(Serdes.String(), commandSerde).withName("social-commands-source"))
                .filter((playerId, command) -> SocialMapping.command(command).isPresent(), Named.as("social-commands-only"))
                .selectKey((playerId, command) -> SocialMapping.command(command).map(SocialCommand::actorId).orElseThrow(),
                        Named.as("social-command-by-actor"))
                .repartition(Repartitioned.with(Serdes.String(), commandSerde).withName(COMMANDS_BY_ACTOR).withNumberOfPartitions(partitions))
                .process(PlayerDirectory.AttachActor::new, Named.as("social-attach-actor"), PLAYER_STORE)
                .repartition(Repartitioned.with(Serdes.String(), checkedSerde).withName(COMMANDS_BY_OTHER).withNumberOfPartitions(partitions))
                .process(PlayerDirectory.AttachOther::new, Named.as("social-attach-other"), PLAYER_STORE)
                .repartition(Repartitioned.with(Serdes.String(), checkedSerde).withName(COMMANDS_BY_PAIR).withNumberOfPartitions(partitions))
                .process(() -> new DecidePairProcessor(new FriendshipDecider(config.friendCap())), Named.as("social-decide-pair"), PAIR_STORE);

        outputs.split(Named.as("social-output-"))
                .branch((pair, output) -> output instanceof SocialOutput.Event, Branched.withConsumer(events -> events
                        .mapValues(output -> ((SocialOutput.Event) output).event(), Named.as("social-event-value"))
                        .to(prefix + Topics.SOCIAL_EVENTS.name(), Produced.with(Serdes.String(), socialSerde).withName("social-events-sink")),
                        "events"))
                .defaultBranch(Branched.withConsumer(rejections -> rejections
                        .map((pair, output) -> {
                            var rejection = (SocialOutput.Rejection) output;
                            return KeyValue.pair(rejection.playerId(), rejection.rejection());
                        }, Named.as("social-rejection-by-sender"))
                        .to(prefix + Topics.COMMAND_REJECTIONS.name(),
                                Produced.with(Serdes.String(), Topics.COMMAND_REJECTIONS.valueSerde(registry)).withName("social-rejections-sink")),
                        "rejections"));
    }

    public static Properties streamsProperties(SocialConfig config) {
        return StreamsSettings.properties(config.applicationId(), config.bootstrapServers(), config.stateDir());
    }

    private static String playerIdOf(AccountEvent event) {
        return switch (event.getPayload()) {
            case AccountCreated c -> c.getPlayerId();
            case AccountRenamed r -> r.getPlayerId();
            case AccountBanned b -> b.getPlayerId();
            case AccountUnbanned u -> u.getPlayerId();
            default -> null;
        };
    }

    private static List<KeyValue<String, Integer>> friendDeltas(SocialEvent event) {
        if (event == null) {
            return List.of();
        }
        return switch (event.getPayload()) {
            case FriendRequestAccepted a -> List.of(KeyValue.pair(a.getRequesterId(), 1), KeyValue.pair(a.getRecipientId(), 1));
            case FriendRemoved r -> List.of(KeyValue.pair(r.getPlayerId(), -1), KeyValue.pair(r.getFriendId(), -1));
            default -> List.of();
        };
    }

    private SocialTopology() {}
}
