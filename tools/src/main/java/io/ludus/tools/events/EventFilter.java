package io.ludus.tools.events;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** --type and --key: which decoded events an export or tail keeps. Empty types keep every type. */
record EventFilter(Set<String> types, String key) {

    static EventFilter of(List<String> types, String key) {
        Set<String> names = types.stream()
                .flatMap(t -> Arrays.stream(t.split(",")))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new EventFilter(names, key);
    }

    boolean keepsKey(String recordKey) {
        return key == null || key.equals(recordKey);
    }

    boolean keepsType(String type) {
        return types.isEmpty() || types.contains(type);
    }
}
