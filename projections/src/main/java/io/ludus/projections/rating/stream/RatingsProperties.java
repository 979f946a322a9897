package io.ludus.projections.rating.stream;

import io.ludus.projections.rating.glicko.Glicko2;
import io.ludus.projections.rating.glicko.RatingLedger;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/** {@code ludus.projections.ratings.*}; {@link RatingsConfig} validates them at startup. Defaults in the module README. */
@ConfigurationProperties("ludus.projections.ratings")
public class RatingsProperties {

    private boolean enabled = true;
    private String applicationId = RatingsConfig.DEFAULT_APPLICATION_ID;
    private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "ludus-streams");
    private String topicPrefix = "";
    private double tau = Glicko2.DEFAULT_TAU;
    private double provisionalDeviation = Glicko2.DEFAULT_PROVISIONAL_ABOVE;
    private Duration ratingPeriod = RatingLedger.DEFAULT_RATING_PERIOD;
    private int rememberedMatches = RatingLedger.DEFAULT_REMEMBERED_MATCHES;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getApplicationId() {
        return applicationId;
    }

    public void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    public Path getStateDir() {
        return stateDir;
    }

    public void setStateDir(Path stateDir) {
        this.stateDir = stateDir;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
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
