package io.ludus.standalone;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Resolved standalone configuration. Precedence: command-line flag, then environment variable,
 * then the config file ({@code --config FILE} or {@code LUDUS_CONFIG}, Java properties format with
 * the setting keys), then the default.
 */
public record StandaloneConfig(Path dataDir, String bind, int httpPort, int kafkaPort, int kafkaControllerPort,
                               int registryPort, int postgresPort, int simThreads, boolean verbose,
                               String auth, String steamAppId, String steamWebApiKey, String trustedProxies) {

    private static final java.util.Set<String> LOGIN_MODES = java.util.Set.of("offline", "password", "steam");

    public static final String CONFIG_FLAG = "--config";
    public static final String CONFIG_ENV = "LUDUS_CONFIG";

    /** Thrown by {@link #parse} when the user asked for help instead of a server. */
    public static final class HelpRequested extends Exception {
        HelpRequested() {
            super(null, null, false, false);
        }
    }

    public static StandaloneConfig parse(String[] args, Map<String, String> env) throws HelpRequested {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        String configFile = env.get(CONFIG_ENV);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (value == null && name.equals(Setting.VERBOSE.flag())) {
                value = "true"; // a switch: --verbose alone turns it on
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new InvalidConfigurationException("option " + name + " needs a value (see --help)");
                }
                value = args[++i];
            }
            if (name.equals(CONFIG_FLAG)) {
                configFile = value;
                continue;
            }
            flags.put(settingForFlag(name), value);
        }
        Properties file = configFile == null ? new Properties() : load(Path.of(configFile));
        for (String key : file.stringPropertyNames()) {
            settingForKey(key, configFile);
        }
        Map<Setting, String> raw = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            String v = flags.get(s);
            if (v == null) v = env.get(s.env());
            if (v == null) v = file.getProperty(s.key());
            if (v == null) v = s.defaultValue();
            raw.put(s, v.strip());
        }
        return of(raw);
    }

    static StandaloneConfig of(Map<Setting, String> raw) {
        String dataDir = raw.get(Setting.DATA_DIR);
        if (dataDir.isEmpty()) {
            throw new InvalidConfigurationException(Setting.DATA_DIR, "must not be empty");
        }
        String bind = raw.get(Setting.BIND);
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new InvalidConfigurationException(Setting.BIND, "'" + bind + "' is not an address of this machine");
        }
        int http = port(raw, Setting.HTTP_PORT);
        int kafka = port(raw, Setting.KAFKA_PORT);
        int controller = port(raw, Setting.KAFKA_CONTROLLER_PORT);
        int registry = port(raw, Setting.REGISTRY_PORT);
        int postgres = port(raw, Setting.POSTGRES_PORT);
        int simThreads = integer(raw, Setting.SIM_THREADS, 0, 1024);
        boolean verbose = bool(raw, Setting.VERBOSE);
        Map<Integer, Setting> used = new java.util.HashMap<>();
        for (Setting s : new Setting[] {Setting.HTTP_PORT, Setting.KAFKA_PORT, Setting.KAFKA_CONTROLLER_PORT,
                Setting.REGISTRY_PORT, Setting.POSTGRES_PORT}) {
            int p = Integer.parseInt(raw.get(s));
            Setting other = p == 0 ? null : used.putIfAbsent(p, s);
            if (other != null) {
                throw new InvalidConfigurationException(s, "port " + p + " is already used by " + other.flag());
            }
        }
        String auth = raw.get(Setting.AUTH).replace(" ", "");
        java.util.List<String> modes = auth.isEmpty() ? java.util.List.of() : java.util.List.of(auth.split(","));
        for (String mode : modes) {
            if (!LOGIN_MODES.contains(mode)) {
                throw new InvalidConfigurationException(Setting.AUTH, "'" + mode + "' is not a login mode (offline, password, steam)");
            }
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback && (modes.isEmpty() || modes.contains("offline"))) {
            throw new InvalidConfigurationException(Setting.AUTH, "--bind " + bind + " opens the server to the network, where offline "
                    + "login would let anyone claim any name: choose --auth password (and/or steam)");
        }
        if (!raw.get(Setting.STEAM_APP_ID).isEmpty() && !raw.get(Setting.STEAM_APP_ID).matches("[1-9][0-9]{0,9}")) {
            throw new InvalidConfigurationException(Setting.STEAM_APP_ID, "'" + raw.get(Setting.STEAM_APP_ID) + "' is not a Steam app id");
        }
        if (modes.contains("steam") && (raw.get(Setting.STEAM_APP_ID).isEmpty() || raw.get(Setting.STEAM_WEB_API_KEY).isEmpty())) {
            throw new InvalidConfigurationException(Setting.AUTH, "steam needs " + Setting.STEAM_APP_ID.flag() + " and "
                    + Setting.STEAM_WEB_API_KEY.env());
        }
        return new StandaloneConfig(Path.of(dataDir).toAbsolutePath().normalize(), bind, http, kafka, controller,
                registry, postgres, simThreads, verbose, auth, raw.get(Setting.STEAM_APP_ID), raw.get(Setting.STEAM_WEB_API_KEY),
                raw.get(Setting.TRUSTED_PROXIES));
    }

    public int effectiveSimThreads() {
        return simThreads == 0 ? Runtime.getRuntime().availableProcessors() : simThreads;
    }

    public static String help() {
        StringBuilder sb = new StringBuilder("usage: ludus start [options]\n\nOptions (flag, environment variable, default):\n");
        for (Setting s : Setting.values()) {
            String flag = s == Setting.VERBOSE ? s.flag() : s.flag() + " VALUE";
            sb.append(String.format("  %-26s %-28s default %s%n      %s%n", flag, s.env(), s.defaultValue(),
                    s.description()));
        }
        sb.append(String.format("  %-26s %-28s%n      %s%n", CONFIG_FLAG + " FILE", CONFIG_ENV,
                "Java properties file with any of the keys above (e.g. http-port=8080). Flags and env override it."));
        return sb.toString();
    }

    private static Setting settingForFlag(String flag) {
        for (Setting s : Setting.values()) {
            if (s.flag().equals(flag)) return s;
        }
        throw new InvalidConfigurationException("unknown option '" + flag + "' (see --help for the list)");
    }

    private static void settingForKey(String key, String file) {
        for (Setting s : Setting.values()) {
            if (s.key().equals(key)) return;
        }
        throw new InvalidConfigurationException("unknown key '" + key + "' in config file " + file + " (see --help for the list)");
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read config file " + file + " (" + CONFIG_FLAG + " / "
                    + CONFIG_ENV + "): " + e.getMessage());
        }
        return p;
    }

    private static boolean bool(Map<Setting, String> raw, Setting s) {
        String v = raw.get(s);
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigurationException(s, "'" + v + "' must be true or false");
        };
    }

    private static int port(Map<Setting, String> raw, Setting s) {
        return integer(raw, s, 0, 65535);
    }

    private static int integer(Map<Setting, String> raw, Setting s, int min, int max) {
        String v = raw.get(s);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new InvalidConfigurationException(s, "'" + v + "' must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(s, "'" + v + "' is not a whole number between " + min + " and " + max);
        }
    }
}
