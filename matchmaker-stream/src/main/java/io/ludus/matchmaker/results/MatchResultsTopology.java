package io.ludus.matchmaker.results;

import io.ludus.events.match.MatchEvent;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.replay.ReplayEvent;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.events.topic.Topics;
import io.ludus.matchmaker.topology.MatchmakerTopics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The matchmaker's match-results stage: simulation-results in, MatchCompleted/MatchAborted on matches and
 * ReplayStored on replay-events out ({@link MatchResults}). Stateless; it runs in the matchmaker's exactly-once
 * application, so each result's derived events commit once with its offset.
 */
public final class MatchResultsTopology {

    private MatchResultsTopology() {}

    public static void build(StreamsBuilder builder, MatchmakerTopics topics, SchemaRegistryClient registry) {
        Serde<String> keys = Serdes.String();
        KStream<String, SimulationResultEvent> results = builder.stream(topics.simulationResults(),
                Consumed.with(keys, Topics.SIMULATION_RESULTS.valueSerde(registry)).withName("match-results-source"));
        results.flatMapValues(MatchResults::matchEvents, Named.as("match-results-match-events"))
                .to(topics.matches(), Produced.with(keys, Topics.MATCHES.valueSerde(registry)).withName("match-results-matches-sink"));
        results.flatMapValues(MatchResults::replayEvents, Named.as("match-results-replay-events"))
                .to(topics.replayEvents(), Produced.with(keys, Topics.REPLAY_EVENTS.valueSerde(registry)).withName("match-results-replay-events-sink"));
    }
}
