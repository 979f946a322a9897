package io.ludus.ingress.delivery;

import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.ingress.Http;
import io.ludus.ingress.IngressInfrastructure;
import io.ludus.ingress.ws.BanWatch;
import io.ludus.ingress.ws.CloseCode;
import io.ludus.ingress.ws.TestSocket;
import io.ludus.security.AccessTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Two ingress nodes (two Micronaut contexts) on one Kafka and one PostgreSQL, as behind a load balancer. */
@Tag("integration")
@Timeout(300)
@ExtendWith(IngressInfrastructure.class)
class NotificationResumeTest {

    private static final AtomicInteger PLAYERS = new AtomicInteger();
    private final List<ApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(ApplicationContext::close);
        nodes.clear();
    }

    private EmbeddedServer startNode() {
        return startNode(Map.of());
    }

    private EmbeddedServer startNode(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(IngressInfrastructure.properties());
        properties.putAll(overrides);
        properties.put("micronaut.server.port", -1);
        properties.put("ludus.ingress.socket.family-check-interval", "300ms");
        ApplicationContext context = ApplicationContext.run(properties, "test");
        nodes.add(context);
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        context.getBean(LiveFeed.class).ready().orTimeout(60, TimeUnit.SECONDS).join();
        context.getBean(BanWatch.class).ready().orTimeout(60, TimeUnit.SECONDS).join();
        return server;
    }

    private static URI socketUri(EmbeddedServer node, String query) {
        return URI.create("ws://" + node.getHost() + ":" + node.getPort() + "/v1/ws" + query);
    }

    private static List<Long> receiveSeqs(TestSocket socket, int count) throws InterruptedException {
        List<Long> seqs = new ArrayList<>();
        while (seqs.size() < count) {
            Map<String, Object> frame = socket.next();
            assertThat(frame.get("type")).as("frame %s", frame).isEqualTo("notification");
            seqs.add(((Number) frame.get("seq")).longValue());
        }
        return seqs;
    }

    private static void assertNothingMore(TestSocket socket) throws InterruptedException {
        assertThat(socket.nextWithin(Duration.ofSeconds(2))).isNull();
    }

    @Test
    void resumesOnAnotherNodeAndAfterEveryNodeRestartedWithNoGapAndNoDuplicate() throws Exception {
        EmbeddedServer a = startNode();
        EmbeddedServer b = startNode();
        Map<String, Object> login = Http.login(a.getURL(), "resumer" + PLAYERS.incrementAndGet());
        String player = (String) login.get("playerId");
        String token = (String) login.get("accessToken");

        try (TestSocket onA = TestSocket.open(socketUri(a, "?after=0"), token)) {
            Notifications.produce(player, 1, 5);
            List<Long> first = receiveSeqs(onA, 5);
            assertThat(first).containsExactly(1L, 2L, 3L, 4L, 5L);
        }

        Notifications.produce(player, 6, 8);
        try (TestSocket onB = TestSocket.open(socketUri(b, "?after=5"), token)) {
            assertThat(receiveSeqs(onB, 3)).containsExactly(6L, 7L, 8L);
            Notifications.produce(player, 9, 9);
            assertThat(receiveSeqs(onB, 1)).containsExactly(9L);
            assertNothingMore(onB);
        }

        stopNodes();
        Notifications.produce(player, 10, 11);
        EmbeddedServer a2 = startNode();
        EmbeddedServer b2 = startNode();
        try (TestSocket onB2 = TestSocket.open(socketUri(b2, "?after=9"), token);
             TestSocket onA2 = TestSocket.open(socketUri(a2, "?after=10"), token)) {
            assertThat(receiveSeqs(onB2, 2)).containsExactly(10L, 11L);
            assertThat(receiveSeqs(onA2, 1)).containsExactly(11L);
            Notifications.produce(player, 12, 12);
            assertThat(receiveSeqs(onB2, 1)).containsExactly(12L);
            assertThat(receiveSeqs(onA2, 1)).containsExactly(12L);
            assertNothingMore(onB2);
            assertNothingMore(onA2);
        }
    }

    /** An outlet that collects frames instead of writing them to a socket. */
    private static NotificationStream.Outlet into(List<String> sent) {
        return new NotificationStream.Outlet() {
            @Override
            public CompletableFuture<?> send(String frame) {
                sent.add(frame);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public boolean isOpen() {
                return true;
            }
        };
    }

    /** A stream on a node's own log, sending into a list. */
    private NotificationStream streamInto(String player, List<String> sent, long after) {
        ApplicationContext node = nodes.getFirst();
        return new NotificationStream(player, into(sent), node.getBean(NotificationLog.class), node.getBean(NotificationFrames.class),
                node.getBean(DeliveryProperties.class), Executors.newVirtualThreadPerTaskExecutor(), after);
    }

    private static List<Long> seqs(List<String> frames) {
        return frames.stream().map(frame -> {
            Matcher seq = Pattern.compile("\"seq\":(\\d+)").matcher(frame);
            assertThat(seq.find()).as("frame %s", frame).isTrue();
            return Long.parseLong(seq.group(1));
        }).toList();
    }

    @Test
    void aLiveOnlySocketThatArrivedBeforeTheFeedWasReadingGetsWhatWasCommittedMeanwhile() throws Exception {
        Map<String, Object> properties = new HashMap<>(IngressInfrastructure.properties());
        properties.put("micronaut.server.port", -1);
        // a slow start must not turn into RESYNC_REQUIRED here
        properties.put("ludus.ingress.delivery.gap-timeout", "60s");
        // the context is up, its HTTP server (and with it the live feed and the log writers) not yet
        ApplicationContext node = ApplicationContext.run(properties, "test");
        nodes.add(node);
        String player = "early-" + UUID.randomUUID();
        List<String> sent = new CopyOnWriteArrayList<>();
        node.getBean(NotificationDelivery.class).open(player, into(sent), null);

        // committed after the socket subscribed, before the feed positions itself at the end of the topic
        Notifications.produce(player, 1, 2);
        node.getBean(EmbeddedServer.class).start();
        node.getBean(LiveFeed.class).ready().orTimeout(60, TimeUnit.SECONDS).join();
        awaitSize(sent, 2);
        Notifications.produce(player, 3, 3);
        awaitSize(sent, 3);

        assertThat(seqs(sent)).containsExactly(1L, 2L, 3L);
    }

    private static List<NotificationLog.Entry> entries(String player, long fromSeq, long toSeq) {
        List<NotificationLog.Entry> entries = new ArrayList<>();
        for (long seq = fromSeq; seq <= toSeq; seq++) {
            entries.add(new NotificationLog.Entry(player, seq, Instant.now(), "frame " + seq));
        }
        return entries;
    }

    private static void awaitSize(List<String> sent, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sent.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void aResumeSendsWhatTheArchiveLoggedWhileTheStreamAskedHowFarItGot() throws Exception {
        startNode();
        NotificationLog log = nodes.getFirst().getBean(NotificationLog.class);
        String player = "race-" + UUID.randomUUID();
        List<String> sent = new CopyOnWriteArrayList<>();

        // the archive logs 1..3 and commits its offsets just as the stream asks whether the log covers the feed
        streamInto(player, sent, 0).start(liveOffset -> {
            log.append(entries(player, 1, 3));
            return true;
        });

        awaitSize(sent, 3);
        assertThat(sent).containsExactly("frame 1", "frame 2", "frame 3");
    }

    @Test
    void aLiveNotificationOfferedBeforeTheResumeStartsWaitsForTheOnesBeforeIt() throws Exception {
        startNode();
        NotificationLog log = nodes.getFirst().getBean(NotificationLog.class);
        String player = "early-live-" + UUID.randomUUID();
        List<String> sent = new CopyOnWriteArrayList<>();
        log.append(entries(player, 1, 4));

        // the socket subscribed after 0; the live feed offers 5 before the resume has started
        NotificationStream stream = streamInto(player, sent, 0);
        stream.offer(5, 42, "frame 5");
        assertThat(sent).as("nothing goes out ahead of the resume").isEmpty();
        log.append(entries(player, 5, 5));
        stream.start(liveOffset -> true);

        awaitSize(sent, 5);
        Thread.sleep(300);
        assertThat(sent).containsExactly("frame 1", "frame 2", "frame 3", "frame 4", "frame 5");
    }

    @Test
    void aResumeRetriesWhenTheArchiveProgressCannotBeReadInsteadOfGoingSilent() throws Exception {
        startNode();
        NotificationLog log = nodes.getFirst().getBean(NotificationLog.class);
        String player = "retry-" + UUID.randomUUID();
        List<String> sent = new CopyOnWriteArrayList<>();
        AtomicInteger asked = new AtomicInteger();

        // the archive has logged 1..2, but the first question fails as the admin call does when the broker is slow
        streamInto(player, sent, 0).start(liveOffset -> {
            if (asked.getAndIncrement() == 0) {
                log.append(entries(player, 1, 2));
                throw new TimeoutException("listConsumerGroupOffsets timed out");
            }
            return true;
        });

        awaitSize(sent, 2);
        assertThat(sent).containsExactly("frame 1", "frame 2");
    }

    @Test
    void aNodeStartedAfterAnAbortedTransactionResumesWithoutResync() throws Exception {
        EmbeddedServer a = startNode();
        NotificationLog log = nodes.getFirst().getBean(NotificationLog.class);
        Map<String, Object> login = Http.login(a.getURL(), "aborted" + PLAYERS.incrementAndGet());
        String player = (String) login.get("playerId");
        Notifications.produceInTransaction(player, 1, 3);
        awaitLogged(log, player, 3);
        // the notifier writes in transactions, and aborts some: the partition now ends past records nobody reads
        Notifications.produceAborted(player, 4, 5);
        Thread.sleep(1500);
        // a node started now reads from that end; its resume needs the log writers' offsets to reach it
        EmbeddedServer b = startNode(Map.of("ludus.ingress.delivery.gap-timeout", "3s",
                "ludus.ingress.delivery.archive-catch-up-after", "1s"));

        try (TestSocket socket = TestSocket.open(socketUri(b, "?after=0"), (String) login.get("accessToken"))) {
            assertThat(receiveSeqs(socket, 3)).containsExactly(1L, 2L, 3L);
            assertThat(socket.nextWithin(Duration.ofSeconds(5))).as("no RESYNC_REQUIRED after gap-timeout").isNull();
            Notifications.produceInTransaction(player, 4, 4);
            assertThat(receiveSeqs(socket, 1)).containsExactly(4L);
        }
    }

    @Test
    void aResumeGetsWhatADeadNodeNeverLoggedWithoutResync() throws Exception {
        String group = IngressInfrastructure.kafka().uniqueGroupId("archive-with-a-dead-member");
        // a node that died holding every partition of the log writers' group: the group has not noticed yet, so
        // nobody writes the log, and the live node's own writer waits in the rebalance it started
        Map<String, Object> props = IngressInfrastructure.kafka().consumerProps(group);
        props.put("max.poll.interval.ms", 120_000);
        try (KafkaConsumer<String, byte[]> dead = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            dead.subscribe(List.of(Topics.PLAYER_NOTIFICATIONS.name()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (dead.assignment().isEmpty() && System.nanoTime() < deadline) {
                dead.poll(Duration.ofMillis(200));
            }
            assertThat(dead.assignment()).as("the dead member holds the partitions").isNotEmpty();

            EmbeddedServer a = startNode(Map.of("ludus.ingress.delivery.archive-group", group,
                    "ludus.ingress.delivery.gap-timeout", "30s"));
            Map<String, Object> login = Http.login(a.getURL(), "orphaned" + PLAYERS.incrementAndGet());
            String player = (String) login.get("playerId");
            Notifications.produce(player, 1, 3);
            Thread.sleep(500); // the live feed passes them before the socket subscribes

            try (TestSocket socket = TestSocket.open(socketUri(a, "?after=0"), (String) login.get("accessToken"))) {
                long started = System.nanoTime();
                assertThat(receiveSeqs(socket, 3)).containsExactly(1L, 2L, 3L);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("well before gap-timeout")
                        .isLessThan(Duration.ofSeconds(20));
                Notifications.produce(player, 4, 4);
                assertThat(receiveSeqs(socket, 1)).containsExactly(4L);
            }
            assertThat(nodes.getFirst().getBean(NotificationLog.class).after(player, 0, 10))
                    .extracting(NotificationLog.Entry::seq).startsWith(1L, 2L, 3L);
        }
    }

    private static void awaitLogged(NotificationLog log, String player, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (log.after(player, 0, count).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(log.after(player, 0, count)).hasSize(count);
    }

    @Test
    void notificationFramesCarryTheEventNameAndItsFields() throws Exception {
        EmbeddedServer a = startNode();
        Map<String, Object> login = Http.login(a.getURL(), "framer" + PLAYERS.incrementAndGet());
        try (TestSocket socket = TestSocket.open(socketUri(a, ""), (String) login.get("accessToken"))) {
            Notifications.produce((String) login.get("playerId"), 1, 1);

            Map<String, Object> frame = socket.next();

            assertThat(frame).containsEntry("type", "notification").containsEntry("event", "QueueJoined");
            assertThat((Map<String, Object>) frame.get("data")).containsEntry("ticketId", "t1").containsEntry("queueId", "ranked-1v1");
        }
    }

    @Test
    void aSeqOlderThanRetentionGetsResyncRequiredThenLiveNotifications() throws Exception {
        EmbeddedServer a = startNode();
        Map<String, Object> login = Http.login(a.getURL(), "stale" + PLAYERS.incrementAndGet());
        String player = (String) login.get("playerId");
        Notifications.produce(player, 1, 4);
        // wait until the log has them, then let retention take 1..3 (the newest always stays)
        try (TestSocket warm = TestSocket.open(socketUri(a, "?after=0"), (String) login.get("accessToken"))) {
            assertThat(receiveSeqs(warm, 4)).containsExactly(1L, 2L, 3L, 4L);
        }
        NotificationLog log = nodes.getFirst().getBean(NotificationLog.class);
        log.purge(Instant.now().plusSeconds(1));
        assertThat(log.after(player, 0, 10)).extracting(NotificationLog.Entry::seq).containsExactly(4L);

        try (TestSocket socket = TestSocket.open(socketUri(a, "?after=1"), (String) login.get("accessToken"))) {
            Map<String, Object> error = socket.next();
            assertThat(error).containsEntry("type", "error").containsEntry("code", "RESYNC_REQUIRED");
            assertThat(((Number) error.get("resumesAfter")).longValue()).isEqualTo(4L);
            Notifications.produce(player, 5, 5);
            assertThat(receiveSeqs(socket, 1)).containsExactly(5L);
        }
    }

    @Test
    void anUnreadableResumePointGetsInvalidResumeAndLiveNotifications() throws Exception {
        EmbeddedServer a = startNode();
        Map<String, Object> login = Http.login(a.getURL(), "badresume" + PLAYERS.incrementAndGet());
        try (TestSocket socket = TestSocket.open(socketUri(a, "?after=-3"), (String) login.get("accessToken"))) {
            assertThat(socket.next()).containsEntry("type", "error").containsEntry("code", "INVALID_RESUME");
            Notifications.produce((String) login.get("playerId"), 1, 1);
            assertThat(receiveSeqs(socket, 1)).containsExactly(1L);
        }
    }

    @Test
    void aBanClosesThePlayersSocketsOnEveryNode() throws Exception {
        EmbeddedServer a = startNode();
        EmbeddedServer b = startNode();
        Map<String, Object> login = Http.login(a.getURL(), "banned" + PLAYERS.incrementAndGet());
        String player = (String) login.get("playerId");
        String token = (String) login.get("accessToken");
        try (TestSocket onA = TestSocket.open(socketUri(a, ""), token);
             TestSocket onB = TestSocket.open(socketUri(b, ""), token)) {
            AccountEvent ban = AccountEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                    .setCorrelationId("test").setPayload(AccountBanned.newBuilder().setAccountId(player)
                            .setPlayerId(player).setReason("cheating").build()).build();
            try (SchemaRegistryClient registry = new SchemaRegistryClient(URI.create(IngressInfrastructure.registryUrl()))) {
                IngressInfrastructure.kafka().produce(new StringSerializer(), Topics.ACCOUNT_EVENTS.valueSerde(registry).serializer(),
                        List.of(new ProducerRecord<>(Topics.ACCOUNT_EVENTS.name(), player, ban)));
            }

            assertThat(onA.awaitClose()).isEqualTo(CloseCode.ACCOUNT_BANNED.code());
            assertThat(onB.awaitClose()).isEqualTo(CloseCode.ACCOUNT_BANNED.code());
        }
    }

    @Test
    void aRevokedLoginFamilyClosesItsSocketsOnEveryNodeAndLeavesOtherLoginsOpen() throws Exception {
        EmbeddedServer a = startNode();
        EmbeddedServer b = startNode();
        String name = "revoked" + PLAYERS.incrementAndGet();
        Map<String, Object> first = Http.login(a.getURL(), name);
        String player = (String) first.get("playerId");
        Http.login(a.getURL(), name);
        List<String> families = families(player);
        assertThat(families).hasSize(2);
        AccessTokens tokens = nodes.getFirst().getBean(AccessTokens.class);
        String revokedToken = tokens.sign(UUID.fromString(player), UUID.fromString(families.get(0)), Duration.ofMinutes(10));
        String keptToken = tokens.sign(UUID.fromString(player), UUID.fromString(families.get(1)), Duration.ofMinutes(10));
        // the first login's own access token carries its family as sid
        String firstLoginToken = (String) first.get("accessToken");

        try (TestSocket revokedOnA = TestSocket.open(socketUri(a, ""), revokedToken);
             TestSocket revokedOnB = TestSocket.open(socketUri(b, ""), revokedToken);
             TestSocket firstLogin = TestSocket.open(socketUri(b, ""), firstLoginToken);
             TestSocket kept = TestSocket.open(socketUri(b, ""), keptToken)) {
            try (Connection connection = IngressInfrastructure.database().dataSource().getConnection();
                 PreparedStatement revoke = connection.prepareStatement("UPDATE refresh_families SET revoked_at = now() WHERE family_id = ?::uuid")) {
                revoke.setString(1, families.get(0));
                revoke.executeUpdate();
            }

            assertThat(revokedOnA.awaitClose()).isEqualTo(CloseCode.SESSION_REVOKED.code());
            assertThat(revokedOnB.awaitClose()).isEqualTo(CloseCode.SESSION_REVOKED.code());
            assertThat(firstLogin.awaitClose()).isEqualTo(CloseCode.SESSION_REVOKED.code());
            Thread.sleep(1000);
            assertThat(kept.isOpen()).isTrue();
        }
    }

    private static List<String> families(String player) throws Exception {
        try (Connection connection = IngressInfrastructure.database().dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT family_id::text FROM refresh_tokens WHERE account_id = ?::uuid ORDER BY issued_at")) {
            select.setString(1, player);
            List<String> families = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    families.add(rows.getString(1));
                }
            }
            return families;
        }
    }
}
