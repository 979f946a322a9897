package io.ludus.registry;

/** Avro schemas for the tests: an evolving Player record. */
final class TestSchemas {
    private TestSchemas() {
    }

    static final String PLAYER_V1 = """
            {"type":"record","name":"Player","namespace":"io.ludus.test",
             "fields":[{"name":"id","type":"string"}]}""";

    /** Same as V1, spelled with other whitespace and attribute order. */
    static final String PLAYER_V1_RESPELLED = """
            {  "namespace" : "io.ludus.test", "name":"Player",
               "fields":[ {"type":"string", "name":"id"} ], "type":"record" }""";

    /** Adds a field with a default: BACKWARD and FORWARD compatible with V1. */
    static final String PLAYER_V2_WITH_DEFAULT = """
            {"type":"record","name":"Player","namespace":"io.ludus.test",
             "fields":[{"name":"id","type":"string"},{"name":"level","type":"int","default":1}]}""";

    /** Adds a field without a default: not BACKWARD compatible (it cannot read V1 data), but FORWARD compatible. */
    static final String PLAYER_REQUIRED_RANK = """
            {"type":"record","name":"Player","namespace":"io.ludus.test",
             "fields":[{"name":"id","type":"string"},{"name":"rank","type":"int"}]}""";

    static final String MATCH = """
            {"type":"record","name":"Match","namespace":"io.ludus.test",
             "fields":[{"name":"matchId","type":"long"}]}""";

    /** The same schema in another namespace: a different schema, so it gets its own id. */
    static String inNamespace(String schema, String namespace) {
        return schema.replace("\"io.ludus.test\"", "\"" + namespace + "\"");
    }
}
