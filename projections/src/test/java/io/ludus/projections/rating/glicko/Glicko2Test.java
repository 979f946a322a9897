package io.ludus.projections.rating.glicko;

import io.ludus.projections.rating.glicko.GameResult.Score;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class Glicko2Test {

    // Glickman's paper uses tau = 0.5 in its example
    private final Glicko2 glicko = Glicko2.withDefaults();

    /**
     * Glickman, "Example of the Glicko-2 system": 1500/200/0.06 beats 1400/30, loses to 1550/100 and 1700/300.
     * The paper prints μ' = -0.2069, φ' = 0.8722 (4 decimals), σ' = 0.05999 (5 decimals), r' = 1464.06 and
     * RD' = 151.52. Tolerance: half a unit of the last printed digit for μ' and φ'; one unit for σ', which the paper
     * truncates (exact: 0.0599960); 0.01 on the public scale, because the paper converts its rounded μ' and φ'
     * (exact arithmetic gives 1464.0507 and 151.5165).
     */
    @Test
    void reproducesGlickmansPaperExample() {
        Rating player = new Rating(1500, 200, 0.06);

        Rating after = glicko.rate(player, List.of(
                new GameResult(1400, 30, Score.WIN),
                new GameResult(1550, 100, Score.LOSS),
                new GameResult(1700, 300, Score.LOSS)));

        assertThat(after.mu()).isCloseTo(-0.2069, within(0.00005));
        assertThat(after.phi()).isCloseTo(0.8722, within(0.00005));
        assertThat(after.volatility()).isCloseTo(0.05999, within(0.00001));
        assertThat(after.rating()).isCloseTo(1464.06, within(0.01));
        assertThat(after.deviation()).isCloseTo(151.52, within(0.01));
    }

    @Test
    void drawBetweenEqualPlayersKeepsTheRatingAndShrinksTheDeviation() {
        Rating player = new Rating(1500, 200, 0.06);

        Rating after = glicko.rate(player, List.of(new GameResult(1500, 200, Score.DRAW)));

        assertThat(after.rating()).isCloseTo(1500, within(1e-9));
        assertThat(after.deviation()).isLessThan(200);
    }

    @Test
    void drawAgainstAStrongerPlayerRaisesTheRating() {
        Rating player = new Rating(1500, 100, 0.06);

        Rating after = glicko.rate(player, List.of(new GameResult(1800, 100, Score.DRAW)));

        assertThat(after.rating()).isGreaterThan(1500);
    }

    @Test
    void winRaisesAndLossLowersTheRating() {
        Rating player = Rating.INITIAL;

        assertThat(glicko.rate(player, List.of(new GameResult(1500, 350, Score.WIN))).rating()).isGreaterThan(1500);
        assertThat(glicko.rate(player, List.of(new GameResult(1500, 350, Score.LOSS))).rating()).isLessThan(1500);
    }

    @Test
    void idlePeriodsGrowTheDeviationByTheVolatility() {
        Rating player = new Rating(1700, 50, 0.06);

        Rating after = glicko.afterIdlePeriods(player, 10);

        double expected = Math.sqrt(Math.pow(50 / Rating.SCALE, 2) + 10 * 0.06 * 0.06) * Rating.SCALE;
        assertThat(after.deviation()).isCloseTo(expected, within(1e-9));
        assertThat(after.rating()).isEqualTo(1700);
        assertThat(after.volatility()).isEqualTo(0.06);
    }

    @Test
    void idleDeviationIsCappedAt350() {
        Rating player = new Rating(1700, 50, 0.06);

        assertThat(glicko.afterIdlePeriods(player, 1_000_000).deviation()).isEqualTo(350.0);
    }

    @Test
    void aPeriodWithoutGamesOnlyGrowsTheDeviation() {
        Rating player = new Rating(1700, 50, 0.06);

        assertThat(glicko.rate(player, List.of())).isEqualTo(glicko.afterIdlePeriods(player, 1));
    }

    @Test
    void playersAboveTheProvisionalDeviationAreProvisional() {
        assertThat(glicko.isProvisional(Rating.INITIAL)).isTrue();
        assertThat(glicko.isProvisional(new Rating(1500, 110.01, 0.06))).isTrue();
        assertThat(glicko.isProvisional(new Rating(1500, 110, 0.06))).isFalse();
    }

    @Test
    void refusesNonsenseParameters() {
        assertThatThrownBy(() -> new Rating(1500, 0, 0.06)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deviation");
        assertThatThrownBy(() -> new Glicko2(0, 350, 110)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tau");
        assertThatThrownBy(() -> glicko.afterIdlePeriods(Rating.INITIAL, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
