package io.ludus.events;

import io.ludus.events.topic.TopicSpec;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the committed value-schema versions of a topic: schema-history/<subject>/v1.avsc, v2.avsc, ... */
final class SchemaHistory {

    private SchemaHistory() {}

    static String resource(TopicSpec<?, ?> topic, int version) {
        return "schema-history/" + topic.valueSubject() + "/v" + version + ".avsc";
    }

    static List<Schema> versions(TopicSpec<?, ?> topic) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(resource(topic, v))) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String fixture(TopicSpec<?, ?> topic, int version) {
        return "fixtures/" + topic.valueSubject() + "/v" + version + ".bin";
    }
}
