package io.ludus.service;

import java.util.Locale;

/** How a configuration key maps to its environment variable: the mapping Micronaut applies when it reads one. */
public final class SettingKeys {

    private SettingKeys() {
    }

    /** {@code ludus.kafka.bootstrap-servers} is set by {@code LUDUS_KAFKA_BOOTSTRAP_SERVERS}. */
    public static String env(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** How an error names a key, so the reader knows every place to fix it. */
    public static String names(String key) {
        return key + " (env " + env(key) + ")";
    }

    /** {@code bootstrapServers} becomes {@code bootstrap-servers}. */
    public static String kebab(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
