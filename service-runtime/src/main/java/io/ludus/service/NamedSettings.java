package io.ludus.service;

import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.naming.conventions.StringConvention;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A section of settings keyed by a name the operator chooses, {@code <prefix>.<name>.<field>} (the queues:
 * {@code ludus.queues.ranked-1v1.spread}). Micronaut cannot map such a key from its environment variable on its
 * own: {@code LUDUS_QUEUES_RANKED_1V1_SPREAD} could be {@code ranked.1v1-spread} or {@code ranked-1v1.spread}, and
 * with the names' exact spelling it finds none. The field names are known, so the variable's tail says which field
 * it sets and the rest is the name, its {@code _} read as {@code -}.
 */
public final class NamedSettings {

    private NamedSettings() {
    }

    /**
     * Every setting under {@code prefix} with its full key, as written in configuration files, system properties or
     * the properties a caller passed, and as environment variables; a variable wins over a file, as it does for
     * every other key. A variable under the prefix whose tail is no known field is passed on as
     * {@code <prefix>.<rest>}, for the section's parser to refuse by name.
     */
    public static Map<String, String> read(Environment environment, String prefix, Set<String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        environment.getProperties(prefix, StringConvention.RAW).forEach((key, value) -> out.put(prefix + "." + key, String.valueOf(value)));
        List<PropertySource> variables = environment.getPropertySources().stream()
                .filter(source -> source.getConvention() == PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE)
                .sorted(Comparator.comparingInt(PropertySource::getOrder))
                .toList();
        for (PropertySource source : variables) {
            for (String variable : source) {
                String key = fromVariable(variable, prefix, fields);
                if (key != null) {
                    out.put(key, String.valueOf(source.get(variable)));
                }
            }
        }
        return out;
    }

    /** {@code LUDUS_QUEUES_RANKED_1V1_SPREAD} → {@code ludus.queues.ranked-1v1.spread}; null when not under prefix. */
    static String fromVariable(String variable, String prefix, Set<String> fields) {
        String head = SettingKeys.env(prefix) + "_";
        if (!variable.startsWith(head) || variable.length() == head.length()) {
            return null;
        }
        String rest = variable.substring(head.length());
        String field = fields.stream()
                .filter(f -> rest.endsWith("_" + SettingKeys.env(f)) && rest.length() > f.length() + 1)
                .max(Comparator.comparingInt(String::length)) // INITIAL_WINDOW, not a field named WINDOW
                .orElse(null);
        if (field == null) {
            return prefix + "." + rest.toLowerCase(Locale.ROOT).replace('_', '-');
        }
        String name = rest.substring(0, rest.length() - field.length() - 1).toLowerCase(Locale.ROOT).replace('_', '-');
        return prefix + "." + name + "." + field;
    }
}
