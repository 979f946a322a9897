package io.ludus.ingress.queue;

/** Team JSON for tests, valid against the bundled content pack. */
public final class Loadouts {

    private Loadouts() {}

    public static final String VALID_TEAM = """
            {"units":[
              {"class":"guardian","abilities":["shield_bash","sunder"],
               "tactics":{"abilityPriority":[{"ability":"shield_bash","target":{"side":"enemy","filter":"in_range","order":"nearest"}}],
                          "focus":[{"side":"enemy","order":"lowest_health"}]}},
              {"class":"cleric","abilities":["heal","smite"],
               "tactics":{"abilityPriority":[{"ability":"heal","target":{"side":"ally","filter":"health_below_percent","percent":60,"order":"lowest_health_percent"}}],
                          "focus":[{"side":"enemy","order":"nearest"}]}},
              {"class":"mage","abilities":["fireball","mana_shield"],
               "tactics":{"abilityPriority":[{"ability":"mana_shield","target":{"side":"self","order":"nearest"}},
                                             {"ability":"fireball","target":{"side":"enemy","order":"lowest_health"}}],
                          "focus":[]}}
            ]}""";

    public static final String UNKNOWN_CLASS_TEAM = """
            {"units":[{"class":"dragon","abilities":[],"tactics":{"abilityPriority":[],"focus":[]}}]}""";

    public static String join(String id, String queue, int spread, String team) {
        return "{\"type\":\"queue.join\",\"id\":\"" + id + "\",\"queue\":\"" + queue + "\",\"spread\":" + spread + ",\"team\":" + team + "}";
    }
}
