package io.ludus.replay.store;

import io.ludus.replay.store.ReplayStoreException.Reason;
import io.ludus.replay.store.SegmentFile.Entry;
import io.ludus.replay.store.SegmentFile.Pending;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays in append-only segment files under {@code <root>/segments} (layout: {@link SegmentFile}). A batch is
 * appended to this store's open segment and synced once (fdatasync) before commit returns; only then does it
 * enter the in-memory index, so a replay is readable here only once it is durable. Opening the store rebuilds the
 * index from the segments' index blocks and truncates a torn tail left by a crash mid-append.
 * <p>Several stores may share a directory (processes, or a worker and a tool): each appends to segments of its own,
 * locked while open, and picks up the others' segments when it misses a match id. Deletions are recorded per
 * segment in {@code <segment>.dead} (8-byte offsets); a segment that is no longer open for appending goes once
 * nothing in it is live, and is compacted into the open segment once less than half of it is.
 * <p>Replays stored before segments, one file each at {@code ab/cd/<matchId>.ludr} with an optional
 * {@code .sha256} beside it, are still read, listed and deleted; nothing is written that way any more.
 */
public final class FileSystemReplayStore implements ReplayStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemReplayStore.class);
    static final String SEGMENTS = "segments";
    private static final String DEAD_SUFFIX = ".dead";
    /** Past this size the open segment is sealed and the next batch starts a new one. */
    static final long SEGMENT_BYTES = 64L << 20;
    private static final int LEGACY_MAX_DEPTH = 3;
    private static final String LEGACY_HASH_SUFFIX = ".sha256";
    private static final int CHUNK_BYTES = 64 * 1024;
    /** Windows cannot open a directory to sync it; there the file's own fsync is all there is. */
    private static final boolean CAN_SYNC_DIRECTORIES = !System.getProperty("os.name", "").startsWith("Windows");

    private final Path root;
    private final Path segmentsDirectory;
    private final long maxReplayBytes;
    private final Clock clock;
    private final Map<String, Location> index = new ConcurrentHashMap<>();
    private final Map<String, Segment> segments = new ConcurrentHashMap<>();
    /** Serialises appends, compaction and segment removal. */
    private final Object writeLock = new Object();
    /** Serialises scans of the directory. */
    private final Object scanLock = new Object();
    private final long segmentBytes;
    private volatile Segment open;
    private FileChannel openChannel;
    private FileLock openLock;

    public FileSystemReplayStore(Path root, long maxReplayBytes, Clock clock) {
        this(root, maxReplayBytes, clock, SEGMENT_BYTES);
    }

    FileSystemReplayStore(Path root, long maxReplayBytes, Clock clock, long segmentBytes) {
        this.segmentBytes = segmentBytes;
        this.root = root.toAbsolutePath();
        this.segmentsDirectory = this.root.resolve(SEGMENTS);
        this.maxReplayBytes = maxReplayBytes;
        this.clock = clock;
        try {
            Files.createDirectories(segmentsDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create replay directory " + segmentsDirectory, e);
        }
        rescan(true);
    }

    public FileSystemReplayStore(Path root, long maxReplayBytes) {
        this(root, maxReplayBytes, Clock.systemUTC());
    }

    public FileSystemReplayStore(Path root) {
        this(root, DEFAULT_MAX_REPLAY_BYTES);
    }

    /** Where a replay is: {@code length} bytes at {@code offset} in {@code segment}. */
    private record Location(Segment segment, long offset, int length, String sha256, long storedAtMillis) {

        ReplayRef ref(String matchId) {
            return new ReplayRef(matchId, StoreSupport.keyOf(matchId), length, sha256, Instant.ofEpochMilli(storedAtMillis));
        }
    }

    /** What this store knows of one segment file. */
    private final class Segment {
        final String name;
        final Path file;
        final Path deadFile;
        /** Appended by this store: its entries are indexed as they are written, never by a scan. */
        final boolean ours;
        /** Where the complete batches scanned (or appended) so far end. */
        volatile long end;
        long deadScanned;
        final Set<Long> dead = ConcurrentHashMap.newKeySet();
        /** Entries in the file, live or not, and how many of them the index points at (the compaction trigger). */
        final AtomicInteger entries = new AtomicInteger();
        final AtomicInteger live = new AtomicInteger();
        /** Something in it was deleted since it was last considered for compaction. */
        volatile boolean dirty;
        private FileChannel reader;

        Segment(String name, boolean ours) {
            this.name = name;
            this.file = segmentsDirectory.resolve(name + SegmentFile.SUFFIX);
            this.deadFile = segmentsDirectory.resolve(name + DEAD_SUFFIX);
            this.ours = ours;
        }

        synchronized FileChannel reader() throws IOException {
            if (reader == null || !reader.isOpen()) {
                reader = FileChannel.open(file, StandardOpenOption.READ);
            }
            return reader;
        }

        synchronized void closeReader() {
            closeQuietly(reader);
            reader = null;
        }
    }

    @Override
    public ReplayRef put(String matchId, byte[] replay) {
        Pending pending = prepare(matchId, replay);
        Optional<ReplayRef> existing = storedAlready(matchId);
        if (existing.isPresent()) {
            return existing.get();
        }
        return append(List.of(pending)).getFirst();
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
    public ReplayBatch newBatch() {
        return new Batch();
    }

    @Override
    public Optional<ReplayRef> stat(String matchId) {
        StoreSupport.requireValidMatchId(matchId);
        Location location = locate(matchId);
        if (location != null) {
            return Optional.of(location.ref(matchId));
        }
        return legacyGet(matchId).map(StoredReplay::ref);
    }

    @Override
    public Optional<StoredReplay> get(String matchId) {
        StoreSupport.requireValidMatchId(matchId);
        Location location = locate(matchId);
        if (location == null) {
            return legacyGet(matchId);
        }
        byte[] bytes;
        try {
            bytes = read(location);
        } catch (NoSuchFileException | java.nio.channels.ClosedChannelException e) {
            // another store compacted or removed the segment: look again
            rescan(false);
            Location moved = index.get(matchId);
            if (moved == null) {
                return legacyGet(matchId);
            }
            try {
                location = moved;
                bytes = read(moved);
            } catch (IOException again) {
                throw new ReplayStoreException(Reason.BACKEND, matchId, "cannot read segment " + moved.segment().file, again);
            }
        } catch (IOException e) {
            throw new ReplayStoreException(Reason.BACKEND, matchId, "cannot read segment " + location.segment().file, e);
        }
        String actual = StoreSupport.sha256Hex(bytes);
        if (!actual.equals(location.sha256())) {
            throw new ReplayStoreException(Reason.HASH_MISMATCH, matchId, "stored bytes hash to " + actual + ", recorded " + location.sha256());
        }
        return Optional.of(new StoredReplay(location.ref(matchId), bytes));
    }

    /** The hash is checked when the stream reaches its end, so a reader may look at the header first. */
    @Override
    public InputStream open(String matchId) {
        StoreSupport.requireValidMatchId(matchId);
        Location location = locate(matchId);
        if (location == null) {
            return legacyOpen(matchId);
        }
        try {
            return new VerifyingStream(matchId, new ByteArrayInputStream(read(location)), location.sha256());
        } catch (IOException e) {
            // compacted or removed meanwhile by another store: get() looks again
            StoredReplay replay = get(matchId).orElseThrow(() -> new ReplayStoreException(Reason.NOT_FOUND, matchId, "no replay stored"));
            return new ByteArrayInputStream(replay.bytes());
        }
    }

    @Override
    public boolean delete(String matchId) {
        StoreSupport.requireValidMatchId(matchId);
        boolean deleted = legacyDelete(matchId);
        Location location = locate(matchId);
        if (location == null) {
            return deleted;
        }
        synchronized (writeLock) {
            if (!index.remove(matchId, location)) {
                return deleted;
            }
            Segment segment = location.segment();
            try {
                // not synced: a deletion lost in a crash is repeated by the next retention run
                try (FileChannel dead = FileChannel.open(segment.deadFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    dead.write(ByteBuffer.allocate(8).putLong(0, location.offset()));
                }
            } catch (IOException e) {
                index.putIfAbsent(matchId, location);
                throw new ReplayStoreException(Reason.BACKEND, matchId, "cannot record the deletion in " + segment.deadFile, e);
            }
            segment.dead.add(location.offset());
            if (segment.live.decrementAndGet() == 0) {
                reclaim(segment);
            } else {
                segment.dirty = true;
            }
        }
        return true;
    }

    /**
     * A listing that returns everything older than {@code cutoff} (retention's last of a run) also compacts
     * segments that deletions left less than half live, unless some of what is live in them is older than the
     * cutoff: retention is about to delete those, and the segment may then go whole without a copy.
     */
    @Override
    public List<ReplayRef> listOlderThan(Instant cutoff, int limit) {
        rescan(false);
        long cutoffMillis = cutoff.toEpochMilli();
        List<ReplayRef> old = new ArrayList<>();
        for (Map.Entry<String, Location> entry : index.entrySet()) {
            if (old.size() >= limit) {
                return old;
            }
            if (entry.getValue().storedAtMillis() < cutoffMillis) {
                old.add(entry.getValue().ref(entry.getKey()));
            }
        }
        legacyListOlderThan(cutoff, limit, old);
        if (old.size() < limit) {
            compactDirtySegments(cutoffMillis);
        }
        return old;
    }

    /** Releases this store's open segment (sealing it) and its file handles. */
    @Override
    public void close() {
        synchronized (writeLock) {
            seal();
            segments.values().forEach(Segment::closeReader);
        }
    }

    // ---- writing

    private Pending prepare(String matchId, byte[] replay) {
        StoreSupport.requireValidMatchId(matchId);
        if (replay.length > maxReplayBytes) {
            throw new ReplayStoreException(Reason.TOO_LARGE, matchId, "replay exceeds " + maxReplayBytes + " bytes");
        }
        return new Pending(matchId, clock.millis(), StoreSupport.sha256Hex(replay), replay);
    }

    private static ReplayRef refOf(Pending pending) {
        return new ReplayRef(pending.matchId(), StoreSupport.keyOf(pending.matchId()), pending.bytes().length, pending.sha256(),
                Instant.ofEpochMilli(pending.storedAtMillis()));
    }

    /** Index first, then a legacy file: the common case, nothing stored yet, costs a map lookup and one syscall. */
    private Optional<ReplayRef> storedAlready(String matchId) {
        Location location = index.get(matchId);
        if (location != null) {
            return Optional.of(location.ref(matchId));
        }
        return Files.exists(legacyPathOf(matchId)) ? legacyGet(matchId).map(StoredReplay::ref) : Optional.empty();
    }

    /**
     * Appends the replays not stored yet as one batch, synced before this returns. Returns, per replay, what is
     * stored under its match id: the replay given, or one stored first (by this or another store).
     */
    private List<ReplayRef> append(List<Pending> replays) {
        synchronized (writeLock) {
            rescan(false);
            Map<String, ReplayRef> stored = new HashMap<>();
            List<Pending> batch = new ArrayList<>(replays.size());
            for (Pending replay : replays) {
                if (stored.containsKey(replay.matchId())) {
                    continue;
                }
                Optional<ReplayRef> existing = storedAlready(replay.matchId());
                if (existing.isPresent()) {
                    stored.put(replay.matchId(), existing.get());
                } else {
                    stored.put(replay.matchId(), refOf(replay));
                    batch.add(replay);
                }
            }
            if (!batch.isEmpty()) {
                write(batch);
            }
            return replays.stream().map(replay -> stored.get(replay.matchId())).toList();
        }
    }

    /** Caller holds writeLock. */
    private void write(List<Pending> batch) {
        String first = batch.getFirst().matchId();
        long position = -1;
        try {
            if (open == null || open.end >= segmentBytes) {
                seal();
                startSegment();
            }
            position = open.end;
            List<Entry> entries = new ArrayList<>(batch.size());
            byte[] bytes = SegmentFile.encodeBatch(batch, position, entries);
            SegmentFile.writeFully(openChannel, ByteBuffer.wrap(bytes), position);
            openChannel.force(false);
            open.end = position + bytes.length;
            open.entries.addAndGet(entries.size());
            for (Entry entry : entries) {
                if (index.putIfAbsent(entry.matchId(), locationOf(open, entry)) == null) {
                    open.live.incrementAndGet();
                }
            }
        } catch (IOException e) {
            if (open != null && position >= 0) {
                // a failed append must not stay behind as the segment's tail; later batches go to a new segment
                try {
                    openChannel.truncate(position);
                } catch (IOException ignored) {
                    // the next open finds the torn tail by its CRC and truncates it then
                }
                seal();
            }
            throw new ReplayStoreException(Reason.BACKEND, first, "cannot append a batch of " + batch.size() + " replays under " + segmentsDirectory, e);
        }
    }

    /** Caller holds writeLock. */
    private void startSegment() throws IOException {
        String name = String.format("%013x-%08x", System.currentTimeMillis(), ThreadLocalRandom.current().nextInt());
        Segment segment = new Segment(name, true);
        FileChannel channel = FileChannel.open(segment.file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.lock();
            SegmentFile.writeFully(channel, ByteBuffer.wrap(SegmentFile.header()), 0);
            channel.force(true);
            if (CAN_SYNC_DIRECTORIES) {
                try (FileChannel directory = FileChannel.open(segmentsDirectory, StandardOpenOption.READ)) {
                    directory.force(true);
                }
            }
            segment.end = SegmentFile.HEADER_BYTES;
            segments.put(name, segment);
            open = segment;
            openChannel = channel;
            openLock = lock;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            Files.deleteIfExists(segment.file);
            throw e;
        }
    }

    /** Stops appending to the open segment, so that maintenance may remove or compact it. Caller holds writeLock. */
    private void seal() {
        if (open != null) {
            try {
                openLock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(openChannel);
            open = null;
            openChannel = null;
            openLock = null;
        }
    }

    // ---- maintenance

    private void compactDirtySegments(long cutoffMillis) {
        if (segments.values().stream().noneMatch(segment -> segment.dirty)) {
            return;
        }
        synchronized (writeLock) {
            Map<Segment, Long> oldestLive = new HashMap<>();
            for (Location location : index.values()) {
                oldestLive.merge(location.segment(), location.storedAtMillis(), Math::min);
            }
            for (Segment segment : List.copyOf(segments.values())) {
                if (segment.dirty && segment.live.get() * 2 < segment.entries.get()
                        && oldestLive.getOrDefault(segment, Long.MAX_VALUE) >= cutoffMillis) {
                    segment.dirty = false;
                    reclaim(segment);
                }
            }
        }
    }

    /**
     * Copies what is live in {@code segment} into the open segment and removes it, unless it is open for appending
     * here or in another store. Caller holds writeLock.
     */
    private void reclaim(Segment segment) {
        if (segment == open || !segments.containsKey(segment.name)) {
            return;
        }
        // no scan may index this segment between the copy and the removal
        synchronized (scanLock) {
            try (FileChannel channel = FileChannel.open(segment.file, StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    return; // a store in this process or another one appends to it
                }
                compact(segment);
                lock.release();
            } catch (NoSuchFileException e) {
                return; // another store removed it; the next scan forgets it
            } catch (IOException | ReplayStoreException e) {
                LOG.warn("Could not reclaim replay segment {}: {}", segment.file, e.toString());
                return;
            }
            segments.remove(segment.name);
            segment.closeReader();
            try {
                Files.deleteIfExists(segment.file);
                Files.deleteIfExists(segment.deadFile);
            } catch (IOException e) {
                LOG.warn("Could not delete replay segment {}: {}", segment.file, e.toString());
            }
        }
    }

    /** Copies the live replays of {@code segment} into the open segment and points the index at the copies. */
    private void compact(Segment segment) throws IOException {
        List<Pending> live = new ArrayList<>();
        Map<String, Location> from = new HashMap<>();
        for (Map.Entry<String, Location> entry : index.entrySet()) {
            Location location = entry.getValue();
            if (location.segment() == segment) {
                byte[] bytes = read(location);
                if (!StoreSupport.sha256Hex(bytes).equals(location.sha256())) {
                    throw new IOException("replay " + entry.getKey() + " in " + segment.file + " no longer matches its hash");
                }
                live.add(new Pending(entry.getKey(), location.storedAtMillis(), location.sha256(), bytes));
                from.put(entry.getKey(), location);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        if (open == null) {
            startSegment();
        }
        long position = open.end;
        List<Entry> entries = new ArrayList<>(live.size());
        byte[] bytes = SegmentFile.encodeBatch(live, position, entries);
        SegmentFile.writeFully(openChannel, ByteBuffer.wrap(bytes), position);
        openChannel.force(false);
        open.end = position + bytes.length;
        open.entries.addAndGet(entries.size());
        for (Entry entry : entries) {
            if (index.replace(entry.matchId(), from.get(entry.matchId()), locationOf(open, entry))) {
                open.live.incrementAndGet();
                segment.live.decrementAndGet();
            }
        }
        LOG.info("Compacted replay segment {}: {} live replays moved to {}", segment.name, entries.size(), open.name);
    }

    // ---- scanning

    /** Finds {@code matchId} in the index, scanning for other stores' writes on a miss. */
    private Location locate(String matchId) {
        Location location = index.get(matchId);
        if (location == null && !Files.exists(legacyPathOf(matchId))) {
            rescan(false);
            location = index.get(matchId);
        }
        return location;
    }

    /**
     * Brings the index up to date with the directory: segments that went, deletions and batches other stores
     * recorded. On open ({@code repair}) it also truncates torn tails of segments no store has open.
     */
    private void rescan(boolean repair) {
        synchronized (scanLock) {
            Set<String> names = new TreeSet<>();
            try (Stream<Path> files = Files.list(segmentsDirectory)) {
                files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(SegmentFile.SUFFIX))
                        .forEach(name -> names.add(name.substring(0, name.length() - SegmentFile.SUFFIX.length())));
            } catch (IOException | UncheckedIOException e) {
                throw new ReplayStoreException(Reason.BACKEND, "*", "cannot list " + segmentsDirectory, e);
            }
            for (Segment segment : List.copyOf(segments.values())) {
                if (!names.contains(segment.name) && segment != open) {
                    forget(segment);
                }
            }
            for (String name : names) {
                Segment segment = segments.computeIfAbsent(name, n -> new Segment(n, false));
                try {
                    scanDead(segment);
                    if (!segment.ours) {
                        scanData(segment, repair);
                    }
                } catch (NoSuchFileException e) {
                    forget(segment);
                } catch (IOException e) {
                    LOG.warn("Skipping replay segment {}: {}", segment.file, e.toString());
                }
            }
        }
    }

    private void forget(Segment segment) {
        segments.remove(segment.name);
        index.values().removeIf(location -> location.segment() == segment);
        segment.closeReader();
    }

    private void scanDead(Segment segment) throws IOException {
        long size;
        try {
            size = Files.size(segment.deadFile);
        } catch (NoSuchFileException e) {
            return;
        }
        long complete = size - size % 8;
        if (complete <= segment.deadScanned) {
            return;
        }
        try (FileChannel channel = FileChannel.open(segment.deadFile, StandardOpenOption.READ)) {
            ByteBuffer offsets = ByteBuffer.wrap(SegmentFile.read(channel, segment.deadScanned, (int) (complete - segment.deadScanned)));
            Set<Long> newlyDead = new java.util.HashSet<>();
            while (offsets.hasRemaining()) {
                long offset = offsets.getLong();
                if (segment.dead.add(offset)) {
                    newlyDead.add(offset);
                }
            }
            for (Map.Entry<String, Location> entry : index.entrySet()) {
                Location location = entry.getValue();
                if (location.segment() == segment && newlyDead.contains(location.offset()) && index.remove(entry.getKey(), location)) {
                    segment.live.decrementAndGet();
                }
            }
        }
        segment.deadScanned = complete;
    }

    private void scanData(Segment segment, boolean repair) throws IOException {
        long size = Files.size(segment.file);
        if (size == segment.end) {
            return;
        }
        SegmentFile.Scan scan;
        try (FileChannel channel = FileChannel.open(segment.file, StandardOpenOption.READ)) {
            scan = SegmentFile.scan(channel, segment.end, size);
        }
        for (Entry entry : scan.entries()) {
            segment.entries.incrementAndGet();
            if (!segment.dead.contains(entry.offset()) && index.putIfAbsent(entry.matchId(), locationOf(segment, entry)) == null) {
                segment.live.incrementAndGet();
            }
        }
        segment.end = scan.end();
        if (scan.tornTail() && repair) {
            truncateTornTail(segment, scan.end(), size);
        }
    }

    /** A crash mid-append left bytes after the last complete batch; cut them, unless a live store is appending. */
    private void truncateTornTail(Segment segment, long end, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.file, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                return;
            }
            if (end < SegmentFile.HEADER_BYTES) {
                LOG.warn("Removing replay segment {}: a crash left it without a complete header", segment.file);
                lock.release();
                channel.close();
                Files.delete(segment.file);
                segments.remove(segment.name);
                return;
            }
            LOG.warn("Truncating replay segment {} from {} to {} bytes: a crash left an incomplete batch", segment.file, size, end);
            channel.truncate(end);
            channel.force(true);
            lock.release();
        }
    }

    private static Location locationOf(Segment segment, Entry entry) {
        return new Location(segment, entry.offset(), entry.length(), entry.sha256(), entry.storedAtMillis());
    }

    private static byte[] read(Location location) throws IOException {
        return SegmentFile.read(location.segment().reader(), location.offset(), location.length());
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to flush: appends are synced as they happen
            }
        }
    }

    // ---- replays stored one file each, before segments

    private Path legacyPathOf(String matchId) {
        return root.resolve(StoreSupport.keyOf(matchId));
    }

    private Path legacyHashPathOf(String matchId) {
        return root.resolve(StoreSupport.keyOf(matchId) + LEGACY_HASH_SUFFIX);
    }

    private Optional<StoredReplay> legacyGet(String matchId) {
        Path path = legacyPathOf(matchId);
        try (InputStream in = Files.newInputStream(path)) {
            Instant storedAt = Files.getLastModifiedTime(path).toInstant();
            byte[] bytes = StoreSupport.readBounded(matchId, in, maxReplayBytes);
            String sha256 = StoreSupport.sha256Hex(bytes);
            String recorded = legacyRecordedHash(matchId);
            if (recorded != null && !recorded.equalsIgnoreCase(sha256)) {
                throw new ReplayStoreException(Reason.HASH_MISMATCH, matchId, "stored bytes hash to " + sha256 + ", recorded " + recorded);
            }
            return Optional.of(new StoredReplay(new ReplayRef(matchId, StoreSupport.keyOf(matchId), bytes.length, sha256, storedAt), bytes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ReplayStoreException(Reason.BACKEND, matchId, "cannot read " + path, e);
        }
    }

    private InputStream legacyOpen(String matchId) {
        try {
            InputStream in = Files.newInputStream(legacyPathOf(matchId));
            String recorded = legacyRecordedHash(matchId);
            return recorded == null ? in : new VerifyingStream(matchId, in, recorded);
        } catch (NoSuchFileException e) {
            throw new ReplayStoreException(Reason.NOT_FOUND, matchId, "no replay stored");
        } catch (IOException e) {
            throw new ReplayStoreException(Reason.BACKEND, matchId, "cannot open", e);
        }
    }

    private boolean legacyDelete(String matchId) {
        try {
            boolean deleted = Files.deleteIfExists(legacyPathOf(matchId));
            Files.deleteIfExists(legacyHashPathOf(matchId));
            return deleted;
        } catch (IOException e) {
            throw new ReplayStoreException(Reason.BACKEND, matchId, "cannot delete", e);
        }
    }

    /** The hash recorded when the replay was stored, or null if none was. */
    private String legacyRecordedHash(String matchId) throws IOException {
        try {
            return Files.readString(legacyHashPathOf(matchId), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void legacyListOlderThan(Instant cutoff, int limit, List<ReplayRef> old) {
        if (old.size() >= limit) {
            return;
        }
        try (Stream<Path> files = Files.find(root, LEGACY_MAX_DEPTH,
                (path, attrs) -> attrs.isRegularFile() && attrs.lastModifiedTime().toInstant().isBefore(cutoff)
                        && StoreSupport.matchIdOfFileName(path.getFileName().toString()) != null)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                if (old.size() >= limit) {
                    break;
                }
                String matchId = StoreSupport.matchIdOfFileName(path.getFileName().toString());
                try {
                    StoreSupport.requireValidMatchId(matchId);
                    if (!legacyPathOf(matchId).equals(path)) {
                        throw new ReplayStoreException(Reason.INVALID_MATCH_ID, matchId, "not where its name belongs");
                    }
                    legacyGet(matchId).map(StoredReplay::ref).ifPresent(old::add);
                } catch (ReplayStoreException e) {
                    if (e.reason() == Reason.BACKEND) {
                        throw e;
                    }
                    // a stray or damaged file must not stop retention of everything else
                    LOG.warn("Skipping {} in the replay store: {} {}", path, e.reason(), e.getMessage());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ReplayStoreException(Reason.BACKEND, "*", "cannot list " + root, e);
        }
    }

    /** Hashes what passes through and fails at the end if it is not what was recorded. */
    private static final class VerifyingStream extends java.io.FilterInputStream {

        private final String matchId;
        private final String recorded;
        private final MessageDigest digest = StoreSupport.sha256();
        private boolean checked;

        VerifyingStream(String matchId, InputStream in, String recorded) {
            super(in);
            this.matchId = matchId;
            this.recorded = recorded;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            } else {
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                check();
            } else {
                digest.update(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipped bytes must be hashed too
            return n <= 0 ? 0 : Math.max(0, read(new byte[(int) Math.min(n, CHUNK_BYTES)]));
        }

        private void check() {
            if (!checked) {
                checked = true;
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equalsIgnoreCase(recorded)) {
                    throw new ReplayStoreException(Reason.HASH_MISMATCH, matchId, "stored bytes hash to " + actual + ", recorded " + recorded);
                }
            }
        }
    }

    /** Collects replays; commit appends them to the open segment as one batch with one sync. */
    private final class Batch implements ReplayBatch {

        private final List<Pending> staged = new ArrayList<>();
        private boolean closed;

        @Override
        public ReplayRef put(String matchId, byte[] replay) {
            Pending pending = prepare(matchId, replay);
            Optional<ReplayRef> existing = storedAlready(matchId);
            if (existing.isPresent()) {
                return existing.get();
            }
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("replay batch already committed or closed");
                }
                staged.add(pending);
            }
            return refOf(pending);
        }

        @Override
        public synchronized void commit() {
            if (closed) {
                throw new IllegalStateException("replay batch already committed or closed");
            }
            closed = true;
            if (staged.isEmpty()) {
                return;
            }
            List<ReplayRef> stored = append(staged);
            for (int i = 0; i < stored.size(); i++) {
                Pending promised = staged.get(i);
                if (!stored.get(i).sha256().equals(promised.sha256())) {
                    // put already answered with the staged hash; only a retry can pick up the stored one
                    throw new ReplayStoreException(Reason.BACKEND, promised.matchId(),
                            "another writer stored a different replay first; retry to use it");
                }
            }
            staged.clear();
        }

        @Override
        public synchronized void close() {
            closed = true;
            staged.clear();
        }
    }
}
