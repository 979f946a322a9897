package io.ludus.projections.readmodel;

/** An event that decodes but cannot be applied (missing ids, negative counts): a poison event, not a retry. */
public final class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field + " is blank");
        }
        return value;
    }

    public static long requireNonNegative(long value, String field) {
        if (value < 0) {
            throw new InvalidEventException(field + " is negative: " + value);
        }
        return value;
    }
}
