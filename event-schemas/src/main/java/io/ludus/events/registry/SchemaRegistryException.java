package io.ludus.events.registry;

/** A schema registry call failed; the subtype says why. */
public sealed class SchemaRegistryException extends RuntimeException
        permits SchemaNotFoundException, SubjectNotFoundException, IncompatibleSchemaException,
                RegistryUnavailableException, RegistryRequestException {

    SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
