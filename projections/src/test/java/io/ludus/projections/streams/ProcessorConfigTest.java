package io.ludus.projections.streams;

import io.ludus.projections.rating.stream.RatingsConfig;
import io.ludus.projections.social.stream.SocialConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessorConfigTest {

    private static final URI REGISTRY = URI.create("http://localhost:8081");
    private static final Path STATE = Path.of("/tmp/state");

    @Test
    void defaultsAreValidAndExactlyOnce() {
        var ratings = RatingsConfig.defaults("localhost:9092", REGISTRY, STATE);
        var social = SocialConfig.defaults("localhost:9092", REGISTRY, STATE);

        assertThat(StreamsSettings.properties(ratings.applicationId(), ratings.bootstrapServers(), ratings.stateDir())
                .get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(ratings.applicationId()).isEqualTo("ludus-ratings");
        assertThat(social.applicationId()).isEqualTo("ludus-social");
        assertThat(social.friendCap()).isEqualTo(200);
        assertThat(social.partitions()).isEqualTo(12);
    }

    @Test
    void badRatingsValuesNameTheirKey() {
        assertThatThrownBy(() -> new RatingsConfig("localhost:9092", REGISTRY, "ludus-ratings", STATE, "", 0.5, 110,
                Duration.ZERO, 256)).hasMessageContaining("ludus.projections.ratings.rating-period");
        assertThatThrownBy(() -> new RatingsConfig("localhost:9092", REGISTRY, "ludus-ratings", STATE, "", 0.5, 400,
                Duration.ofDays(7), 256)).hasMessageContaining("ludus.projections.ratings.provisional-deviation");
        assertThatThrownBy(() -> new RatingsConfig(" ", REGISTRY, "ludus-ratings", STATE, "", 0.5, 110,
                Duration.ofDays(7), 256)).hasMessageContaining("ludus.kafka.bootstrap-servers");
    }

    @Test
    void badSocialValuesNameTheirKey() {
        assertThatThrownBy(() -> new SocialConfig("localhost:9092", REGISTRY, "ludus-social", STATE, "", 0, 12))
                .hasMessageContaining("ludus.projections.social.friend-cap");
        assertThatThrownBy(() -> new SocialConfig("localhost:9092", REGISTRY, "bad id!", STATE, "", 200, 12))
                .hasMessageContaining("ludus.projections.social.application-id");
        assertThatThrownBy(() -> StreamsSettings.registryUrl("ftp://x"))
                .hasMessageContaining("ludus.registry.url");
    }
}
