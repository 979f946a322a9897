package io.ludus.standalone;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running server tells {@code ./ludus status} and {@code ./ludus stop} about itself, kept in
 * the data directory beside its lock.
 *
 * @param urls label to URL in the order the server printed them; empty while it starts
 */
record ServerRecord(long pid, long startedAtMillis, Path logFile, Map<String, String> urls) {

    ServerRecord(long pid, long startedAtMillis, Path logFile) {
        this(pid, startedAtMillis, logFile, Map.of());
    }

    ServerRecord ready(Map<String, String> printedUrls) {
        return new ServerRecord(pid, startedAtMillis, logFile, new LinkedHashMap<>(printedUrls));
    }

    boolean isReady() {
        return !urls.isEmpty();
    }

    Optional<String> url(String label) {
        return Optional.ofNullable(urls.get(label));
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("started-at", Long.toString(startedAtMillis));
        if (logFile != null) {
            p.setProperty("log-file", logFile.toString());
        }
        int i = 1;
        for (var e : urls.entrySet()) {
            p.setProperty("url." + i + ".label", e.getKey());
            p.setProperty("url." + i + ".value", e.getValue());
            i++;
        }
        return p;
    }

    /** Empty when the properties are not a record this server wrote (missing or damaged keys). */
    static Optional<ServerRecord> fromProperties(Properties p) {
        try {
            long pid = Long.parseLong(p.getProperty("pid"));
            long startedAt = Long.parseLong(p.getProperty("started-at"));
            String log = p.getProperty("log-file");
            Map<String, String> urls = new LinkedHashMap<>();
            for (int i = 1; p.getProperty("url." + i + ".label") != null; i++) {
                urls.put(p.getProperty("url." + i + ".label"), p.getProperty("url." + i + ".value", ""));
            }
            return Optional.of(new ServerRecord(pid, startedAt, log == null ? null : Path.of(log), urls));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
