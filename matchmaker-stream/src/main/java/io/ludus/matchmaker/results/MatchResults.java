package io.ludus.matchmaker.results;

import io.ludus.events.match.MatchAbortReason;
import io.ludus.events.match.MatchAborted;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.replay.ReplayEvent;
import io.ludus.events.replay.ReplayStored;
import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationFailed;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.simevents.EventMapping;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * What a simulation result means for the match and the replay index: SimulationCompleted gives MatchCompleted and
 * ReplayStored, SimulationFailed gives MatchAborted. A pure function of the result: the derived events' ids come
 * from the result's event id, so a result read twice derives the same events. v1 results derive nothing (their
 * worker wrote the match and replay events itself), nor does a failure whose request did not decode.
 */
public final class MatchResults {

    private static final int MAX_MESSAGE_CHARS = 1000;

    private MatchResults() {}

    public static List<MatchEvent> matchEvents(SimulationResultEvent result) {
        if (result == null) {
            return List.of();
        }
        return switch (result.getPayload()) {
            case SimulationCompleted completed -> completed.getSideA() == null ? List.of() : List.of(match(result, "completed",
                    MatchCompleted.newBuilder()
                            .setMatchId(completed.getMatchId())
                            .setQueueId(completed.getQueueId())
                            .setTeamAPlayerId(completed.getSideA().getPlayerId())
                            .setTeamBPlayerId(completed.getSideB().getPlayerId())
                            .setOutcome(completed.getOutcome())
                            .setTicks(completed.getTicks())
                            .setReplay(completed.getReplay())
                            .setRanked(completed.getRanked())
                            .setSideA(EventMapping.side(completed.getSideA()))
                            .setSideB(EventMapping.side(completed.getSideB()))
                            .setPlayers(EventMapping.matchPlayers(completed))
                            .build()));
            case SimulationFailed failed -> failed.getSideA() == null ? List.of() : List.of(match(result, "aborted",
                    MatchAborted.newBuilder()
                            .setMatchId(failed.getMatchId())
                            .setQueueId(failed.getQueueId())
                            .setTeamAPlayerId(failed.getSideA().getPlayerId())
                            .setTeamBPlayerId(failed.getSideB().getPlayerId())
                            .setReason(MatchAbortReason.SIMULATION_FAILED)
                            .setMessage(truncate(failed.getReason() + ": " + failed.getMessage()))
                            .build()));
            default -> throw new IllegalStateException("simulation-results payload not in the schema: " + result.getPayload().getClass());
        };
    }

    public static List<ReplayEvent> replayEvents(SimulationResultEvent result) {
        if (result == null || !(result.getPayload() instanceof SimulationCompleted completed) || completed.getSideA() == null) {
            return List.of();
        }
        return List.of(ReplayEvent.newBuilder()
                .setEventId(derivedId(result, "replay-stored"))
                .setOccurredAt(result.getOccurredAt())
                .setCorrelationId(result.getCorrelationId())
                .setCausationId(result.getEventId().toString())
                .setPayload(ReplayStored.newBuilder()
                        .setMatchId(completed.getMatchId())
                        .setReplay(completed.getReplay())
                        .setContentVersion(completed.getContentVersion())
                        .setExpiresAt(completed.getReplayExpiresAt())
                        .build())
                .build());
    }

    private static MatchEvent match(SimulationResultEvent result, String kind, Object payload) {
        return MatchEvent.newBuilder()
                .setEventId(derivedId(result, "match-" + kind))
                .setOccurredAt(result.getOccurredAt())
                .setCorrelationId(result.getCorrelationId())
                .setCausationId(result.getEventId().toString())
                .setPayload(payload)
                .build();
    }

    private static UUID derivedId(SimulationResultEvent result, String kind) {
        return UUID.nameUUIDFromBytes(("match-results|" + result.getEventId() + "|" + kind).getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
