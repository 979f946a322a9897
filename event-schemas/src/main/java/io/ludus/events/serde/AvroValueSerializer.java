package io.ludus.events.serde;

import io.ludus.events.registry.SchemaRegistryClient;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes {@code V} in the Confluent wire format under subject {@code <topic>-value}, registering
 * the schema on first use per topic (like Confluent's auto.register.schemas). Thread-safe: each
 * thread reuses its own buffer and encoder.
 */
public final class AvroValueSerializer<V extends SpecificRecord> implements Serializer<V> {

    /** A thread's buffer shrinks back after a record larger than this. */
    private static final int RETAINED_BUFFER_BYTES = 1 << 20;

    private final SchemaRegistryClient registry;
    private final Schema schema;
    private final SpecificDatumWriter<V> writer;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(Output::new);

    public AvroValueSerializer(SchemaRegistryClient registry, Class<V> type) {
        this.registry = registry;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
    }

    @Override
    public byte[] serialize(String topic, V data) {
        if (data == null) {
            return null;
        }
        Integer id = idsByTopic.get(topic);
        if (id == null) {
            id = registry.register(topic + "-value", schema);
            idsByTopic.put(topic, id);
        }
        Output output = outputs.get();
        output.startFrame();
        try {
            writer.write(data, output.encoder);
            output.encoder.flush();
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            outputs.remove();
            throw new UnserializableRecordException(topic, id, e);
        }
        byte[] framed = output.finishFrame(id);
        if (output.bytes.length > RETAINED_BUFFER_BYTES) {
            outputs.remove();
        }
        return framed;
    }

    /** An unsynchronized growable buffer with room for the header, plus the encoder writing into it. */
    private static final class Output extends OutputStream {
        byte[] bytes = new byte[1024];
        int size;
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(this, null);

        void startFrame() {
            size = WireFormat.HEADER_SIZE;
        }

        byte[] finishFrame(int schemaId) {
            byte[] framed = Arrays.copyOf(bytes, size);
            WireFormat.writeHeader(framed, schemaId);
            return framed;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
