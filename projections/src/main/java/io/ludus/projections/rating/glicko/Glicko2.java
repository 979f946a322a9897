package io.ludus.projections.rating.glicko;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Glicko-2 as in Glickman, "Example of the Glicko-2 system" (2022 revision): steps 1-8, with the Illinois
 * algorithm for the new volatility. Pure and deterministic; one instance is safe to share.
 *
 * @param tau               system constant constraining volatility change (Glickman suggests 0.3-1.2)
 * @param maxDeviation      the deviation never grows above this, however long a player is away (350)
 * @param provisionalAbove  a player whose deviation is above this is provisional: their rating is still a guess
 */
public record Glicko2(double tau, double maxDeviation, double provisionalAbove) {

    public static final double DEFAULT_TAU = 0.5;
    public static final double DEFAULT_MAX_DEVIATION = 350.0;
    public static final double DEFAULT_PROVISIONAL_ABOVE = 110.0;

    private static final double CONVERGENCE = 0.000001;
    private static final int MAX_ITERATIONS = 100;

    public Glicko2 {
        if (!(tau > 0) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException("tau must be positive, was " + tau);
        }
        if (!(maxDeviation > 0) || !Double.isFinite(maxDeviation)) {
            throw new IllegalArgumentException("maxDeviation must be positive, was " + maxDeviation);
        }
        if (!(provisionalAbove > 0) || provisionalAbove > maxDeviation) {
            throw new IllegalArgumentException("provisionalAbove must be in (0, maxDeviation], was " + provisionalAbove);
        }
    }

    public static Glicko2 withDefaults() {
        return new Glicko2(DEFAULT_TAU, DEFAULT_MAX_DEVIATION, DEFAULT_PROVISIONAL_ABOVE);
    }

    /** The player's rating after one rating period with these games; with no games only the deviation grows (step 6). */
    public Rating rate(Rating player, List<GameResult> games) {
        if (games.isEmpty()) {
            return afterIdlePeriods(player, 1);
        }
        double mu = player.mu();
        double phi = player.phi();
        double sigma = player.volatility();
        double vInverse = 0;
        double deltaSum = 0;
        for (GameResult game : games) {
            double muJ = (game.opponentRating() - 1500.0) / Rating.SCALE;
            double g = g(game.opponentDeviation() / Rating.SCALE);
            double e = 1.0 / (1.0 + Math.exp(-g * (mu - muJ)));
            vInverse += g * g * e * (1 - e);
            deltaSum += g * (game.score().value() - e);
        }
        double v = 1.0 / vInverse;
        double delta = v * deltaSum;
        double newSigma = newVolatility(phi, sigma, v, delta);
        double phiStar = Math.sqrt(phi * phi + newSigma * newSigma);
        double newPhi = 1.0 / Math.sqrt(1.0 / (phiStar * phiStar) + 1.0 / v);
        double newMu = mu + newPhi * newPhi * deltaSum;
        newPhi = Math.min(newPhi, maxDeviation / Rating.SCALE);
        return Rating.fromGlicko2Scale(newMu, newPhi, newSigma);
    }

    /**
     * Inactivity: each rating period without games grows the deviation by the volatility (φ² + n·σ²), capped at
     * {@link #maxDeviation}, so a returning player's rating moves faster again.
     */
    public Rating afterIdlePeriods(Rating player, long periods) {
        if (periods < 0) {
            throw new IllegalArgumentException("periods must not be negative, was " + periods);
        }
        if (periods == 0) {
            return player;
        }
        double phi = player.phi();
        double sigma = player.volatility();
        double grown = Math.sqrt(phi * phi + periods * sigma * sigma) * Rating.SCALE;
        return new Rating(player.rating(), Math.min(grown, Math.max(maxDeviation, player.deviation())), player.volatility());
    }

    public boolean isProvisional(Rating rating) {
        return rating.deviation() > provisionalAbove;
    }

    private static double g(double phi) {
        return 1.0 / Math.sqrt(1.0 + 3.0 * phi * phi / (Math.PI * Math.PI));
    }

    // step 5: solve f(x) = 0 for x = ln(σ'^2) by the Illinois algorithm
    private double newVolatility(double phi, double sigma, double v, double delta) {
        double a = Math.log(sigma * sigma);
        double deltaSquared = delta * delta;
        double phiSquared = phi * phi;
        DoubleUnaryOperator f = x -> {
            double ex = Math.exp(x);
            double d = phiSquared + v + ex;
            return ex * (deltaSquared - phiSquared - v - ex) / (2 * d * d) - (x - a) / (tau * tau);
        };
        double bigA = a;
        double bigB;
        if (deltaSquared > phiSquared + v) {
            bigB = Math.log(deltaSquared - phiSquared - v);
        } else {
            int k = 1;
            while (f.applyAsDouble(a - k * tau) < 0) {
                k++;
            }
            bigB = a - k * tau;
        }
        double fA = f.applyAsDouble(bigA);
        double fB = f.applyAsDouble(bigB);
        for (int i = 0; i < MAX_ITERATIONS && Math.abs(bigB - bigA) > CONVERGENCE; i++) {
            double bigC = bigA + (bigA - bigB) * fA / (fB - fA);
            double fC = f.applyAsDouble(bigC);
            if (fC * fB <= 0) {
                bigA = bigB;
                fA = fB;
            } else {
                fA = fA / 2;
            }
            bigB = bigC;
            fB = fC;
        }
        return Math.exp(bigA / 2);
    }
}
