package io.ludus.projections.streams;

import io.ludus.events.topic.TopicProvisioner;
import io.ludus.events.topic.TopicSpec;
import io.ludus.testkit.TestKafka;

import java.time.Duration;
import java.util.List;

/** Catalogue topics under a test's own prefix, so tests sharing the broker never see each other's records. */
public final class ProjectionTopics {

    public static String provision(TestKafka kafka, String prefix, List<TopicSpec<String, ?>> specs) {
        List<TopicSpec<String, ?>> prefixed = specs.stream().<TopicSpec<String, ?>>map(spec -> prefixed(prefix, spec)).toList();
        new TopicProvisioner(kafka.admin(), (short) 1, Duration.ofSeconds(60)).provision(prefixed);
        return prefix;
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> TopicSpec<String, V> prefixed(String prefix, TopicSpec<String, V> spec) {
        return new TopicSpec<>(prefix + spec.name(), spec.keyType(), spec.valueType(), spec.partitions(),
                spec.cleanupPolicy(), spec.retention(), spec.configs());
    }

    private ProjectionTopics() {}
}
