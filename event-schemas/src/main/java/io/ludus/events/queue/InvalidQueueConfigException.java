package io.ludus.events.queue;

/** A queue setting that cannot be used; {@link #key()} names it exactly as configured. */
public final class InvalidQueueConfigException extends IllegalArgumentException {

    private final String key;

    public InvalidQueueConfigException(String key, String problem) {
        super(key + " " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
