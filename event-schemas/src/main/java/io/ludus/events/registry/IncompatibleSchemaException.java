package io.ludus.events.registry;

/** The registry refused a schema that breaks the subject's compatibility level (HTTP 409). */
public final class IncompatibleSchemaException extends SchemaRegistryException {

    private final String subject;

    IncompatibleSchemaException(String subject, String registryMessage) {
        super("schema is incompatible with subject " + subject + ": " + registryMessage, null);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
