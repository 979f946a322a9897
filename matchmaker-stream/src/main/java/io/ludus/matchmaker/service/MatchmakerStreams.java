package io.ludus.matchmaker.service;

import io.ludus.events.queue.QueueDefinition;
import io.ludus.events.queue.QueueDefinitions;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.matchmaker.results.MatchResultsTopology;
import io.ludus.matchmaker.topology.MatchmakerTopics;
import io.ludus.matchmaker.topology.MatchmakerTopology;
import io.ludus.matchmaker.topology.QueueStats;
import io.ludus.sim.content.ContentPack;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One running matchmaker instance: the topology in a KafkaStreams client, and the local side of queue queries. */
public final class MatchmakerStreams implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MatchmakerStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final MatchmakerConfig config;
    private final QueueDefinitions queues;
    private final KafkaStreams streams;

    private MatchmakerStreams(MatchmakerConfig config, QueueDefinitions queues, KafkaStreams streams) {
        this.config = config;
        this.queues = queues;
        this.streams = streams;
    }

    public static Topology topology(MatchmakerConfig config, QueueDefinitions queues, SchemaRegistryClient registry, ContentPack content) {
        StreamsBuilder builder = new StreamsBuilder();
        MatchmakerTopics topics = MatchmakerTopics.withPrefix(config.topicPrefix());
        MatchmakerTopology.build(builder, new MatchmakerTopology.Settings(topics,
                queues, config.maxOpenTickets(), config.passInterval(), content, registry));
        // built last, so the sub-topologies (and task ids) of the stages above keep their numbers
        MatchResultsTopology.build(builder, topics, registry);
        return builder.build(config.streamsProperties());
    }

    public static MatchmakerStreams start(MatchmakerConfig config, QueueDefinitions queues, SchemaRegistryClient registry,
                                          ContentPack content) {
        KafkaStreams streams = new KafkaStreams(topology(config, queues, registry, content), config.streamsProperties());
        streams.setStateListener((now, before) -> log.info("Matchmaker {} -> {}", before, now));
        // Replace a failed stream thread instead of shutting the client down (the default): a schema registry lookup
        // that timed out on a starved machine stopped all matching until a restart. The new thread's tasks abort the
        // open transaction and resume from the last commit, so exactly-once holds, as in the notifier.
        streams.setUncaughtExceptionHandler(error -> {
            log.error("Matchmaker stream thread failed; replacing it", error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        log.info("Matchmaker started: application {}, queues {}", config.applicationId(), queues.ids());
        return new MatchmakerStreams(config, queues, streams);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public QueueDefinitions queues() {
        return queues;
    }

    public MatchmakerConfig config() {
        return config;
    }

    /** Who owns a queue's state: this instance (empty) or another one's host, or unknown while rebalancing. */
    public Owner ownerOf(String queueId) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(MatchmakerTopology.STATS_STORE, queueId, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return config.applicationServer().isEmpty() ? new Owner.Local() : new Owner.Unknown();
        }
        HostInfo active = metadata.activeHost();
        if (config.applicationServer().isEmpty() || config.applicationServer().get().equals(active.host() + ":" + active.port())) {
            return new Owner.Local();
        }
        return new Owner.Remote(active.host(), active.port());
    }

    /**
     * Every instance holding active queue state, for a banded queue whose bands spread over all of them; Unknown
     * alone while rebalancing.
     */
    public List<Owner> everyOwner() {
        if (config.applicationServer().isEmpty()) {
            return List.of(new Owner.Local());
        }
        List<Owner> owners = new ArrayList<>();
        for (StreamsMetadata instance : streams.streamsMetadataForStore(MatchmakerTopology.STATS_STORE)) {
            HostInfo host = instance.hostInfo();
            if (!instance.stateStoreNames().contains(MatchmakerTopology.STATS_STORE)) {
                continue; // a standby copy only
            }
            owners.add(config.applicationServer().get().equals(host.host() + ":" + host.port())
                    ? new Owner.Local() : new Owner.Remote(host.host(), host.port()));
        }
        return owners.isEmpty() ? List.of(new Owner.Unknown()) : owners;
    }

    /** This instance's view of the queue (summed over the bands it holds); empty if no ticket passed through it yet. */
    public Optional<QueueStats> localStats(QueueDefinition queue) {
        ReadOnlyKeyValueStore<String, QueueStats> store = streams.store(StoreQueryParameters.fromNameAndType(
                MatchmakerTopology.STATS_STORE, QueryableStoreTypes.<String, QueueStats>keyValueStore()));
        return QueueStats.read(store, queue);
    }

    public sealed interface Owner {
        record Local() implements Owner {}

        record Remote(String host, int port) implements Owner {}

        record Unknown() implements Owner {}
    }

    @Override
    public void close() {
        if (!streams.close(CLOSE_TIMEOUT)) {
            log.warn("Matchmaker did not stop within {}", CLOSE_TIMEOUT);
        }
    }
}
