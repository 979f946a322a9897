package io.ludus.events.queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueDefinitionsTest {

    @Test
    void defaultsAreTodaysThreeQueues() {
        QueueDefinitions queues = QueueDefinitions.defaults();

        assertThat(queues.ids()).containsExactly("casual-3v3", "ranked-1v1", "ranked-3v3");
        assertThat(queues.find("ranked-1v1")).contains(new QueueDefinition("ranked-1v1", 1, true, 200, 50, 10.0,
                Duration.ofMinutes(10), Optional.empty()));
        assertThat(queues.find("ranked-3v3").orElseThrow().teamSize()).isEqualTo(3);
        assertThat(queues.find("casual-3v3").orElseThrow().ranked()).isFalse();
    }

    @Test
    void overridesOneFieldOfABuiltInQueue() {
        QueueDefinitions queues = QueueDefinitions.parse(Map.of(
                "ludus.queues.casual-3v3.bot-wait", "45s",
                "ludus.queues.casual-3v3.ticket-ttl", "PT5M",
                "ludus.other.key", "ignored"));

        QueueDefinition casual = queues.find("casual-3v3").orElseThrow();
        assertThat(casual.botWait()).contains(Duration.ofSeconds(45));
        assertThat(casual.ticketTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(casual.teamSize()).isEqualTo(3);
    }

    @Test
    void addsAndRemovesQueues() {
        QueueDefinitions queues = QueueDefinitions.parse(Map.of(
                "ludus.queues.ranked-1v1.enabled", "false",
                "ludus.queues.brawl-5v5.team-size", "5",
                "ludus.queues.brawl-5v5.widen-per-second", "2.5"));

        assertThat(queues.ids()).containsExactly("brawl-5v5", "casual-3v3", "ranked-3v3");
        assertThat(queues.find("brawl-5v5").orElseThrow().widenPerSecond()).isEqualTo(2.5);
        assertThat(queues.find("brawl-5v5").orElseThrow().ranked()).isFalse();
    }

    @Test
    void bandWidthDefaultsToOneBand() {
        QueueDefinitions queues = QueueDefinitions.parse(Map.of("ludus.queues.ranked-3v3.band-width", "400"));

        assertThat(queues.find("ranked-3v3").orElseThrow().bandWidth()).isEqualTo(400);
        assertThat(queues.find("ranked-3v3").orElseThrow().banded()).isTrue();
        assertThat(queues.find("ranked-1v1").orElseThrow().bandWidth()).isZero();
        assertThat(queues.find("ranked-1v1").orElseThrow().banded()).isFalse();
    }

    @Test
    void newQueueWithoutTeamSizeNamesTheKey() {
        assertThatThrownBy(() -> QueueDefinitions.parse(Map.of("ludus.queues.duel.ranked", "true")))
                .isInstanceOfSatisfying(InvalidQueueConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("ludus.queues.duel.team-size"));
    }

    @Test
    void badValuesNameTheirKey() {
        assertKey(Map.of("ludus.queues.ranked-1v1.team-size", "zero"), "ludus.queues.ranked-1v1.team-size");
        assertKey(Map.of("ludus.queues.ranked-1v1.team-size", "17"), "ludus.queues.ranked-1v1.team-size");
        assertKey(Map.of("ludus.queues.ranked-1v1.ranked", "yes"), "ludus.queues.ranked-1v1.ranked");
        assertKey(Map.of("ludus.queues.ranked-1v1.ticket-ttl", "-5s"), "ludus.queues.ranked-1v1.ticket-ttl");
        assertKey(Map.of("ludus.queues.ranked-1v1.colour", "red"), "ludus.queues.ranked-1v1.colour");
        assertKey(Map.of("ludus.queues.Ranked.team-size", "1"), "ludus.queues.Ranked.team-size");
        assertKey(Map.of("ludus.queues.ranked-1v1", "1"), "ludus.queues.ranked-1v1");
        assertKey(Map.of("ludus.queues.ranked-1v1.band-width", "-100"), "ludus.queues.ranked-1v1.band-width");
    }

    @Test
    void botWaitNotShorterThanTtlIsInconsistent() {
        assertThatThrownBy(() -> QueueDefinitions.parse(Map.of(
                "ludus.queues.casual-3v3.bot-wait", "10m")))
                .isInstanceOfSatisfying(InvalidQueueConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("ludus.queues.casual-3v3.bot-wait");
                    assertThat(e.getMessage()).contains("ticket-ttl");
                });
    }

    @Test
    void disablingEveryQueueIsRefused() {
        assertThatThrownBy(() -> QueueDefinitions.parse(Map.of(
                "ludus.queues.ranked-1v1.enabled", "false",
                "ludus.queues.ranked-3v3.enabled", "false",
                "ludus.queues.casual-3v3.enabled", "false")))
                .isInstanceOf(InvalidQueueConfigException.class);
    }

    @Test
    void windowWidensWithWaitUpToTheSpread() {
        QueueDefinition queue = QueueDefinitions.defaults().find("ranked-1v1").orElseThrow();

        assertThat(queue.window(300, 0)).isEqualTo(50.0);
        assertThat(queue.window(300, 10_000)).isEqualTo(150.0);
        assertThat(queue.window(300, 60_000)).isEqualTo(300.0);
        assertThat(queue.window(20, 0)).isEqualTo(20.0);
    }

    private static void assertKey(Map<String, String> settings, String key) {
        assertThatThrownBy(() -> QueueDefinitions.parse(settings))
                .isInstanceOfSatisfying(InvalidQueueConfigException.class, e -> assertThat(e.key()).isEqualTo(key));
    }
}
