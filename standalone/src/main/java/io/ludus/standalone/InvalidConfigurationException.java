package io.ludus.standalone;

/** A setting has a value the server cannot start with. The message names the setting and says what is allowed. */
public final class InvalidConfigurationException extends RuntimeException {
    private final Setting setting;

    public InvalidConfigurationException(Setting setting, String message) {
        super("invalid setting " + setting.names() + ": " + message);
        this.setting = setting;
    }

    public InvalidConfigurationException(String message) {
        super(message);
        this.setting = null;
    }

    /** The offending setting, or null when the problem is with the command line or config file itself. */
    public Setting setting() {
        return setting;
    }
}
