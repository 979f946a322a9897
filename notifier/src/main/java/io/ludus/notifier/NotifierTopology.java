package io.ludus.notifier;

import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.function.Function;

/**
 * Domain events in, player-notifications out. Every input becomes drafts keyed by the recipient's
 * playerId; one repartition topic brings all of a player's drafts to one task, whose
 * {@link Sequencer} numbers them from the player's cursor.
 */
public final class NotifierTopology {

    static final String CURSOR_STORE = "notifier-player-cursors";
    static final String BY_PLAYER = "notifier-drafts-by-player";

    private NotifierTopology() {}

    public static void build(StreamsBuilder builder, SchemaRegistryClient registry) {
        KStream<String, PlayerNotification> drafts = drafts(builder, registry, Topics.MATCHMAKING_TICKETS, "tickets", NotificationDrafts::fromTicket)
                .merge(drafts(builder, registry, Topics.MATCHES, "matches", NotificationDrafts::fromMatch), Named.as("notifier-merge-matches"))
                .merge(drafts(builder, registry, Topics.SOCIAL_EVENTS, "social", NotificationDrafts::fromSocial), Named.as("notifier-merge-social"))
                .merge(drafts(builder, registry, Topics.PLAYER_RATINGS, "ratings", NotificationDrafts::fromRating), Named.as("notifier-merge-ratings"))
                .merge(drafts(builder, registry, Topics.COMMAND_REJECTIONS, "rejections", NotificationDrafts::fromRejection), Named.as("notifier-merge-rejections"));

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CURSOR_STORE), Serdes.String(), PlayerCursor.serde()));

        var notifications = Topics.PLAYER_NOTIFICATIONS.valueSerde(registry);
        drafts.repartition(Repartitioned.<String, PlayerNotification>as(BY_PLAYER)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(notifications)
                        .withNumberOfPartitions(Topics.PLAYER_NOTIFICATIONS.partitions()))
                .process(() -> new Sequencer(CURSOR_STORE), Named.as("notifier-sequence"), CURSOR_STORE)
                .to(Topics.PLAYER_NOTIFICATIONS.name(), Produced.with(Serdes.String(), notifications).withName("notifier-sink"));
    }

    private static <V extends SpecificRecord> KStream<String, PlayerNotification> drafts(
            StreamsBuilder builder, SchemaRegistryClient registry, TopicSpec<String, V> topic, String name,
            Function<V, List<KeyValue<String, PlayerNotification>>> mapping) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde(registry)).withName("notifier-source-" + name))
                .filter((key, value) -> value != null, Named.as("notifier-present-" + name))
                .flatMap((key, value) -> mapping.apply(value), Named.as("notifier-drafts-" + name));
    }
}
