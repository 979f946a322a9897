package io.ludus.registry;

import io.ludus.registry.StoreRecord.ConfigChanged;
import io.ludus.registry.StoreRecord.SchemaVersion;
import io.ludus.registry.StoreRecord.SchemaVersionRemoved;
import io.ludus.registry.StoreRecord.SubjectDeleted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry as rebuilt from {@code _schemas}: subjects, versions, global ids and compatibility settings.
 * Only the store's reader thread applies records; request threads read. Queries return immutable snapshots.
 */
final class RegistryState {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryState.class);

    /** One subject version. {@code schema} is the normalised text. */
    record Version(String subject, int version, int id, String schema, Schema parsed, boolean deleted) {
        Version asDeleted() {
            return new Version(subject, version, id, schema, parsed, true);
        }
    }

    private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<Integer, AvroSchemas.Parsed> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    // Never decreases while running, so an id is not reused for another schema after a permanent delete.
    private int maxId;

    synchronized void apply(StoreRecord record) {
        switch (record) {
            case SchemaVersion v -> applySchemaVersion(v);
            case SchemaVersionRemoved r -> removeVersion(r.subject(), r.version());
            case SubjectDeleted d -> {
                TreeMap<Integer, Version> versions = subjects.get(d.subject());
                if (versions != null) {
                    versions.headMap(d.version(), true).replaceAll((number, version) -> version.asDeleted());
                }
            }
            case ConfigChanged c when c.subject() == null -> globalLevel = c.level();
            case ConfigChanged c when c.level() == null -> subjectLevels.remove(c.subject());
            case ConfigChanged c -> subjectLevels.put(c.subject(), c.level());
        }
    }

    private void applySchemaVersion(SchemaVersion record) {
        AvroSchemas.Parsed parsed;
        try {
            parsed = AvroSchemas.parse(record.schema());
        } catch (RegistryException e) {
            LOG.warn("Skipping unparseable schema id={} subject={} version={}: {}",
                    record.id(), record.subject(), record.version(), e.getMessage());
            return;
        }
        AvroSchemas.Parsed known = schemasById.get(record.id());
        if (known != null && !known.canonical().equals(parsed.canonical())) {
            LOG.error("Skipping subject={} version={}: id {} already names a different schema",
                    record.subject(), record.version(), record.id());
            return;
        }
        schemasById.put(record.id(), parsed);
        idsBySchema.putIfAbsent(parsed.canonical(), record.id());
        maxId = Math.max(maxId, record.id());
        Version previous = subjects.computeIfAbsent(record.subject(), s -> new TreeMap<>()).put(record.version(),
                new Version(record.subject(), record.version(), record.id(), parsed.canonical(), parsed.schema(),
                        record.deleted()));
        if (previous != null && previous.id() != record.id()) {
            forgetIdIfUnused(previous.id());
        }
    }

    private void removeVersion(String subject, int number) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) {
            return;
        }
        Version removed = versions.remove(number);
        if (versions.isEmpty()) {
            subjects.remove(subject);
        }
        if (removed != null) {
            forgetIdIfUnused(removed.id());
        }
    }

    private void forgetIdIfUnused(int id) {
        boolean used = subjects.values().stream()
                .anyMatch(versions -> versions.values().stream().anyMatch(v -> v.id() == id));
        if (!used) {
            AvroSchemas.Parsed parsed = schemasById.remove(id);
            if (parsed != null) {
                idsBySchema.remove(parsed.canonical(), id);
            }
        }
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.entrySet().stream()
                .filter(e -> includeDeleted || e.getValue().values().stream().anyMatch(v -> !v.deleted()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Versions of a subject, oldest first. */
    synchronized List<Version> versions(String subject, boolean includeDeleted) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        return versions.values().stream().filter(v -> includeDeleted || !v.deleted()).toList();
    }

    synchronized Optional<AvroSchemas.Parsed> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    synchronized List<Version> versionsWithId(int id, boolean includeDeleted) {
        List<Version> found = new ArrayList<>();
        for (TreeMap<Integer, Version> versions : subjects.values()) {
            for (Version version : versions.values()) {
                if (version.id() == id && (includeDeleted || !version.deleted())) {
                    found.add(version);
                }
            }
        }
        return List.copyOf(found);
    }

    synchronized OptionalInt idOf(String canonicalSchema) {
        Integer id = idsBySchema.get(canonicalSchema);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Characters of the distinct schemas held. */
    synchronized long schemaChars() {
        long chars = 0;
        for (AvroSchemas.Parsed parsed : schemasById.values()) {
            chars += parsed.canonical().length();
        }
        return chars;
    }

    synchronized int maxId() {
        return maxId;
    }

    synchronized Optional<CompatibilityLevel> globalLevel() {
        return Optional.ofNullable(globalLevel);
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }
}
