package io.ludus.projections.rating.stream;

import io.ludus.events.common.Outcome;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchSide;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.projections.rating.glicko.GameResult.Score;
import io.ludus.projections.rating.glicko.RatedGame;
import io.ludus.projections.rating.glicko.RatedPlayer;
import io.ludus.projections.rating.glicko.RatingLedger;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/** Rates one player (the record key) for one completed match, once per match id, in the player's partition. */
final class RatePlayerProcessor implements Processor<String, MatchEvent, String, PlayerRatingEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RatePlayerProcessor.class);

    private final RatingLedger ledger;
    private ProcessorContext<String, PlayerRatingEvent> context;
    private KeyValueStore<String, RatedPlayer> players;

    RatePlayerProcessor(RatingLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void init(ProcessorContext<String, PlayerRatingEvent> context) {
        this.context = context;
        this.players = context.getStateStore(RatingsTopology.PLAYER_STORE);
    }

    @Override
    public void process(Record<String, MatchEvent> record) {
        String playerId = record.key();
        MatchEvent event = record.value();
        MatchCompleted match = (MatchCompleted) event.getPayload();
        boolean onSideA = playerId.equals(match.getSideA().getPlayerId());
        MatchSide opponent = onSideA ? match.getSideB() : match.getSideA();
        RatedGame game = new RatedGame(match.getMatchId(), event.getOccurredAt(), opponent.getRating(),
                opponent.getDeviation(), score(match.getOutcome(), onSideA));
        RatedPlayer current = Optional.ofNullable(players.get(playerId)).orElse(RatedPlayer.NEW);
        Optional<RatedPlayer> next;
        try {
            next = ledger.apply(current, game);
        } catch (IllegalArgumentException e) {
            LOG.warn("Not rating match {} for player {}: {}", match.getMatchId(), playerId, e.getMessage());
            return;
        }
        if (next.isEmpty()) {
            LOG.debug("Match {} already rated for player {}", match.getMatchId(), playerId);
            return;
        }
        RatedPlayer rated = next.get();
        players.put(playerId, rated);
        PlayerRatingChanged changed = PlayerRatingChanged.newBuilder()
                .setPlayerId(playerId)
                .setRating(rated.rating().rating())
                .setDeviation(rated.rating().deviation())
                .setVolatility(rated.rating().volatility())
                .setGamesPlayed(rated.gamesPlayed())
                .setWins(rated.wins())
                .setLosses(rated.losses())
                .setDraws(rated.draws())
                .setMatchId(match.getMatchId())
                .build();
        PlayerRatingEvent out = PlayerRatingEvent.newBuilder()
                // the same match rates a player once, so this id is stable across redeliveries
                .setEventId(UUID.nameUUIDFromBytes(("rating|" + match.getMatchId() + "|" + playerId).getBytes(StandardCharsets.UTF_8)))
                .setOccurredAt(event.getOccurredAt())
                .setCorrelationId(event.getCorrelationId())
                .setCausationId(event.getEventId().toString())
                .setPayload(changed)
                .build();
        context.forward(new Record<>(playerId, out, record.timestamp()));
    }

    private static Score score(Outcome outcome, boolean onSideA) {
        return switch (outcome) {
            case DRAW -> Score.DRAW;
            case TEAM_A_WINS -> onSideA ? Score.WIN : Score.LOSS;
            case TEAM_B_WINS -> onSideA ? Score.LOSS : Score.WIN;
        };
    }
}
