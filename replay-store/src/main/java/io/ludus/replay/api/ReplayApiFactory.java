package io.ludus.replay.api;

import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.replay.store.ReplayStore;
import io.ludus.replay.store.S3ReplayStore;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.ludus.service.InvalidSettingException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Builds the store and share links from {@link ReplayConfiguration}, eagerly, so bad config fails startup. */
@Factory
public class ReplayApiFactory {

    private static final int MIN_SHARE_SECRET_CHARS = 32;

    @Context
    @Singleton
    ReplayStore replayStore(ReplayConfiguration config, ReplayFsSettings fs, ReplayS3Settings s3,
                            @Named("replays") BeanProvider<S3Client> s3Client) {
        return switch (config.store()) {
            case FS -> {
                if (fs.directory() == null) {
                    throw new InvalidSettingException("ludus.replay.fs.directory", "must be set when ludus.replay.store=fs");
                }
                yield new FileSystemReplayStore(fs.directory(), config.maxReplayBytes());
            }
            case S3 -> {
                if (s3.bucket() == null || s3.bucket().isBlank()) {
                    throw new InvalidSettingException("ludus.replay.s3.bucket", "must be set when ludus.replay.store=s3");
                }
                yield new S3ReplayStore(s3Client.get(), s3.bucket(), config.maxReplayBytes());
            }
        };
    }

    @Context
    @Singleton
    @Requires(property = ReplayConfiguration.API_ENABLED, notEquals = "false")
    ShareLinks shareLinks(ReplayShareSettings share) {
        if (share.secret() == null || share.secret().length() < MIN_SHARE_SECRET_CHARS) {
            throw new InvalidSettingException("ludus.replay.share.secret", "must be set to at least " + MIN_SHARE_SECRET_CHARS + " characters");
        }
        if (share.lifetime() == null || share.lifetime().isNegative() || share.lifetime().isZero()) {
            throw new InvalidSettingException("ludus.replay.share.lifetime", "must be positive, got " + share.lifetime());
        }
        return new ShareLinks(share.secret().getBytes(StandardCharsets.UTF_8), share.lifetime(), Clock.systemUTC());
    }

    @Bean(preDestroy = "close")
    @Singleton
    @Named("replays")
    @Requires(property = "ludus.replay.store", value = "s3")
    S3Client replayS3Client(ReplayS3Settings s3) {
        if ((s3.accessKey() == null) != (s3.secretKey() == null)) {
            throw new InvalidSettingException("ludus.replay.s3.secret-key", "and ludus.replay.s3.access-key must be set together");
        }
        if (s3.region() == null || s3.region().isBlank()) {
            throw new InvalidSettingException("ludus.replay.s3.region", "must not be blank");
        }
        AwsCredentialsProvider credentials = s3.accessKey() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3.region()))
                .forcePathStyle(s3.pathStyle())
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint());
        }
        return builder.build();
    }
}
