package io.ludus.events.registry;

/** No schema has this id (Confluent error 40403). */
public final class SchemaNotFoundException extends SchemaRegistryException {

    private final int id;

    SchemaNotFoundException(int id) {
        super("schema id " + id + " not found", null);
        this.id = id;
    }

    public int id() {
        return id;
    }
}
