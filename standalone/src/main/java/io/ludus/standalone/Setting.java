package io.ludus.standalone;

import java.util.Locale;

/**
 * Every standalone setting, once: its flag, environment variable and config-file key derive from
 * {@link #key}, so help text, docs and error messages always agree.
 */
public enum Setting {
    DATA_DIR("data-dir", "./data",
            "Directory for all persistent state (Kafka logs, PostgreSQL, replays, secrets). Survives restarts."),
    BIND("bind", "127.0.0.1",
            "Address the client-facing HTTP server binds to (0.0.0.0 to host players on the network). Kafka, the registry and PostgreSQL always listen on loopback only."),
    HTTP_PORT("http-port", "8080",
            "Port for game clients: HTTP API, WebSocket (/v1/ws) and /health."),
    KAFKA_PORT("kafka-port", "9092",
            "Port of the embedded Kafka broker (clients)."),
    KAFKA_CONTROLLER_PORT("kafka-controller-port", "9093",
            "Port of the embedded Kafka KRaft controller."),
    REGISTRY_PORT("registry-port", "8081",
            "Port of the embedded Confluent-compatible schema registry."),
    POSTGRES_PORT("postgres-port", "5433",
            "Port of the embedded PostgreSQL (5433 so it does not collide with a system PostgreSQL on 5432)."),
    SIM_THREADS("sim-threads", "0",
            "Simulation worker threads; 0 means one per available core."),
    VERBOSE("verbose", "false",
            "Show every log line on the console, the infrastructure's too (--verbose alone turns it on). The log file under <data-dir>/logs/ always has them."),
    AUTH("auth", "",
            "Login modes, comma-separated: offline, password, steam. Empty means offline, which only a loopback --bind allows: offline trusts whoever connects from this machine, and behind a reverse proxy every client does."),
    STEAM_APP_ID("steam-app-id", "",
            "The game's Steam app id (needed for --auth steam)."),
    STEAM_WEB_API_KEY("steam-web-api-key", "",
            "Steam publisher Web API key (needed for --auth steam). Prefer the environment variable: flags show in process lists."),
    TRUSTED_PROXIES("trusted-proxies", "",
            "Comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client. Empty: the TCP peer is the client.");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String flag() {
        return "--" + key;
    }

    public String env() {
        return "LUDUS_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** How an error message names this setting, so the user knows every place to fix it. */
    public String names() {
        return flag() + " / " + env() + " / config key '" + key + "'";
    }
}
