package io.ludus.projections.rating.stream;

import io.ludus.projections.rating.glicko.Glicko2;
import io.ludus.projections.rating.glicko.RatingLedger;
import io.ludus.projections.streams.StreamsSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Everything the ratings processor is configured with; names follow the {@code ludus.projections.ratings.*} keys and
 * a bad value fails construction with a message naming its key.
 *
 * @param bootstrapServers    {@code ludus.kafka.bootstrap-servers} (required)
 * @param registryUrl         {@code ludus.registry.url} (default http://localhost:8081)
 * @param applicationId       Streams application id, so consumer group and internal topic prefix (default ludus-ratings)
 * @param stateDir            where RocksDB keeps the player store (default {java.io.tmpdir}/ludus-streams)
 * @param topicPrefix         prefix of every catalogue topic name (default empty)
 * @param tau                 Glicko-2 system constant (default 0.5)
 * @param provisionalDeviation deviation above which a player counts as provisional (default 110)
 * @param ratingPeriod        idle time that counts as one rating period for inactivity (default 7 days)
 * @param rememberedMatches   match ids kept per player to rate each match once (default 256)
 */
public record RatingsConfig(String bootstrapServers, URI registryUrl, String applicationId, Path stateDir,
                            String topicPrefix, double tau, double provisionalDeviation, Duration ratingPeriod,
                            int rememberedMatches) {

    public static final String DEFAULT_APPLICATION_ID = "ludus-ratings";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public RatingsConfig {
        StreamsSettings.requireBootstrapServers(bootstrapServers);
        StreamsSettings.requireRegistryUrl(registryUrl);
        if (applicationId == null || !ID.matcher(applicationId).matches()) {
            throw new IllegalArgumentException("ludus.projections.ratings.application-id must be 1-200 of [A-Za-z0-9._-], was " + applicationId);
        }
        if (stateDir == null) {
            throw new IllegalArgumentException("ludus.projections.ratings.state-dir must be set");
        }
        topicPrefix = StreamsSettings.requireTopicPrefix("ludus.projections.ratings.topic-prefix", topicPrefix);
        if (!(tau > 0) || tau > 10) {
            throw new IllegalArgumentException("ludus.projections.ratings.tau must be in (0, 10], was " + tau);
        }
        if (!(provisionalDeviation > 0) || provisionalDeviation > Glicko2.DEFAULT_MAX_DEVIATION) {
            throw new IllegalArgumentException("ludus.projections.ratings.provisional-deviation must be in (0, 350], was " + provisionalDeviation);
        }
        if (ratingPeriod == null || ratingPeriod.isNegative() || ratingPeriod.isZero()) {
            throw new IllegalArgumentException("ludus.projections.ratings.rating-period must be positive, was " + ratingPeriod);
        }
        if (rememberedMatches < 1 || rememberedMatches > 100_000) {
            throw new IllegalArgumentException("ludus.projections.ratings.remembered-matches must be 1 to 100000, was " + rememberedMatches);
        }
    }

    public static RatingsConfig defaults(String bootstrapServers, URI registryUrl, Path stateDir) {
        return new RatingsConfig(bootstrapServers, registryUrl, DEFAULT_APPLICATION_ID, stateDir, "",
                Glicko2.DEFAULT_TAU, Glicko2.DEFAULT_PROVISIONAL_ABOVE, RatingLedger.DEFAULT_RATING_PERIOD,
                RatingLedger.DEFAULT_REMEMBERED_MATCHES);
    }

    public RatingLedger ledger() {
        return new RatingLedger(new Glicko2(tau, Glicko2.DEFAULT_MAX_DEVIATION, provisionalDeviation), ratingPeriod, rememberedMatches);
    }
}
