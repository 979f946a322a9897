package io.ludus.registry;

import io.ludus.registry.RegistryState.Version;
import io.ludus.registry.StoreRecord.ConfigChanged;
import io.ludus.registry.StoreRecord.SchemaVersion;
import io.ludus.registry.StoreRecord.SchemaVersionRemoved;
import io.ludus.registry.StoreRecord.SubjectDeleted;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The registry's operations with Confluent's semantics. Reads come from the state; each write is decided and
 * appended under one lock, so ids and version numbers are assigned from a state that already holds every
 * earlier write.
 */
final class SchemaRegistry {
    static final int LATEST = -1;
    private static final int MAX_SUBJECT_LENGTH = 4096;

    private final RegistryState state;
    private final Consumer<List<StoreRecord>> store;
    private final CompatibilityLevel defaultLevel;
    private final SchemaRegistryConfig.Limits limits;
    private final ReentrantLock writeLock = new ReentrantLock();

    /** {@code store} appends records and returns once they are applied to {@code state}. */
    SchemaRegistry(RegistryState state, Consumer<List<StoreRecord>> store, CompatibilityLevel defaultLevel,
                   SchemaRegistryConfig.Limits limits) {
        this.state = state;
        this.store = store;
        this.defaultLevel = defaultLevel;
        this.limits = limits;
    }

    SchemaRegistry(RegistryState state, Consumer<List<StoreRecord>> store, CompatibilityLevel defaultLevel) {
        this(state, store, defaultLevel, SchemaRegistryConfig.Limits.DEFAULT);
    }

    /** Registers a schema under a subject, or returns the id it already has there. */
    int register(String subject, String schemaText, Integer requestedId) {
        validateSubject(subject);
        AvroSchemas.Parsed parsed = AvroSchemas.parse(schemaText);
        writeLock.lock();
        try {
            List<Version> live = state.versions(subject, false);
            for (Version version : live) {
                if (version.schema().equals(parsed.canonical())) {
                    return version.id();
                }
            }
            List<Version> all = state.versions(subject, true);
            checkLimits(subject, all, state.idOf(parsed.canonical()).isEmpty() ? parsed.canonical().length() : 0);
            CompatibilityLevel level = effectiveLevel(subject);
            List<String> problems = AvroSchemas.check(level, parsed.schema(), priors(live));
            if (!problems.isEmpty()) {
                throw new RegistryException(ErrorCode.INCOMPATIBLE_SCHEMA, "Schema being registered is "
                        + "incompatible with an earlier schema for subject \"" + subject + "\", details: " + problems);
            }
            int id = state.idOf(parsed.canonical()).orElse(state.maxId() + 1);
            if (requestedId != null && requestedId != id) {
                throw new RegistryException(ErrorCode.OPERATION_NOT_PERMITTED,
                        "Overwrite new schema with id " + requestedId + " is not permitted.");
            }
            int version = all.isEmpty() ? 1 : all.getLast().version() + 1;
            store.accept(List.of(new SchemaVersion(subject, version, id, parsed.canonical(), false)));
            return id;
        } finally {
            writeLock.unlock();
        }
    }

    /** Memory is bounded: past a limit, registering is refused until something is hard-deleted. */
    private void checkLimits(String subject, List<Version> versions, int newSchemaChars) {
        if (versions.isEmpty() && state.subjects(true).size() >= limits.maxSubjects()) {
            throw new RegistryException(ErrorCode.LIMIT_EXCEEDED, "The registry keeps at most " + limits.maxSubjects()
                    + " subjects; hard-delete one before adding \"" + subject + "\"");
        }
        if (versions.size() >= limits.maxVersionsPerSubject()) {
            throw new RegistryException(ErrorCode.LIMIT_EXCEEDED, "Subject \"" + subject + "\" already has "
                    + versions.size() + " versions, the most the registry keeps; hard-delete old ones first");
        }
        if (newSchemaChars > 0 && state.schemaChars() + newSchemaChars > limits.maxSchemaBytes()) {
            throw new RegistryException(ErrorCode.LIMIT_EXCEEDED, "The registry keeps at most "
                    + limits.maxSchemaBytes() + " characters of schemas");
        }
    }

    /** The newest version of a subject holding this schema. */
    Version lookup(String subject, String schemaText, boolean includeDeleted) {
        AvroSchemas.Parsed parsed = AvroSchemas.parse(schemaText);
        return existingVersions(subject, includeDeleted).reversed().stream()
                .filter(v -> v.schema().equals(parsed.canonical()))
                .findFirst()
                .orElseThrow(() -> new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema not found"));
    }

    List<String> subjects(boolean includeDeleted, String prefix) {
        return state.subjects(includeDeleted).stream()
                .filter(subject -> prefix == null || subject.startsWith(prefix))
                .toList();
    }

    List<Integer> versionNumbers(String subject, boolean includeDeleted) {
        return existingVersions(subject, includeDeleted).stream().map(Version::version).toList();
    }

    Version version(String subject, int version, boolean includeDeleted) {
        List<Version> versions = existingVersions(subject, includeDeleted);
        if (version == LATEST) {
            return versions.getLast();
        }
        return versions.stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> versionNotFound(version));
    }

    String schemaById(int id) {
        return state.schemaById(id).map(AvroSchemas.Parsed::canonical)
                .orElseThrow(() -> schemaNotFound(id));
    }

    List<Version> versionsWithId(int id, boolean includeDeleted) {
        schemaById(id);
        return state.versionsWithId(id, includeDeleted);
    }

    /**
     * Messages explaining why a schema is incompatible; empty when compatible. With {@code version} null the
     * check covers the live versions the subject's level asks for, as registration would.
     */
    List<String> checkCompatibility(String subject, Integer version, String schemaText) {
        AvroSchemas.Parsed parsed = AvroSchemas.parse(schemaText);
        CompatibilityLevel level = effectiveLevel(subject);
        List<Version> live = state.versions(subject, false);
        if (version == null) {
            return AvroSchemas.check(level, parsed.schema(), priors(live));
        }
        if (version == LATEST && live.isEmpty()) {
            return List.of();
        }
        Version against = version(subject, version, false);
        return AvroSchemas.check(level, parsed.schema(), priors(List.of(against)));
    }

    /** Soft-deletes every live version, or permanently removes a soft-deleted subject. Returns the versions. */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        writeLock.lock();
        try {
            List<Version> all = existingVersions(subject, true);
            List<Integer> live = all.stream().filter(v -> !v.deleted()).map(Version::version).toList();
            if (!permanent) {
                if (live.isEmpty()) {
                    throw new RegistryException(ErrorCode.SUBJECT_SOFT_DELETED, "Subject '" + subject
                            + "' was soft deleted. Set permanent=true to delete permanently");
                }
                store.accept(List.of(new SubjectDeleted(subject, all.getLast().version())));
                return live;
            }
            if (!live.isEmpty()) {
                throw new RegistryException(ErrorCode.SUBJECT_NOT_SOFT_DELETED, "Subject '" + subject
                        + "' was not deleted first before being permanently deleted");
            }
            List<StoreRecord> removals = new ArrayList<>();
            all.forEach(v -> removals.add(new SchemaVersionRemoved(subject, v.version())));
            if (state.subjectLevel(subject).isPresent()) {
                removals.add(new ConfigChanged(subject, null));
            }
            store.accept(removals);
            return all.stream().map(Version::version).toList();
        } finally {
            writeLock.unlock();
        }
    }

    /** Soft-deletes a live version, or permanently removes a soft-deleted one. Returns its number. */
    int deleteVersion(String subject, int version, boolean permanent) {
        writeLock.lock();
        try {
            List<Version> all = existingVersions(subject, true);
            Version target;
            if (version == LATEST) {
                List<Version> candidates = permanent ? all : all.stream().filter(v -> !v.deleted()).toList();
                if (candidates.isEmpty()) {
                    throw versionNotFound(version);
                }
                target = candidates.getLast();
            } else {
                target = all.stream().filter(v -> v.version() == version).findFirst()
                        .orElseThrow(() -> versionNotFound(version));
            }
            if (!permanent && target.deleted()) {
                throw new RegistryException(ErrorCode.VERSION_SOFT_DELETED, "Version " + target.version()
                        + " of subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
            }
            if (permanent && !target.deleted()) {
                throw new RegistryException(ErrorCode.VERSION_NOT_SOFT_DELETED, "Version " + target.version()
                        + " of subject '" + subject + "' was not deleted first before being permanently deleted");
            }
            store.accept(List.of(permanent
                    ? new SchemaVersionRemoved(subject, target.version())
                    : new SchemaVersion(subject, target.version(), target.id(), target.schema(), true)));
            return target.version();
        } finally {
            writeLock.unlock();
        }
    }

    CompatibilityLevel globalLevel() {
        return state.globalLevel().orElse(defaultLevel);
    }

    void setGlobalLevel(CompatibilityLevel level) {
        writeLock.lock();
        try {
            store.accept(List.of(new ConfigChanged(null, level)));
        } finally {
            writeLock.unlock();
        }
    }

    /** Clears the global level back to the configured default; returns the level it had. */
    CompatibilityLevel clearGlobalLevel() {
        writeLock.lock();
        try {
            CompatibilityLevel previous = globalLevel();
            store.accept(List.of(new ConfigChanged(null, null)));
            return previous;
        } finally {
            writeLock.unlock();
        }
    }

    CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        Optional<CompatibilityLevel> level = state.subjectLevel(subject);
        if (level.isPresent()) {
            return level.get();
        }
        if (defaultToGlobal) {
            return globalLevel();
        }
        throw new RegistryException(ErrorCode.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    void setSubjectLevel(String subject, CompatibilityLevel level) {
        validateSubject(subject);
        writeLock.lock();
        try {
            store.accept(List.of(new ConfigChanged(subject, level)));
        } finally {
            writeLock.unlock();
        }
    }

    /** Removes a subject's own level so it follows the global one again; returns the level it had. */
    CompatibilityLevel clearSubjectLevel(String subject) {
        writeLock.lock();
        try {
            CompatibilityLevel previous = state.subjectLevel(subject)
                    .orElseThrow(() -> subjectNotFound(subject));
            store.accept(List.of(new ConfigChanged(subject, null)));
            return previous;
        } finally {
            writeLock.unlock();
        }
    }

    private CompatibilityLevel effectiveLevel(String subject) {
        return state.subjectLevel(subject).orElseGet(this::globalLevel);
    }

    /** Versions of a subject, oldest first; 40401 when it has none to show. */
    private List<Version> existingVersions(String subject, boolean includeDeleted) {
        List<Version> versions = state.versions(subject, includeDeleted);
        if (versions.isEmpty()) {
            throw subjectNotFound(subject);
        }
        return versions;
    }

    private static List<AvroSchemas.Prior> priors(List<Version> versions) {
        return versions.stream().map(v -> new AvroSchemas.Prior(v.version(), v.parsed())).toList();
    }

    /** Parses a version path segment: a positive int, "latest" or -1. */
    static int parseVersion(String text) {
        if ("latest".equals(text)) {
            return LATEST;
        }
        try {
            int version = Integer.parseInt(text);
            if (version >= 1 || version == LATEST) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the typed error
        }
        throw new RegistryException(ErrorCode.INVALID_VERSION, "The specified version '" + text + "' is not a "
                + "valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static void validateSubject(String subject) {
        if (subject == null || subject.isEmpty() || subject.length() > MAX_SUBJECT_LENGTH
                || subject.chars().anyMatch(Character::isISOControl)) {
            throw new RegistryException(ErrorCode.INVALID_SUBJECT, "The specified subject is not a valid subject "
                    + "name: it must be 1 to " + MAX_SUBJECT_LENGTH + " characters without control characters");
        }
    }

    private static RegistryException subjectNotFound(String subject) {
        return new RegistryException(ErrorCode.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    private static RegistryException versionNotFound(int version) {
        return new RegistryException(ErrorCode.VERSION_NOT_FOUND,
                "Version " + (version == LATEST ? "latest" : version) + " not found.");
    }

    private static RegistryException schemaNotFound(int id) {
        return new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }
}
