package io.ludus.sim.content;

import io.ludus.sim.StatusKind;
import io.ludus.sim.content.ContentFormatException.Problem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses the line-based pack format described in the module README. */
final class ContentParser {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final int MAX_TEAM_SIZE = 16;
    private static final int MAX_MODIFIER_PERCENT = 300;
    private static final int MIN_MODIFIER_PERCENT = -90;

    private final List<UnitClass> classes = new ArrayList<>();
    private final List<Integer> classLines = new ArrayList<>();
    private final List<Ability> abilities = new ArrayList<>();
    private final List<String[]> exclusives = new ArrayList<>();
    private final List<Integer> exclusiveLines = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private ContentRules rules;

    private ContentParser() {}

    static ContentPack parse(String text) {
        ContentParser parser = new ContentParser();
        StringBuilder canonical = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] tokens = line.split("\\s+");
            canonical.append(String.join(" ", tokens)).append('\n');
            parser.entry(i + 1, tokens);
        }
        String version = ContentPack.sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
        return parser.finish(version);
    }

    private void entry(int line, String[] tokens) {
        switch (tokens[0]) {
            case "rules" -> {
                if (rules != null) {
                    throw new ContentFormatException(line, Problem.DUPLICATE_RULES, "only one rules line");
                }
                rules = rules(new Fields(line, tokens, 1));
            }
            case "class" -> {
                Fields fields = new Fields(line, tokens, 2);
                classes.add(unitClass(id(line, tokens), fields));
                classLines.add(line);
            }
            case "ability" -> {
                Fields fields = new Fields(line, tokens, 2);
                abilities.add(ability(id(line, tokens), fields));
            }
            case "exclusive" -> {
                if (tokens.length != 3) {
                    throw new ContentFormatException(line, Problem.MALFORMED_FIELD, "exclusive takes two ability ids");
                }
                exclusives.add(new String[] {tokens[1], tokens[2]});
                exclusiveLines.add(line);
            }
            default -> throw new ContentFormatException(line, Problem.UNKNOWN_DIRECTIVE, tokens[0]);
        }
    }

    private String id(int line, String[] tokens) {
        if (tokens.length < 2 || tokens[1].contains("=")) {
            throw new ContentFormatException(line, Problem.MISSING_ID, tokens[0] + " needs an id");
        }
        String id = tokens[1];
        if (!ID.matcher(id).matches()) {
            throw new ContentFormatException(line, Problem.BAD_ID, id);
        }
        if (!ids.add(id)) {
            throw new ContentFormatException(line, Problem.DUPLICATE_ID, id);
        }
        return id;
    }

    private static ContentRules rules(Fields f) {
        ContentRules r = new ContentRules(
                f.optionalInt("arenaWidth", 2000, 100, 100_000),
                f.optionalInt("arenaHeight", 1200, 100, 100_000),
                f.optionalInt("minTeamSize", 1, 1, MAX_TEAM_SIZE),
                f.optionalInt("maxTeamSize", 5, 1, MAX_TEAM_SIZE),
                f.optionalInt("maxAbilitiesPerUnit", 3, 0, 8),
                f.optionalInt("maxAbilityRules", 6, 0, 16),
                f.optionalInt("maxFocusRules", 4, 0, 8),
                f.optionalInt("teamPointBudget", 30, 0, 10_000),
                f.optionalInt("fatigueStartTick", 900, 1, Integer.MAX_VALUE),
                f.optionalInt("fatigueStepTicks", 50, 1, 10_000),
                f.optionalInt("fatigueDamageRampPerMille", 100, 0, 10_000),
                f.optionalInt("fatigueHealingDecayPerMille", 100, 0, 1000),
                f.optionalInt("fatigueDamagePerLevel", 20, 0, 100_000),
                f.optionalInt("damageVariancePercent", 10, 0, 50),
                f.optionalInt("castLockTicks", 5, 0, 100),
                f.optionalInt("kiteMinRange", 100, 0, 100_000),
                f.optionalInt("kiteDistancePercent", 50, 0, 100));
        f.requireAllUsed();
        if (r.maxTeamSize() < r.minTeamSize()) {
            throw new ContentFormatException(f.line, Problem.VALUE_OUT_OF_RANGE, "maxTeamSize < minTeamSize");
        }
        return r;
    }

    private static UnitClass unitClass(String id, Fields f) {
        int maxResource = f.requiredInt("maxResource", 0, 1_000_000);
        UnitClass c = new UnitClass(id,
                f.requiredInt("health", 1, 1_000_000),
                f.requiredInt("armour", 0, 10_000),
                f.requiredInt("speed", 0, 1000),
                f.requiredInt("range", 1, 100_000),
                f.requiredInt("attack", 0, 1_000_000),
                f.requiredInt("attackCooldown", 1, 10_000),
                f.requiredEnum("resource", ResourceKind.class),
                maxResource,
                f.requiredInt("resourceRegen", 0, 1_000_000),
                f.requiredInt("startResource", 0, maxResource),
                f.requiredInt("points", 0, 1000),
                f.list("abilities"));
        f.requireAllUsed();
        return c;
    }

    private static Ability ability(String id, Fields f) {
        AbilityTarget target = f.requiredEnum("target", AbilityTarget.class);
        StatusKind status = f.optionalEnum("status", StatusKind.class);
        Ability a = new Ability(id, target,
                target == AbilityTarget.SELF ? f.optionalInt("range", 0, 0, 0) : f.requiredInt("range", 1, 100_000),
                f.requiredInt("cooldown", 1, 100_000),
                f.requiredInt("cost", 0, 1_000_000),
                f.requiredInt("points", 0, 1000),
                f.optionalInt("damage", 0, 0, 1_000_000),
                f.optionalInt("heal", 0, 0, 1_000_000),
                f.optionalInt("area", 0, 0, 100_000),
                status,
                status == null ? 0 : f.optionalInt("magnitude", 0, -1_000_000, 1_000_000),
                status == null ? 0 : f.requiredInt("duration", 1, 100_000),
                status == StatusKind.DAMAGE_OVER_TIME || status == StatusKind.HEAL_OVER_TIME
                        ? f.requiredInt("interval", 1, 100_000) : 0);
        f.requireAllUsed();
        checkConsistent(f.line, a);
        return a;
    }

    private static void checkConsistent(int line, Ability a) {
        boolean onEnemy = a.target() == AbilityTarget.ENEMY;
        if (a.damage() == 0 && a.heal() == 0 && a.status() == null) {
            inconsistent(line, "ability " + a.id() + " has no effect");
        }
        if (a.damage() > 0 && !onEnemy) {
            inconsistent(line, "only ENEMY abilities deal damage");
        }
        if (a.heal() > 0 && onEnemy) {
            inconsistent(line, "ENEMY abilities cannot heal");
        }
        if (a.status() == null) {
            return;
        }
        if (a.status().harmful(a.magnitude()) != onEnemy) {
            inconsistent(line, a.status() + " with magnitude " + a.magnitude() + " does not fit target " + a.target());
        }
        switch (a.status()) {
            case STUN -> {
                if (a.magnitude() != 0) inconsistent(line, "STUN takes no magnitude");
            }
            case SHIELD, DAMAGE_OVER_TIME, HEAL_OVER_TIME -> {
                if (a.magnitude() <= 0) inconsistent(line, a.status() + " needs a positive magnitude");
            }
            case DAMAGE_MODIFIER, ARMOUR_MODIFIER, SPEED_MODIFIER -> {
                if (a.magnitude() == 0 || a.magnitude() < MIN_MODIFIER_PERCENT || a.magnitude() > MAX_MODIFIER_PERCENT) {
                    inconsistent(line, "modifier percent must be non-zero in [" + MIN_MODIFIER_PERCENT + ", "
                            + MAX_MODIFIER_PERCENT + "]");
                }
            }
        }
        if (a.interval() > a.duration()) {
            inconsistent(line, "interval longer than duration");
        }
    }

    private static void inconsistent(int line, String detail) {
        throw new ContentFormatException(line, Problem.INCONSISTENT_ABILITY, detail);
    }

    private ContentPack finish(String version) {
        if (classes.isEmpty()) {
            throw new ContentFormatException(0, Problem.NO_CLASSES, "a pack needs at least one class");
        }
        Set<String> abilityIds = new HashSet<>();
        abilities.forEach(a -> abilityIds.add(a.id()));
        for (int i = 0; i < classes.size(); i++) {
            UnitClass c = classes.get(i);
            Set<String> seen = new HashSet<>();
            for (String ability : c.abilities()) {
                if (!abilityIds.contains(ability)) {
                    throw new ContentFormatException(classLines.get(i), Problem.UNKNOWN_REFERENCE, ability);
                }
                if (!seen.add(ability)) {
                    throw new ContentFormatException(classLines.get(i), Problem.DUPLICATE_ID, ability);
                }
            }
        }
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < exclusives.size(); i++) {
            int a = indexOf(exclusives.get(i)[0]);
            int b = indexOf(exclusives.get(i)[1]);
            if (a < 0 || b < 0 || a == b) {
                throw new ContentFormatException(exclusiveLines.get(i), Problem.UNKNOWN_REFERENCE,
                        Arrays.toString(exclusives.get(i)));
            }
            pairs.add(new int[] {a, b});
        }
        ContentRules effectiveRules = rules != null ? rules : rules(new Fields(0, new String[] {"rules"}, 1));
        return new ContentPack(version, effectiveRules, classes, abilities, pairs);
    }

    private int indexOf(String abilityId) {
        for (int i = 0; i < abilities.size(); i++) {
            if (abilities.get(i).id().equals(abilityId)) {
                return i;
            }
        }
        return -1;
    }

    /** The key=value fields of one line; every key must be consumed exactly once. */
    private static final class Fields {
        final int line;
        private final Map<String, String> values = new LinkedHashMap<>();

        Fields(int line, String[] tokens, int from) {
            this.line = line;
            for (int i = from; i < tokens.length; i++) {
                int eq = tokens[i].indexOf('=');
                if (eq <= 0 || eq == tokens[i].length() - 1) {
                    throw new ContentFormatException(line, Problem.MALFORMED_FIELD, tokens[i]);
                }
                if (values.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1)) != null) {
                    throw new ContentFormatException(line, Problem.DUPLICATE_KEY, tokens[i].substring(0, eq));
                }
            }
        }

        int requiredInt(String key, int min, int max) {
            String raw = values.remove(key);
            if (raw == null) {
                throw new ContentFormatException(line, Problem.MISSING_KEY, key);
            }
            return toInt(key, raw, min, max);
        }

        int optionalInt(String key, int fallback, int min, int max) {
            String raw = values.remove(key);
            return raw == null ? fallback : toInt(key, raw, min, max);
        }

        private int toInt(String key, String raw, int min, int max) {
            int value;
            try {
                value = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new ContentFormatException(line, Problem.BAD_NUMBER, key + "=" + raw);
            }
            if (value < min || value > max) {
                throw new ContentFormatException(line, Problem.VALUE_OUT_OF_RANGE,
                        key + "=" + raw + " not in [" + min + ", " + max + "]");
            }
            return value;
        }

        <E extends Enum<E>> E requiredEnum(String key, Class<E> type) {
            E value = optionalEnum(key, type);
            if (value == null) {
                throw new ContentFormatException(line, Problem.MISSING_KEY, key);
            }
            return value;
        }

        <E extends Enum<E>> E optionalEnum(String key, Class<E> type) {
            String raw = values.remove(key);
            if (raw == null) {
                return null;
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(raw)) {
                    return constant;
                }
            }
            throw new ContentFormatException(line, Problem.BAD_ENUM, key + "=" + raw);
        }

        List<String> list(String key) {
            String raw = values.remove(key);
            return raw == null ? List.of() : List.of(raw.split(","));
        }

        void requireAllUsed() {
            if (!values.isEmpty()) {
                throw new ContentFormatException(line, Problem.UNKNOWN_KEY, values.keySet().iterator().next());
            }
        }
    }
}
