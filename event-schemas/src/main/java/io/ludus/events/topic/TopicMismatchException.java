package io.ludus.events.topic;

/** An existing topic disagrees with the catalogue on a setting that cannot be fixed in place. */
public final class TopicMismatchException extends RuntimeException {

    public enum Setting { PARTITIONS, CLEANUP_POLICY }

    private final String topic;
    private final Setting setting;
    private final String expected;
    private final String actual;

    TopicMismatchException(String topic, Setting setting, String expected, String actual) {
        super("topic " + topic + " exists with " + setting + "=" + actual + " but the catalogue declares " + expected);
        this.topic = topic;
        this.setting = setting;
        this.expected = expected;
        this.actual = actual;
    }

    public String topic() {
        return topic;
    }

    public Setting setting() {
        return setting;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
