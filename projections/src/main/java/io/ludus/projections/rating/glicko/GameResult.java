package io.ludus.projections.rating.glicko;

/** One game of a rating period from the rated player's side: the opponent as rated when the game formed, and the score. */
public record GameResult(double opponentRating, double opponentDeviation, Score score) {

    public GameResult {
        if (!Double.isFinite(opponentRating)) {
            throw new IllegalArgumentException("opponentRating must be finite, was " + opponentRating);
        }
        if (!(opponentDeviation > 0) || !Double.isFinite(opponentDeviation)) {
            throw new IllegalArgumentException("opponentDeviation must be positive and finite, was " + opponentDeviation);
        }
        if (score == null) {
            throw new IllegalArgumentException("score must not be null");
        }
    }

    /** The game's score for the rated player: 1 for a win, 0.5 for a draw, 0 for a loss. */
    public enum Score {
        WIN(1.0), DRAW(0.5), LOSS(0.0);

        private final double value;

        Score(double value) {
            this.value = value;
        }

        public double value() {
            return value;
        }
    }
}
