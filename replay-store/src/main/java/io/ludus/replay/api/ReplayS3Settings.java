package io.ludus.replay.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;

/**
 * Settings under {@code ludus.replay.s3}: the S3 store.
 *
 * @param bucket    bucket name; required when {@code ludus.replay.store=s3}
 * @param endpoint  endpoint override for S3-compatible servers (MinIO, s3proxy); unset: AWS's endpoint for the region
 * @param region    region
 * @param pathStyle path-style addressing ({@code endpoint/bucket/key}), which S3-compatible servers need
 * @param accessKey static access key; unset: the AWS default credentials chain. Set together with secret-key
 * @param secretKey static secret key. Set together with access-key
 */
@ConfigurationProperties("ludus.replay.s3")
public record ReplayS3Settings(
        @Nullable String bucket,
        @Nullable URI endpoint,
        @Bindable(defaultValue = "us-east-1") String region,
        @Bindable(defaultValue = "true") boolean pathStyle,
        @Nullable String accessKey,
        @Nullable String secretKey) {
}
