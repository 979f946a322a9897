package io.ludus.workers;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.replay.store.ReplayBatch;
import io.ludus.replay.store.ReplayRef;
import io.ludus.replay.store.ReplayStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child-JVM worker for {@link WorkerCrashTest}. It runs normally until the group has committed a batch; in the
 * next batch it stores one replay (whose results it then sends), prints {@value #MID_BATCH} and stalls every
 * further store, so the parent's SIGKILL lands inside an uncommitted batch.
 * Args: bootstrap-servers registry-url replay-dir topic-prefix group-id instance-id.
 */
public final class StallingWorkerMain {

    static final String MID_BATCH = "MID_BATCH";

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        Path replayDir = Path.of(args[2]);
        String groupId = args[4];
        SimWorkerConfig config = SimWorkerConfig.defaults(bootstrap, replayDir.toUri())
                .withTopicPrefix(args[3]).withGroupId(groupId).withInstanceId(args[5])
                .withThreads(1).withMaxPollRecords(10);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        ReplayStore store = new StallingStore(new FileSystemReplayStore(replayDir), () -> hasCommitted(admin, groupId));
        SimulationWorker worker = new SimulationWorker(config, new SchemaRegistryClient(URI.create(args[1])), store,
                Clock.systemUTC(), new SimpleMeterRegistry());
        worker.start();
        Thread.currentThread().join();
    }

    private static boolean hasCommitted(Admin admin, String groupId) {
        try {
            return !admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().isEmpty();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    interface Condition {
        boolean holds();
    }

    /** Puts go through one by one (no batch), so a stalled put stalls the batch it belongs to. */
    private static final class StallingStore extends ForwardingReplayStore {
        private final Condition committed;
        private final AtomicInteger putsAfterCommit = new AtomicInteger();
        private volatile boolean armed;

        StallingStore(ReplayStore delegate, Condition committed) {
            super(delegate);
            this.committed = committed;
        }

        @Override
        public ReplayRef put(String matchId, byte[] replay) {
            if (!armed) {
                armed = committed.holds();
            }
            if (armed && putsAfterCommit.incrementAndGet() > 1) {
                System.out.println(MID_BATCH);
                System.out.flush();
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("stalled store interrupted");
                    }
                }
            }
            return delegate.put(matchId, replay);
        }

        @Override
        public ReplayRef put(String matchId, InputStream replay) {
            throw new UnsupportedOperationException("the worker stores byte arrays");
        }

        @Override
        public ReplayBatch newBatch() {
            return ReplayBatch.immediate(this);
        }
    }
}
