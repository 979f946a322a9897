package io.ludus.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a Grafana dashboard's PromQL queries read, and the ones a Prometheus exposition exports. */
final class DashboardMetrics {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** PromQL words that are not metric names: aggregation and set operators, modifiers, keywords. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "offset", "bool", "inf", "nan", "atan2");

    private DashboardMetrics() {
    }

    /** Metric names in one PromQL expression: identifiers outside label matchers, strings and ranges, not called as functions. */
    static Set<String> metricNames(String expr) {
        String stripped = expr
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(stripped);
        while (m.find()) {
            String word = m.group();
            int next = m.end();
            while (next < stripped.length() && Character.isWhitespace(stripped.charAt(next))) {
                next++;
            }
            boolean call = next < stripped.length() && stripped.charAt(next) == '(';
            boolean number = m.start() > 0 && (Character.isDigit(stripped.charAt(m.start() - 1)) || stripped.charAt(m.start() - 1) == '.');
            if (!call && !number && !KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    /** Every expression of every panel's targets (rows' nested panels included). */
    static List<String> expressions(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        collect(dashboard.path("panels"), exprs);
        return exprs;
    }

    private static void collect(JsonNode panels, List<String> exprs) {
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            collect(panel.path("panels"), exprs);
        }
    }

    /** Sample names in a Prometheus text exposition (histogram and summary series included as exported). */
    static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = IDENTIFIER.matcher(line);
                if (m.lookingAt()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    /** One line per query metric that is not exported, naming the panel's expression. */
    static List<String> problems(JsonNode dashboard, Set<String> exported) {
        List<String> problems = new ArrayList<>();
        for (String expr : expressions(dashboard)) {
            for (String name : metricNames(expr)) {
                if (!exported.contains(name)) {
                    problems.add(name + " (in " + expr + ") is not exported");
                }
            }
        }
        return problems;
    }
}
