package io.ludus.projections.rating.stream;

import io.ludus.projections.rating.glicko.Glicko2;
import io.ludus.projections.rating.glicko.RatingLedger;
import io.ludus.projections.streams.StreamsAppProperties;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code ludus.projections.ratings.*}; {@link RatingsConfig} validates them at startup. Defaults in the module README. */
@ConfigurationProperties("ludus.projections.ratings")
public class RatingsProperties extends StreamsAppProperties {

    private double tau = Glicko2.DEFAULT_TAU;
    private double provisionalDeviation = Glicko2.DEFAULT_PROVISIONAL_ABOVE;
    private Duration ratingPeriod = RatingLedger.DEFAULT_RATING_PERIOD;
    private int rememberedMatches = RatingLedger.DEFAULT_REMEMBERED_MATCHES;

    public RatingsProperties() {
        super(RatingsConfig.DEFAULT_APPLICATION_ID);
    }

    public double getTau() {
        return tau;
    }

    public void setTau(double tau) {
        this.tau = tau;
    }

    public double getProvisionalDeviation() {
        return provisionalDeviation;
    }

    public void setProvisionalDeviation(double provisionalDeviation) {
        this.provisionalDeviation = provisionalDeviation;
    }

    public Duration getRatingPeriod() {
        return ratingPeriod;
    }

    public void setRatingPeriod(Duration ratingPeriod) {
        this.ratingPeriod = ratingPeriod;
    }

    public int getRememberedMatches() {
        return rememberedMatches;
    }

    public void setRememberedMatches(int rememberedMatches) {
        this.rememberedMatches = rememberedMatches;
    }
}
