package io.ludus.tools.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.ToolException;
import org.apache.avro.Schema;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes exported events. JSONL streams straight to the file. CSV and Parquet need every column before the first row,
 * and the columns depend on which event types and schema versions appear, so rows are first flattened to a temporary
 * JSONL file next to the output; CSV is then written from it, and Parquet is converted by DuckDB's read_json with each
 * column's type taken from the Avro schemas that wrote it (so DuckDB reads the file once instead of guessing types in a
 * first pass). JSONL is staged too, so a failed export leaves no partial file.
 */
final class ExportWriter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> META_COLUMNS = List.of("topic", "partition", "offset", "timestamp", "key", "schemaId", "type");

    private final ExportFormat format;
    private final Path out;
    private final Path staging;
    private final OutputStream stream;
    private final JsonGenerator generator;
    private final Set<String> columns = new LinkedHashSet<>();
    private final AvroJson.FlatWriter flat;
    private final Map<Schema, Boolean> shadowing = new IdentityHashMap<>();
    private long rows;
    private boolean untypedRows;

    ExportWriter(ExportFormat format, Path out) {
        this.format = format;
        this.out = out;
        try {
            // a failed export leaves no partial file under the requested name
            // a sibling, not createTempFile: the result keeps the user's default permissions instead of owner-only
            this.staging = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".ludus-partial");
            this.stream = new java.io.BufferedOutputStream(Files.newOutputStream(staging), 1 << 16);
            this.generator = JSON.getFactory().createGenerator(stream);
            this.generator.setRootValueSeparator(null);
            this.flat = new AvroJson.FlatWriter(generator, columns);
        } catch (IOException e) {
            throw new ToolException(ExitCode.USAGE, "--out: cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** One row: the record's coordinates and its decoded value, or {@code decoded} null for a tombstone. */
    void write(String topic, int partition, long offset, long timestamp, String key, EventDecoder.Decoded decoded) throws IOException {
        if (format != ExportFormat.jsonl && decoded != null && shadowsMetaColumn(decoded.record().getSchema())) {
            writeTree(topic, partition, offset, timestamp, key, decoded);
            return;
        }
        if (rows == 0) {
            columns.addAll(META_COLUMNS);
        }
        generator.writeStartObject();
        generator.writeStringField("topic", topic);
        generator.writeNumberField("partition", partition);
        generator.writeNumberField("offset", offset);
        generator.writeStringField("timestamp", AvroJson.instant(timestamp));
        generator.writeStringField("key", key);
        if (decoded == null) {
            generator.writeNullField("schemaId");
            generator.writeStringField("type", "tombstone");
        } else {
            generator.writeNumberField("schemaId", decoded.schemaId());
            generator.writeStringField("type", decoded.type());
        }
        if (format == ExportFormat.jsonl) {
            generator.writeFieldName("value");
            if (decoded == null) {
                generator.writeStartObject();
                generator.writeEndObject();
            } else {
                AvroJson.write(generator, decoded.record(), decoded.record().getSchema());
            }
        } else if (decoded != null) {
            flat.writeColumns(decoded.record());
        }
        generator.writeEndObject();
        generator.writeRaw('\n');
        rows++;
    }

    // a top-level field named like a meta column replaces its value in the flat row; only the tree path did that
    private boolean shadowsMetaColumn(Schema schema) {
        return shadowing.computeIfAbsent(schema, s -> s.getFields().stream().anyMatch(f -> META_COLUMNS.contains(f.name())));
    }

    private void writeTree(String topic, int partition, long offset, long timestamp, String key, EventDecoder.Decoded decoded)
            throws IOException {
        ObjectNode row = JSON.createObjectNode();
        row.put("topic", topic);
        row.put("partition", partition);
        row.put("offset", offset);
        row.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
        row.put("key", key);
        row.put("schemaId", decoded.schemaId());
        row.put("type", decoded.type());
        for (Map.Entry<String, JsonNode> column : Flattener.flatten(decoded.value()).entrySet()) {
            JsonNode cell = column.getValue();
            row.set(column.getKey(), cell.isContainerNode() ? row.textNode(cell.toString()) : cell);
        }
        row.properties().forEach(e -> columns.add(e.getKey()));
        untypedRows = true;
        JSON.writeTree(generator, row);
        generator.writeRaw('\n');
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Completes the output file; the temporary file, if any, is removed. */
    void finish() throws IOException {
        generator.close();
        stream.close();
        try {
            switch (format) {
                case jsonl -> Files.move(staging, out, StandardCopyOption.REPLACE_EXISTING);
                case csv -> writeCsv();
                case parquet -> writeParquet();
            }
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    private void writeCsv() throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(staging); BufferedWriter writer = Files.newBufferedWriter(out)) {
            writer.write(String.join(",", columns.stream().map(ExportWriter::csvCell).toList()));
            writer.write("\r\n");
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode row = JSON.readTree(line);
                StringBuilder csv = new StringBuilder();
                boolean first = true;
                for (String column : columns) {
                    if (!first) {
                        csv.append(',');
                    }
                    first = false;
                    JsonNode cell = row.get(column);
                    if (cell != null && !cell.isNull()) {
                        csv.append(csvCell(cell.asText()));
                    }
                }
                writer.write(csv.toString());
                writer.write("\r\n");
            }
        }
    }

    // RFC 4180: quote when the cell holds a comma, quote or line break, and double the quotes
    private static String csvCell(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private void writeParquet() throws IOException {
        Files.deleteIfExists(out);
        if (rows == 0) {
            throw new ToolException(ExitCode.NOT_FOUND, "no events matched, so there is no Parquet schema to write; nothing written to " + out);
        }
        Map<String, String> quoted = new LinkedHashMap<>();
        columns.forEach(c -> quoted.put(c, '"' + c.replace("\"", "\"\"") + '"'));
        String sql = "COPY (SELECT " + String.join(", ", quoted.values()) + " FROM read_json(" + literal(staging)
                + ", format = 'newline_delimited', " + columnTypes() + ")) TO " + literal(out) + " (FORMAT parquet, COMPRESSION zstd)";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IOException("DuckDB could not write " + out + ": " + e.getMessage(), e);
        }
    }

    private static final Map<String, String> META_TYPES = Map.of("topic", "VARCHAR", "partition", "INTEGER", "offset", "BIGINT",
            "timestamp", "TIMESTAMPTZ", "key", "VARCHAR", "schemaId", "INTEGER", "type", "VARCHAR");

    /**
     * read_json's column types: from the schemas when every row was written through them; otherwise (a field named like
     * a meta column took the tree path) DuckDB infers them from the whole file.
     */
    String columnTypes() {
        if (untypedRows) {
            return "sample_size = -1";
        }
        Map<String, String> types = flat.sqlTypes();
        StringBuilder spec = new StringBuilder("columns = {");
        for (String column : columns) {
            String type = META_TYPES.getOrDefault(column, types.getOrDefault(column, "VARCHAR"));
            spec.append(spec.length() > 11 ? ", " : "").append('\'').append(column.replace("'", "''")).append("': '")
                    .append(type.equals("NULL") ? "VARCHAR" : type).append('\'');
        }
        return spec.append('}').toString();
    }

    private static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    @Override
    public void close() throws IOException {
        generator.close();
        stream.close();
        Files.deleteIfExists(staging);
    }
}
