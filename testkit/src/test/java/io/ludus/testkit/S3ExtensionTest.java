package io.ludus.testkit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
@Timeout(60)
@ExtendWith(S3Extension.class)
class S3ExtensionTest {

    @Test
    void storesAndReturnsAnObjectInAUniqueBucket(TestS3 s3) {
        String bucket = s3.uniqueBucket();
        s3.client().putObject(request -> request.bucket(bucket).key("replays/1.bin"), RequestBody.fromString("frame data"));

        byte[] body = s3.client().getObjectAsBytes(request -> request.bucket(bucket).key("replays/1.bin")).asByteArray();

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("frame data");
    }

    @Test
    void uniqueBucketsDoNotShareObjects(TestS3 s3) {
        String first = s3.uniqueBucket();
        String second = s3.uniqueBucket();
        s3.client().putObject(request -> request.bucket(first).key("k"), RequestBody.fromString("v"));

        assertThat(first).isNotEqualTo(second);
        assertThatThrownBy(() -> s3.client().getObjectAsBytes(request -> request.bucket(second).key("k")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void exposesTheEndpointAndCredentialsOfTheServer(TestS3 s3) {
        assertThat(s3.endpoint().toString()).startsWith("http://127.0.0.1:").doesNotEndWith(":0");
        assertThat(s3.accessKey()).isNotBlank();
        assertThat(s3.secretKey()).isNotBlank();
        assertThat(s3.region()).isEqualTo("us-east-1");
    }
}
