package io.ludus.replay.store;

import io.ludus.replay.store.ReplayStoreException.Reason;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Replays as S3 objects {@code <prefix>ab/cd/<matchId>.ludr}, one per replay. The SHA-256 and the time the
 * replay was stored are user metadata; the hash is checked on every read. Puts are conditional
 * ({@code If-None-Match: *}) after a HEAD, so a retried write keeps the first object. A {@link #newBatch() batch}
 * uploads its replays in parallel at commit: one object per replay stays (Range, ETag, lifecycle rules per object),
 * while a batch costs about one round trip rather than one per replay. One object per batch (multipart) would save
 * requests but needs an index to read a replay; measured in ReplayStoreBenchmark (docs/benchmarks.md).
 */
public final class S3ReplayStore implements ReplayStore {

    static final String SHA256_METADATA = "sha256";
    /** Epoch millis; objects stored before it was recorded use their Last-Modified. */
    static final String STORED_AT_METADATA = "stored-at";
    /** Uploads of one batch in flight at once. */
    private static final int PARALLEL_UPLOADS = 16;
    private static final String PREFIX = "replays/";

    private final S3Client s3;
    private final String bucket;
    private final long maxReplayBytes;
    private final Clock clock;

    public S3ReplayStore(S3Client s3, String bucket, long maxReplayBytes, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.maxReplayBytes = maxReplayBytes;
        this.clock = clock;
    }

    public S3ReplayStore(S3Client s3, String bucket, long maxReplayBytes) {
        this(s3, bucket, maxReplayBytes, Clock.systemUTC());
    }

    public S3ReplayStore(S3Client s3, String bucket) {
        this(s3, bucket, DEFAULT_MAX_REPLAY_BYTES);
    }

    @Override
    public ReplayRef put(String matchId, byte[] replay) {
        ReplayRef staged = stage(matchId, replay);
        Optional<ReplayRef> existing = stat(matchId);
        return existing.orElseGet(() -> upload(staged, replay));
    }

    @Override
    public ReplayBatch newBatch() {
        return new Batch();
    }

    /** Checks {@code replay} and returns the reference it will have once stored. */
    private ReplayRef stage(String matchId, byte[] replay) {
        StoreSupport.requireValidMatchId(matchId);
        if (replay.length > maxReplayBytes) {
            throw new ReplayStoreException(Reason.TOO_LARGE, matchId, "replay exceeds " + maxReplayBytes + " bytes");
        }
        return new ReplayRef(matchId, keyOf(matchId), replay.length, StoreSupport.sha256Hex(replay),
                Instant.ofEpochMilli(clock.millis()));
    }

    /** Stores the object unless one exists; returns what is stored: {@code staged}, or the object that won. */
    private ReplayRef upload(ReplayRef staged, byte[] replay) {
        String matchId = staged.matchId();
        try {
            s3.putObject(b -> b.bucket(bucket).key(keyOf(matchId)).ifNoneMatch("*").contentLength((long) replay.length)
                            .contentType("application/octet-stream")
                            .metadata(Map.of(SHA256_METADATA, staged.sha256(),
                                    STORED_AT_METADATA, Long.toString(staged.storedAt().toEpochMilli()))),
                    RequestBody.fromBytes(replay));
            return staged;
        } catch (S3Exception e) {
            if (e.statusCode() != 412 && e.statusCode() != 409) {
                throw backend(matchId, "put", e);
            }
            // a concurrent writer won; its object stands
        } catch (SdkException e) {
            throw backend(matchId, "put", e);
        }
        return stat(matchId).orElseThrow(() -> new ReplayStoreException(Reason.BACKEND, matchId, "vanished after write"));
    }

    @Override
    public ReplayRef put(String matchId, InputStream replay) {
        StoreSupport.requireValidMatchId(matchId);
        try {
            return put(matchId, StoreSupport.readBounded(matchId, replay, maxReplayBytes));
        } catch (IOException e) {
            throw new ReplayStoreException(Reason.BACKEND, matchId, "cannot read the replay to store", e);
        }
    }

    @Override
    public Optional<ReplayRef> stat(String matchId) {
        StoreSupport.requireValidMatchId(matchId);
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(keyOf(matchId)));
            return Optional.of(refOf(matchId, head.contentLength(), head.metadata(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw backend(matchId, "head", e);
        } catch (SdkException e) {
            throw backend(matchId, "head", e);
        }
    }

    @Override
    public Optional<StoredReplay> get(String matchId) {
        StoreSupport.requireValidMatchId(matchId);
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(keyOf(matchId)))) {
            GetObjectResponse response = in.response();
            if (response.contentLength() > maxReplayBytes) {
                throw new ReplayStoreException(Reason.TOO_LARGE, matchId, "stored object has " + response.contentLength() + " bytes");
            }
            byte[] bytes = StoreSupport.readBounded(matchId, in, maxReplayBytes);
            ReplayRef ref = refOf(matchId, bytes.length, response.metadata(), response.lastModified());
            String actual = StoreSupport.sha256Hex(bytes);
            if (!actual.equals(ref.sha256())) {
                throw new ReplayStoreException(Reason.HASH_MISMATCH, matchId, "recorded sha256 " + ref.sha256() + ", content " + actual);
            }
            return Optional.of(new StoredReplay(ref, bytes));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw backend(matchId, "get", e);
        } catch (SdkException | IOException e) {
            throw backend(matchId, "get", e);
        }
    }

    @Override
    public InputStream open(String matchId) {
        StoreSupport.requireValidMatchId(matchId);
        try {
            return s3.getObject(b -> b.bucket(bucket).key(keyOf(matchId)));
        } catch (NoSuchKeyException e) {
            throw new ReplayStoreException(Reason.NOT_FOUND, matchId, "no replay stored");
        } catch (SdkException e) {
            throw backend(matchId, "get", e);
        }
    }

    @Override
    public boolean delete(String matchId) {
        if (stat(matchId).isEmpty()) {
            return false;
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(keyOf(matchId)));
            return true;
        } catch (SdkException e) {
            throw backend(matchId, "delete", e);
        }
    }

    @Override
    public List<ReplayRef> listOlderThan(Instant cutoff, int limit) {
        List<ReplayRef> old = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PREFIX)).contents()) {
                if (old.size() >= limit) {
                    break;
                }
                String name = object.key().substring(object.key().lastIndexOf('/') + 1);
                String matchId = StoreSupport.matchIdOfFileName(name);
                if (matchId != null && object.lastModified().isBefore(cutoff)) {
                    stat(matchId).ifPresent(old::add);
                }
            }
        } catch (SdkException e) {
            throw backend("*", "list", e);
        }
        return old;
    }

    private static String keyOf(String matchId) {
        return PREFIX + StoreSupport.keyOf(matchId);
    }

    private ReplayRef refOf(String matchId, long size, Map<String, String> metadata, Instant lastModified) {
        String sha256 = metadata.get(SHA256_METADATA);
        if (sha256 == null) {
            throw new ReplayStoreException(Reason.HASH_MISMATCH, matchId, "object has no recorded sha256");
        }
        String storedAt = metadata.get(STORED_AT_METADATA);
        Instant stored = lastModified;
        if (storedAt != null) {
            try {
                stored = Instant.ofEpochMilli(Long.parseLong(storedAt));
            } catch (NumberFormatException e) {
                // not written by this store; Last-Modified it is
            }
        }
        return new ReplayRef(matchId, keyOf(matchId), size, sha256, stored);
    }

    /** Collects replays; commit uploads those not stored yet, {@link #PARALLEL_UPLOADS} at a time. */
    private final class Batch implements ReplayBatch {

        private final Map<String, ReplayRef> promised = new LinkedHashMap<>();
        private final Map<String, byte[]> bytes = new HashMap<>();
        private boolean closed;

        @Override
        public ReplayRef put(String matchId, byte[] replay) {
            ReplayRef staged = stage(matchId, replay);
            Optional<ReplayRef> existing = stat(matchId);
            if (existing.isPresent()) {
                return existing.get();
            }
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("replay batch already committed or closed");
                }
                ReplayRef earlier = promised.putIfAbsent(matchId, staged);
                if (earlier != null) {
                    return earlier;
                }
                bytes.put(matchId, replay);
            }
            return staged;
        }

        @Override
        public synchronized void commit() {
            if (closed) {
                throw new IllegalStateException("replay batch already committed or closed");
            }
            closed = true;
            List<Future<ReplayRef>> uploads = new ArrayList<>(promised.size());
            Semaphore inFlight = new Semaphore(PARALLEL_UPLOADS);
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (ReplayRef staged : promised.values()) {
                    byte[] replay = bytes.get(staged.matchId());
                    uploads.add(executor.submit(() -> {
                        inFlight.acquire();
                        try {
                            return upload(staged, replay);
                        } finally {
                            inFlight.release();
                        }
                    }));
                }
                ReplayStoreException failure = null;
                for (Future<ReplayRef> upload : uploads) {
                    try {
                        ReplayRef stored = upload.get();
                        if (!stored.sha256().equals(promised.get(stored.matchId()).sha256())) {
                            // put already answered with the staged hash; only a retry can pick up the stored one
                            failure = new ReplayStoreException(Reason.BACKEND, stored.matchId(),
                                    "another writer stored a different replay first; retry to use it");
                        }
                    } catch (ExecutionException e) {
                        failure = e.getCause() instanceof ReplayStoreException r ? r
                                : new ReplayStoreException(Reason.BACKEND, "*", "upload failed", e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ReplayStoreException(Reason.BACKEND, "*", "interrupted while uploading a batch", e);
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            } finally {
                bytes.clear();
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            bytes.clear();
        }
    }

    private static ReplayStoreException backend(String matchId, String operation, Exception e) {
        return new ReplayStoreException(Reason.BACKEND, matchId, "S3 " + operation + " failed", e);
    }
}
