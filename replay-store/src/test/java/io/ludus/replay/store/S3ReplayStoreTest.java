package io.ludus.replay.store;

import io.ludus.testkit.S3Extension;
import io.ludus.testkit.TestS3;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

import java.util.Map;

@ExtendWith(S3Extension.class)
class S3ReplayStoreTest extends ReplayStoreContract {

    private TestS3 s3;

    @BeforeEach
    void connect(TestS3 s3) {
        this.s3 = s3;
    }

    @Override
    ReplayStore newStore(long maxReplayBytes) {
        return new S3ReplayStore(s3.client(), s3.uniqueBucket(), maxReplayBytes);
    }

    @Test
    void detectsObjectWhoseBytesNoLongerMatchTheRecordedHash() {
        String bucket = s3.uniqueBucket();
        ReplayStore store = new S3ReplayStore(s3.client(), bucket);
        ReplayRef ref = store.put("m-tampered", replay("m-tampered", 1));
        byte[] other = replay("m-tampered", 2);
        s3.client().putObject(b -> b.bucket(bucket).key(ref.key()).metadata(Map.of(S3ReplayStore.SHA256_METADATA, ref.sha256())),
                RequestBody.fromBytes(other));

        assertReason(() -> store.get("m-tampered"), ReplayStoreException.Reason.HASH_MISMATCH);
    }
}
