package io.ludus.events.registry;

import io.ludus.events.topic.TopicSpec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Registers every catalogue value schema at startup; safe to repeat. */
public final class SchemaRegistration {

    private SchemaRegistration() {}

    /** @return schema id per subject */
    public static Map<String, Integer> registerAll(SchemaRegistryClient client, Collection<? extends TopicSpec<?, ?>> topics) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (TopicSpec<?, ?> topic : topics) {
            ids.put(topic.valueSubject(), client.register(topic.valueSubject(), topic.valueSchema()));
        }
        return Map.copyOf(ids);
    }
}
