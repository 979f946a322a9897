package io.ludus.testkit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(90)
@LudusInfra
class LudusInfraTest {

    @Test
    void injectsEveryHandleWithTheSharedBroker(TestKafka kafka, TestSchemaRegistry registry, TestPostgres postgres, TestS3 s3) {
        BrokerSightings.assertSameAsFirst(kafka);
        assertThat(registry.url()).startsWith("http://");
        assertThat(postgres.port()).isPositive();
        assertThat(s3.endpoint().getPort()).isPositive();
    }
}
