package io.ludus.projections.rating.glicko;

import io.ludus.projections.rating.glicko.GameResult.Score;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RatingLedgerTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final Glicko2 glicko = Glicko2.withDefaults();
    private final RatingLedger ledger = new RatingLedger(glicko, Duration.ofDays(1), 3);

    @Test
    void firstRatedGameStartsFromTheGlickoDefaults() {
        RatedPlayer after = ledger.apply(RatedPlayer.NEW, new RatedGame("m1", T0, 1500, 350, Score.WIN)).orElseThrow();

        assertThat(after.rating()).isEqualTo(glicko.rate(Rating.INITIAL, List.of(new GameResult(1500, 350, Score.WIN))));
        assertThat(after.gamesPlayed()).isEqualTo(1);
        assertThat(after.wins()).isEqualTo(1);
        assertThat(after.lastRatedAt()).isEqualTo(T0);
    }

    @Test
    void aMatchIsRatedOncePerPlayer() {
        RatedPlayer once = ledger.apply(RatedPlayer.NEW, new RatedGame("m1", T0, 1500, 350, Score.WIN)).orElseThrow();

        assertThat(ledger.apply(once, new RatedGame("m1", T0, 1500, 350, Score.WIN))).isEmpty();
    }

    @Test
    void countsDrawsAndLossesSeparately() {
        RatedPlayer p = ledger.apply(RatedPlayer.NEW, new RatedGame("m1", T0, 1500, 350, Score.DRAW)).orElseThrow();
        p = ledger.apply(p, new RatedGame("m2", T0, 1500, 350, Score.LOSS)).orElseThrow();

        assertThat(p.gamesPlayed()).isEqualTo(2);
        assertThat(p.draws()).isEqualTo(1);
        assertThat(p.losses()).isEqualTo(1);
        assertThat(p.wins()).isZero();
    }

    @Test
    void rememberedMatchIdsStayBounded() {
        RatedPlayer p = RatedPlayer.NEW;
        for (int i = 1; i <= 5; i++) {
            p = ledger.apply(p, new RatedGame("m" + i, T0, 1500, 350, Score.WIN)).orElseThrow();
        }

        assertThat(p.recentMatchIds()).containsExactly("m3", "m4", "m5");
    }

    @Test
    void wholeIdleRatingPeriodsGrowTheDeviationBeforeTheGame() {
        RatedPlayer settled = new RatedPlayer(new Rating(1600, 60, 0.06), 50, 25, 25, 0, T0, List.of());
        RatedGame game = new RatedGame("m9", T0.plus(Duration.ofDays(30)).plus(Duration.ofHours(5)), 1600, 60, Score.WIN);

        RatedPlayer after = ledger.apply(settled, game).orElseThrow();

        Rating expected = glicko.rate(glicko.afterIdlePeriods(settled.rating(), 30),
                List.of(new GameResult(1600, 60, Score.WIN)));
        assertThat(after.rating()).isEqualTo(expected);
        RatedPlayer withoutPause = ledger.apply(settled, new RatedGame("m9", T0.plusSeconds(60), 1600, 60, Score.WIN)).orElseThrow();
        assertThat(after.rating().rating() - 1600).isGreaterThan(withoutPause.rating().rating() - 1600);
    }
}
