package io.ludus.projections.rating.stream;

import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchSide;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.projections.rating.glicko.RatedPlayer;
import io.ludus.projections.streams.StreamsSettings;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.Properties;

/**
 * Ranked MatchCompleted from {@code matches} → one record per human player, re-keyed by playerId → that player's
 * Glicko-2 state in the player store → PlayerRatingChanged on compacted {@code player-ratings}. The opponent's rating
 * is the one the match carried from its formation, so each player's update needs only their own partition.
 * Unranked matches, bot matches and v1 events without sides change no rating (the read models still count them).
 */
public final class RatingsTopology {

    public static final String PLAYER_STORE = "ratings-players";
    public static final String BY_PLAYER_REPARTITION = "ratings-by-player";

    public static void build(StreamsBuilder builder, RatingsConfig config, SchemaRegistryClient registry) {
        Serde<MatchEvent> matchSerde = Topics.MATCHES.valueSerde(registry);
        Serde<PlayerRatingEvent> ratingSerde = Topics.PLAYER_RATINGS.valueSerde(registry);
        StoreBuilder<KeyValueStore<String, RatedPlayer>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PLAYER_STORE), Serdes.String(), new RatedPlayerSerde());
        builder.addStateStore(store);

        builder.stream(config.topicPrefix() + Topics.MATCHES.name(),
                        Consumed.with(Serdes.String(), matchSerde).withName("ratings-matches-source"))
                .filter((matchId, event) -> isRatable(event), Named.as("ratings-ranked-human-matches"))
                .flatMap((matchId, event) -> {
                    MatchCompleted completed = (MatchCompleted) event.getPayload();
                    return List.of(KeyValue.pair(completed.getSideA().getPlayerId(), event),
                            KeyValue.pair(completed.getSideB().getPlayerId(), event));
                }, Named.as("ratings-one-per-player"))
                .repartition(Repartitioned.with(Serdes.String(), matchSerde).withName(BY_PLAYER_REPARTITION))
                .process(() -> new RatePlayerProcessor(config.ledger()), Named.as("ratings-rate-player"), PLAYER_STORE)
                .to(config.topicPrefix() + Topics.PLAYER_RATINGS.name(),
                        Produced.with(Serdes.String(), ratingSerde).withName("ratings-publish"));
    }

    public static Properties streamsProperties(RatingsConfig config) {
        return StreamsSettings.properties(config.applicationId(), config.bootstrapServers(), config.stateDir());
    }

    static boolean isRatable(MatchEvent event) {
        if (event == null || !(event.getPayload() instanceof MatchCompleted completed) || !completed.getRanked()) {
            return false;
        }
        MatchSide a = completed.getSideA();
        MatchSide b = completed.getSideB();
        return a != null && b != null && !a.getBot() && !b.getBot() && !a.getPlayerId().equals(b.getPlayerId());
    }

    private RatingsTopology() {}
}
