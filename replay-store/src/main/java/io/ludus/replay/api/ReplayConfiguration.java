package io.ludus.replay.api;

import io.ludus.replay.store.ReplayStore;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ludus.replay.*}. Each field states its default; {@link ReplayApiFactory} validates them at startup.
 * {@code ludus.replay.api.enabled} (default true) serves the replay HTTP API; a process that only
 * writes replays (a sim worker) turns it off and then needs neither the token key nor the share secret.
 */
@ConfigurationProperties("ludus.replay")
public class ReplayConfiguration {

    public static final String API_ENABLED = "ludus.replay.api.enabled";

    public enum StoreType { FS, S3 }

    /** Where replays are kept: {@code fs} (default) or {@code s3}. */
    private StoreType store = StoreType.FS;
    /** Largest replay accepted or served, in bytes. Default 16 MiB. */
    private long maxReplayBytes = ReplayStore.DEFAULT_MAX_REPLAY_BYTES;
    /** Replays the API reads from the store at once (each up to max-replay-bytes in memory); more wait, then get 503. Default 16. */
    private int maxConcurrentLoads = 16;

    public int getMaxConcurrentLoads() {
        return maxConcurrentLoads;
    }

    public void setMaxConcurrentLoads(int maxConcurrentLoads) {
        this.maxConcurrentLoads = maxConcurrentLoads;
    }

    public StoreType getStore() {
        return store;
    }

    public void setStore(StoreType store) {
        this.store = store;
    }

    public long getMaxReplayBytes() {
        return maxReplayBytes;
    }

    public void setMaxReplayBytes(long maxReplayBytes) {
        this.maxReplayBytes = maxReplayBytes;
    }

    /** {@code ludus.replay.fs.*}: the filesystem store. */
    @ConfigurationProperties("fs")
    public static class Fs {
        /** Root directory of the replay files. Default {@code data/replays}, relative to the working directory. */
        private Path directory = Path.of("data", "replays");

        public Path getDirectory() {
            return directory;
        }

        public void setDirectory(Path directory) {
            this.directory = directory;
        }
    }

    /** {@code ludus.replay.s3.*}: the S3 store. */
    @ConfigurationProperties("s3")
    public static class S3 {
        /** Bucket name. No default: required when {@code ludus.replay.store=s3}. */
        private String bucket;
        /** Endpoint override for S3-compatible servers (MinIO, s3proxy). Default: none, AWS's endpoint for the region. */
        private URI endpoint;
        /** Region. Default {@code us-east-1}. */
        private String region = "us-east-1";
        /** Path-style addressing ({@code endpoint/bucket/key}). Default true, which S3-compatible servers need. */
        private boolean pathStyle = true;
        /** Static access key. Default: none, the AWS default credentials chain. Set together with secret-key. */
        private String accessKey;
        /** Static secret key. Default: none. Set together with access-key. */
        private String secretKey;

        public String getBucket() {
            return bucket;
        }

        public void setBucket(String bucket) {
            this.bucket = bucket;
        }

        public URI getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(URI endpoint) {
            this.endpoint = endpoint;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public boolean isPathStyle() {
            return pathStyle;
        }

        public void setPathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
        }

        public String getAccessKey() {
            return accessKey;
        }

        public void setAccessKey(String accessKey) {
            this.accessKey = accessKey;
        }

        public String getSecretKey() {
            return secretKey;
        }

        public void setSecretKey(String secretKey) {
            this.secretKey = secretKey;
        }
    }

    /** {@code ludus.replay.share.*}: signed share links. */
    @ConfigurationProperties("share")
    public static class Share {
        /** HMAC-SHA256 key for share links, at least 32 characters. No default: required. */
        private String secret;
        /** How long a share link stays valid. Default 7 days. */
        private Duration lifetime = Duration.ofDays(7);

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public Duration getLifetime() {
            return lifetime;
        }

        public void setLifetime(Duration lifetime) {
            this.lifetime = lifetime;
        }
    }

    /** {@code ludus.replay.retention.*}: deleting old replays. */
    @ConfigurationProperties("retention")
    public static class Retention {
        /** Replays older than this are deleted. Default: none, replays are kept forever. */
        private Duration maxAge;
        /** How often retention runs (read by {@link RetentionJob}'s schedule). Default 1 hour. */
        private Duration interval = Duration.ofHours(1);

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }
}
