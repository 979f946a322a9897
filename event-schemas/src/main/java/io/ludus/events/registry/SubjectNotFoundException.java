package io.ludus.events.registry;

/** The subject does not exist or has no live version (Confluent errors 40401, 40402). */
public final class SubjectNotFoundException extends SchemaRegistryException {

    private final String subject;

    SubjectNotFoundException(String subject) {
        super("subject " + subject + " not found", null);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
