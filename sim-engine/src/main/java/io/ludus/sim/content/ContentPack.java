package io.ludus.sim.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An immutable, versioned set of classes and abilities. The version is the SHA-256 (hex) of the pack's
 * canonical text: comments and blank lines dropped, whitespace runs collapsed to one space, one line per
 * entry. Class and ability indices (file order) are what battles and replays refer to.
 */
public final class ContentPack {
    static final String BUNDLED_RESOURCE = "core-v1.pack";

    private final String version;
    private final ContentRules rules;
    private final List<UnitClass> classes;
    private final List<Ability> abilities;
    private final Map<String, Integer> classIndex = new HashMap<>();
    private final Map<String, Integer> abilityIndex = new HashMap<>();
    private final boolean[][] allowed;
    private final boolean[][] exclusive;

    ContentPack(String version, ContentRules rules, List<UnitClass> classes, List<Ability> abilities,
                List<int[]> exclusivePairs) {
        this.version = version;
        this.rules = rules;
        this.classes = List.copyOf(classes);
        this.abilities = List.copyOf(abilities);
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i).id(), i);
        }
        for (int i = 0; i < abilities.size(); i++) {
            abilityIndex.put(abilities.get(i).id(), i);
        }
        allowed = new boolean[classes.size()][abilities.size()];
        for (int c = 0; c < classes.size(); c++) {
            for (String ability : classes.get(c).abilities()) {
                allowed[c][abilityIndex.get(ability)] = true;
            }
        }
        exclusive = new boolean[abilities.size()][abilities.size()];
        for (int[] pair : exclusivePairs) {
            exclusive[pair[0]][pair[1]] = true;
            exclusive[pair[1]][pair[0]] = true;
        }
    }

    /** The pack shipped with this engine build. */
    public static ContentPack bundled() {
        return ContentPacks.bundled();
    }

    /** Parses a pack; throws {@link ContentFormatException} on any error. */
    public static ContentPack parse(String text) {
        return ContentParser.parse(text);
    }

    static ContentPack load(String resource) {
        try (InputStream in = ContentPack.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled content resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory on every JVM", e);
        }
    }

    public String version() {
        return version;
    }

    public ContentRules rules() {
        return rules;
    }

    public List<UnitClass> classes() {
        return classes;
    }

    public List<Ability> abilities() {
        return abilities;
    }

    public UnitClass unitClass(int index) {
        return classes.get(index);
    }

    public Ability ability(int index) {
        return abilities.get(index);
    }

    /** The class's index, or -1 if the pack has no such class. */
    public int classIndex(String id) {
        return classIndex.getOrDefault(id, -1);
    }

    /** The ability's index, or -1 if the pack has no such ability. */
    public int abilityIndex(String id) {
        return abilityIndex.getOrDefault(id, -1);
    }

    public boolean allows(int classIndex, int abilityIndex) {
        return allowed[classIndex][abilityIndex];
    }

    /** Whether the two abilities may not be picked together for one unit. */
    public boolean exclusive(int abilityA, int abilityB) {
        return exclusive[abilityA][abilityB];
    }

    @Override
    public String toString() {
        return "ContentPack[" + version + ", " + classes.size() + " classes, " + abilities.size() + " abilities]";
    }
}
