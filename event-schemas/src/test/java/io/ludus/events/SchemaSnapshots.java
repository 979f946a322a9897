package io.ludus.events;

import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * After changing a schema: appends the current value schema of each changed topic as its next
 * history version, and writes the samples with the current version as that version's fixture.
 * Never touches existing versions or fixtures. Run from event-schemas/ (see README).
 */
public final class SchemaSnapshots {

    public static void main(String[] args) throws IOException {
        Path module = Path.of(args.length > 0 ? args[0] : ".");
        for (TopicSpec<?, ?> topic : Topics.ALL) {
            List<Schema> history = SchemaHistory.versions(topic);
            Schema current = topic.valueSchema();
            int version = history.size();
            if (history.isEmpty() || !history.getLast().equals(current)) {
                version++;
                Path file = module.resolve("src/main/resources").resolve(SchemaHistory.resource(topic, version));
                Files.createDirectories(file.getParent());
                Files.writeString(file, current.toString(true) + "\n");
                System.out.println("added " + file);
            }
            Path fixture = module.resolve("src/test/resources").resolve(SchemaHistory.fixture(topic, version));
            if (!Files.exists(fixture)) {
                Files.createDirectories(fixture.getParent());
                writeSamples(topic, current, fixture);
                System.out.println("added " + fixture);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void writeSamples(TopicSpec<?, ?> topic, Schema schema, Path file) throws IOException {
        var writer = new SpecificDatumWriter(schema, SpecificData.getForClass(topic.valueType()));
        try (OutputStream out = Files.newOutputStream(file)) {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            for (SpecificRecord sample : SampleEvents.all(topic)) {
                writer.write(sample, encoder);
            }
            encoder.flush();
        }
    }
}
