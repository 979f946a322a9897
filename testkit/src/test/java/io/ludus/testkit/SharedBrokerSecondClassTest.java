package io.ludus.testkit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith(KafkaExtension.class)
class SharedBrokerSecondClassTest {

    @Test
    void usesTheBrokerSharedByTheWholeTestJvm(TestKafka kafka) {
        BrokerSightings.assertSameAsFirst(kafka);
    }
}
