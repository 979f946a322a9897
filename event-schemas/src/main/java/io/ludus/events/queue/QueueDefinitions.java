package io.ludus.events.queue;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queues, shared by ingress and the matchmaker, read from flat settings under {@value #PREFIX}:
 * <pre>
 * ludus.queues.&lt;id&gt;.enabled          false removes a queue (default true)
 * ludus.queues.&lt;id&gt;.team-size        units per team, 1..16 (required for a new queue)
 * ludus.queues.&lt;id&gt;.ranked           results change ratings (default false)
 * ludus.queues.&lt;id&gt;.spread           spread of a join that names none, 0..10000 (default 200)
 * ludus.queues.&lt;id&gt;.initial-window   rating difference accepted at once, 0..10000 (default 50)
 * ludus.queues.&lt;id&gt;.widen-per-second window growth per second waited, 0..10000 (default 10)
 * ludus.queues.&lt;id&gt;.ticket-ttl       a ticket expires after this (default 10m; e.g. 30s, 500ms, PT10M)
 * ludus.queues.&lt;id&gt;.bot-wait         bot backfill after this wait, shorter than ticket-ttl (default: none)
 * ludus.queues.&lt;id&gt;.band-width       rating points per band, 0..10000 (default 0: one band)
 * </pre>
 * {@code band-width} lets a hot queue outgrow one matchmaker thread: the matchmaker keys the queue by rating band
 * ({@code floor(rating / band-width)}), so bands match in parallel on different partitions. A ticket whose window
 * reaches below its band's lower edge moves once to the band below, so two players either side of an edge still
 * meet there. A pair farther apart than one band never meets: set it at least twice the widest spread the queue
 * accepts (see matchmaker-stream/README.md, "A hot queue and one thread"). 0 keeps the whole queue on one key.
 * With no settings the queues are today's three: {@code ranked-1v1} (team size 1, ranked), {@code ranked-3v3}
 * (3, ranked) and {@code casual-3v3} (3, casual), each with the defaults above. Settings for those ids override
 * single fields; settings for another id add a queue.
 */
public final class QueueDefinitions {

    public static final String PREFIX = "ludus.queues.";

    public static final int DEFAULT_SPREAD = 200;
    public static final int DEFAULT_INITIAL_WINDOW = 50;
    public static final double DEFAULT_WIDEN_PER_SECOND = 10;
    public static final Duration DEFAULT_TICKET_TTL = Duration.ofMinutes(10);

    private static final Pattern QUEUE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern KEY = Pattern.compile(Pattern.quote(PREFIX) + "([^.]+)\\.([^.]+)");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    /** The settings of one queue, the {@code <setting>} of {@code ludus.queues.<queue-id>.<setting>}. */
    public static final Set<String> FIELDS = Set.of("enabled", "team-size", "ranked", "spread", "initial-window",
            "widen-per-second", "ticket-ttl", "bot-wait", "band-width");
    private static final Map<String, Integer> BUILT_IN_TEAM_SIZES = builtIns();

    private final Map<String, QueueDefinition> byId;

    private QueueDefinitions(Map<String, QueueDefinition> byId) {
        this.byId = byId;
    }

    /** Today's three queues with every default. */
    public static QueueDefinitions defaults() {
        return parse(Map.of());
    }

    /**
     * Reads every key starting with {@value #PREFIX}; other keys are ignored. Throws
     * {@link InvalidQueueConfigException} naming the first unusable key.
     */
    public static QueueDefinitions parse(Map<String, String> settings) {
        Map<String, Map<String, String>> fieldsById = new LinkedHashMap<>();
        BUILT_IN_TEAM_SIZES.keySet().forEach(id -> fieldsById.put(id, new LinkedHashMap<>()));
        for (String key : new TreeSet<>(settings.keySet())) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            Matcher m = KEY.matcher(key);
            if (!m.matches()) {
                throw new InvalidQueueConfigException(key, "is not of the form " + PREFIX + "<queue-id>.<setting>");
            }
            String id = m.group(1);
            String field = m.group(2);
            if (!QUEUE_ID.matcher(id).matches()) {
                throw new InvalidQueueConfigException(key, "names queue '" + id + "', not a queue id (lowercase letters, digits, '-', at most 32)");
            }
            if (!FIELDS.contains(field)) {
                throw new InvalidQueueConfigException(key, "is not a queue setting (known: " + new TreeSet<>(FIELDS) + ")");
            }
            fieldsById.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(field, settings.get(key).strip());
        }
        Map<String, QueueDefinition> queues = new LinkedHashMap<>();
        fieldsById.forEach((id, fields) -> {
            if (bool(id, fields, "enabled", true)) {
                queues.put(id, definition(id, fields));
            }
        });
        if (queues.isEmpty()) {
            throw new InvalidQueueConfigException(PREFIX + "<queue-id>.enabled", "leaves no queue enabled");
        }
        return new QueueDefinitions(Map.copyOf(queues));
    }

    public Optional<QueueDefinition> find(String queueId) {
        return Optional.ofNullable(byId.get(queueId));
    }

    public Collection<QueueDefinition> all() {
        return byId.values().stream().sorted(java.util.Comparator.comparing(QueueDefinition::id)).toList();
    }

    public List<String> ids() {
        return all().stream().map(QueueDefinition::id).toList();
    }

    private static QueueDefinition definition(String id, Map<String, String> fields) {
        Integer builtInSize = BUILT_IN_TEAM_SIZES.get(id);
        String teamSizeKey = PREFIX + id + ".team-size";
        if (builtInSize == null && !fields.containsKey("team-size")) {
            throw new InvalidQueueConfigException(teamSizeKey, "is required for a new queue");
        }
        int teamSize = integer(id, fields, "team-size", builtInSize == null ? 0 : builtInSize, 1, 16);
        boolean ranked = bool(id, fields, "ranked", id.startsWith("ranked-") && builtInSize != null);
        int spread = integer(id, fields, "spread", DEFAULT_SPREAD, 0, 10_000);
        int initialWindow = integer(id, fields, "initial-window", DEFAULT_INITIAL_WINDOW, 0, 10_000);
        double widen = decimal(id, fields, "widen-per-second", DEFAULT_WIDEN_PER_SECOND, 0, 10_000);
        Duration ttl = duration(id, fields, "ticket-ttl").orElse(DEFAULT_TICKET_TTL);
        Optional<Duration> botWait = duration(id, fields, "bot-wait");
        if (botWait.isPresent() && botWait.get().compareTo(ttl) >= 0) {
            throw new InvalidQueueConfigException(PREFIX + id + ".bot-wait",
                    "(" + botWait.get() + ") must be shorter than " + PREFIX + id + ".ticket-ttl (" + ttl + ")");
        }
        int bandWidth = integer(id, fields, "band-width", 0, 0, 10_000);
        return new QueueDefinition(id, teamSize, ranked, spread, initialWindow, widen, ttl, botWait, bandWidth);
    }

    private static boolean bool(String id, Map<String, String> fields, String field, boolean fallback) {
        String v = fields.get(field);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidQueueConfigException(PREFIX + id + "." + field, "must be true or false, was '" + v + "'");
        };
    }

    private static int integer(String id, Map<String, String> fields, String field, int fallback, int min, int max) {
        String v = fields.get(field);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidQueueConfigException(PREFIX + id + "." + field, "must be a whole number from " + min + " to " + max + ", was '" + v + "'");
    }

    private static double decimal(String id, Map<String, String> fields, String field, double fallback, double min, double max) {
        String v = fields.get(field);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidQueueConfigException(PREFIX + id + "." + field, "must be a number from " + min + " to " + max + ", was '" + v + "'");
    }

    private static Optional<Duration> duration(String id, Map<String, String> fields, String field) {
        String v = fields.get(field);
        if (v == null) {
            return Optional.empty();
        }
        Duration d = parseDuration(v);
        if (d == null || d.isZero() || d.isNegative()) {
            throw new InvalidQueueConfigException(PREFIX + id + "." + field, "must be a positive duration such as 30s, 10m or PT10M, was '" + v + "'");
        }
        return Optional.of(d);
    }

    private static Duration parseDuration(String v) {
        Matcher m = SHORT_DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, Integer> builtIns() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("ranked-1v1", 1);
        sizes.put("ranked-3v3", 3);
        sizes.put("casual-3v3", 3);
        return sizes;
    }

    @Override
    public String toString() {
        return new ArrayList<>(ids()).toString();
    }
}
