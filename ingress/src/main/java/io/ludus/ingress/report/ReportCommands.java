package io.ludus.ingress.report;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.ludus.events.command.ReportKind;
import io.ludus.events.command.SubmitReport;
import io.ludus.ingress.ws.CommandRejectedException;
import io.ludus.ingress.ws.ErrorCode;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns {@code report.submit} frames into SubmitReport: kind bug or suggestion, text within the
 * limit, an optional match id and client build, and a per-player rate (per node) so one player
 * cannot flood the reports table.
 */
@Singleton
public class ReportCommands {

    static final int MAX_ID = 64;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:+-]{1," + MAX_ID + "}");

    private final ReportProperties properties;
    private final Map<String, Bucket> buckets;

    ReportCommands(ReportProperties properties) {
        this.properties = properties;
        int max = properties.maxTrackedPlayers();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > max;
            }
        };
    }

    public SubmitReport submit(String playerId, String commandId, JsonNode frame) throws CommandRejectedException {
        ReportKind kind = kind(frame.get("kind"));
        String text = text(frame.get("text"));
        String matchId = optionalId(frame.get("matchId"), "matchId");
        String clientBuild = optionalId(frame.get("clientBuild"), "clientBuild");
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(playerId, ignored -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(properties.ratePerPlayer())
                            .refillGreedy(properties.ratePerPlayer(), properties.ratePeriod()).build())
                    .build());
        }
        if (!bucket.tryConsume(1)) {
            throw new CommandRejectedException(ErrorCode.RATE_LIMITED,
                    "at most " + properties.ratePerPlayer() + " reports per " + properties.ratePeriod().toMinutes() + " minutes");
        }
        return SubmitReport.newBuilder()
                .setPlayerId(playerId)
                .setCommandId(commandId)
                .setKind(kind)
                .setText(text)
                .setMatchId(matchId)
                .setClientBuild(clientBuild)
                .build();
    }

    private static ReportKind kind(JsonNode kind) throws CommandRejectedException {
        if (kind != null && kind.isString()) {
            switch (kind.getStringValue()) {
                case "bug" -> { return ReportKind.BUG; }
                case "suggestion" -> { return ReportKind.SUGGESTION; }
                default -> { }
            }
        }
        throw invalid("kind must be \"bug\" or \"suggestion\"");
    }

    private String text(JsonNode node) throws CommandRejectedException {
        if (node == null || !node.isString() || node.getStringValue().isBlank()) {
            throw invalid("text must be a non-blank string");
        }
        String text = node.getStringValue().strip();
        if (text.codePointCount(0, text.length()) > properties.maxText()) {
            throw invalid("text may be at most " + properties.maxText() + " characters");
        }
        return text;
    }

    private static String optionalId(JsonNode node, String field) throws CommandRejectedException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString() || !ID.matcher(node.getStringValue()).matches()) {
            throw invalid(field + " must be 1 to " + MAX_ID + " of A-Z, a-z, 0-9 and ._:+-");
        }
        return node.getStringValue();
    }

    private static CommandRejectedException invalid(String message) {
        return new CommandRejectedException(ErrorCode.INVALID_COMMAND, message);
    }
}
