package io.ludus.registry;

/** One change to the registry, as written to and read from the {@code _schemas} topic. */
sealed interface StoreRecord {

    /** A subject version; {@code deleted} marks a soft delete of this version. */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) implements StoreRecord {
    }

    /** A permanently deleted subject version (a tombstone of its key). */
    record SchemaVersionRemoved(String subject, int version) implements StoreRecord {
    }

    /** Soft delete of every version of a subject up to and including {@code version}. */
    record SubjectDeleted(String subject, int version) implements StoreRecord {
    }

    /** Compatibility of one subject, or the global one when {@code subject} is null; a null level clears it. */
    record ConfigChanged(String subject, CompatibilityLevel level) implements StoreRecord {
    }
}
