package io.ludus.replay.api;

import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.replay.store.ReplayStore;
import io.ludus.replay.store.S3ReplayStore;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
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
    ReplayStore replayStore(ReplayConfiguration config, ReplayConfiguration.Fs fs, ReplayConfiguration.S3 s3,
                            @Named("replays") BeanProvider<S3Client> s3Client) {
        if (config.getMaxConcurrentLoads() <= 0) {
            throw new ConfigurationException("ludus.replay.max-concurrent-loads must be positive, got " + config.getMaxConcurrentLoads());
        }
        if (config.getMaxReplayBytes() <= 0) {
            throw new ConfigurationException("ludus.replay.max-replay-bytes must be positive, got " + config.getMaxReplayBytes());
        }
        return switch (config.getStore()) {
            case FS -> {
                if (fs.getDirectory() == null) {
                    throw new ConfigurationException("ludus.replay.fs.directory must be set when ludus.replay.store=fs");
                }
                yield new FileSystemReplayStore(fs.getDirectory(), config.getMaxReplayBytes());
            }
            case S3 -> {
                if (s3.getBucket() == null || s3.getBucket().isBlank()) {
                    throw new ConfigurationException("ludus.replay.s3.bucket must be set when ludus.replay.store=s3");
                }
                yield new S3ReplayStore(s3Client.get(), s3.getBucket(), config.getMaxReplayBytes());
            }
        };
    }

    @Context
    @Singleton
    @Requires(property = ReplayConfiguration.API_ENABLED, notEquals = "false")
    ShareLinks shareLinks(ReplayConfiguration.Share share) {
        if (share.getSecret() == null || share.getSecret().length() < MIN_SHARE_SECRET_CHARS) {
            throw new ConfigurationException("ludus.replay.share.secret must be set to at least " + MIN_SHARE_SECRET_CHARS + " characters");
        }
        if (share.getLifetime() == null || share.getLifetime().isNegative() || share.getLifetime().isZero()) {
            throw new ConfigurationException("ludus.replay.share.lifetime must be positive, got " + share.getLifetime());
        }
        return new ShareLinks(share.getSecret().getBytes(StandardCharsets.UTF_8), share.getLifetime(), Clock.systemUTC());
    }

    @Bean(preDestroy = "close")
    @Singleton
    @Named("replays")
    @Requires(property = "ludus.replay.store", value = "s3")
    S3Client replayS3Client(ReplayConfiguration.S3 s3) {
        if ((s3.getAccessKey() == null) != (s3.getSecretKey() == null)) {
            throw new ConfigurationException("ludus.replay.s3.access-key and ludus.replay.s3.secret-key must be set together");
        }
        if (s3.getRegion() == null || s3.getRegion().isBlank()) {
            throw new ConfigurationException("ludus.replay.s3.region must not be blank");
        }
        AwsCredentialsProvider credentials = s3.getAccessKey() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.getAccessKey(), s3.getSecretKey()));
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(s3.getRegion()))
                .forcePathStyle(s3.isPathStyle())
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (s3.getEndpoint() != null) {
            builder.endpointOverride(s3.getEndpoint());
        }
        return builder.build();
    }
}
