package io.ludus.service;

import io.micronaut.context.exceptions.ConfigurationException;

/** A setting with a bad value; the message names its key and environment variable, the two places to fix it. */
public final class InvalidSettingException extends ConfigurationException {

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super(SettingKeys.names(key) + " " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
