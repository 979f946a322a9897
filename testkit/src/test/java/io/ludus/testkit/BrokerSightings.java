package io.ludus.testkit;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** What the first test class to run saw; every later class must see the same broker. */
final class BrokerSightings {

    private static final AtomicReference<TestKafka> FIRST = new AtomicReference<>();

    private BrokerSightings() {
    }

    static void assertSameAsFirst(TestKafka kafka) {
        FIRST.compareAndSet(null, kafka);
        assertThat(kafka).isSameAs(FIRST.get());
        assertThat(kafka.bootstrapServers()).isEqualTo(FIRST.get().bootstrapServers());
    }
}
