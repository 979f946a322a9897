package io.ludus.ingress.ws;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.ludus.ingress.IngressProperties;
import io.ludus.ingress.delivery.NotificationDelivery;
import io.ludus.ingress.delivery.NotificationStream;
import io.ludus.ingress.kafka.CommandPublisher;
import io.ludus.ingress.query.Queries;
import io.ludus.ingress.queue.QueueCommands;
import io.ludus.ingress.report.ReportCommands;
import io.ludus.ingress.social.SocialCommands;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The command socket. The player is the token's subject, fixed at the upgrade. Every client frame
 * gets exactly one reply: an ack once Kafka has the command, or a typed error; a bad frame never
 * closes the socket. Frames above {@link #HARD_FRAME_LIMIT} are cut off by Netty (close 1009).
 * The socket also carries the player's notifications, from {@code ?after=<seq>} when given
 * (resume), and closes with a {@link CloseCode} for liveness, limits, bans and ended logins.
 */
@ServerWebSocket("/v1/ws")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class CommandSocket {

    /** Netty's frame limit; {@code ludus.ingress.max-frame-bytes} is the one clients normally meet. */
    public static final int HARD_FRAME_LIMIT = 1 << 20;
    static final int MAX_ID = 64;

    private static final Logger LOG = LoggerFactory.getLogger(CommandSocket.class);
    private static final String CONNECTION = "ludus.connection";
    /** Query parameter of the upgrade: the last notification seq the client saw. */
    static final String RESUME_PARAMETER = "after";
    static final String FAMILY_CLAIM = "sid";

    private final JsonMapper json;
    private final QueueCommands queueCommands;
    private final SocialCommands social;
    private final ReportCommands reports;
    private final Queries queries;
    private final CommandPublisher publisher;
    private final CommandWorkers workers;
    private final IngressProperties properties;
    private final SocketProperties socketProperties;
    private final Sockets sockets;
    private final NotificationDelivery delivery;
    private final String rateLimitedReply;

    CommandSocket(JsonMapper json, QueueCommands queueCommands, SocialCommands social, ReportCommands reports, Queries queries,
                  CommandPublisher publisher, CommandWorkers workers, IngressProperties properties,
                  SocketProperties socketProperties, Sockets sockets, NotificationDelivery delivery) throws IOException {
        this.json = json;
        this.queueCommands = queueCommands;
        this.social = social;
        this.reports = reports;
        this.queries = queries;
        this.publisher = publisher;
        this.workers = workers;
        this.properties = properties;
        this.socketProperties = socketProperties;
        this.sockets = sockets;
        this.delivery = delivery;
        // encoded once: a frame over the rate limit costs a bucket check and this reply, never a JSON parse
        this.rateLimitedReply = json.writeValueAsString(new ServerFrames.Error(null,
                new CommandRejectedException(ErrorCode.RATE_LIMITED, "too many frames; slow down")));
    }

    @OnOpen
    public void onOpen(WebSocketSession session) {
        Optional<Principal> principal = session.getUserPrincipal();
        if (principal.isEmpty()) {
            // The security filter refuses the upgrade first; this guards against a misconfigured chain.
            session.close(CloseReason.POLICY_VIOLATION);
            return;
        }
        Bucket frames = Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(properties.commandRateLimit())
                        .refillGreedy(properties.commandRateLimit(), properties.commandRatePeriod())
                        .build())
                .build();
        Bucket strikes = Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(socketProperties.rateStrikes())
                        .refillGreedy(socketProperties.rateStrikes(), properties.commandRatePeriod())
                        .build())
                .build();
        Connection connection = new Connection(principal.get().getName(), familyId(principal.get()), session, frames, strikes);
        // before registering: if the socket is closed at once, onClose still finds what to unregister
        session.put(CONNECTION, connection);
        if (!sockets.register(connection)) {
            sockets.counted(CloseCode.NODE_FULL);
            session.close(new CloseReason(CloseCode.NODE_FULL.code(), "this node is full; try again later"));
            return;
        }
        Long after = null;
        try {
            after = resumePoint(session);
        } catch (CommandRejectedException e) {
            reply(session, new ServerFrames.Error(null, e));
        }
        connection.notifications = delivery.open(connection.playerId, new NotificationStream.Outlet() {
            @Override
            public CompletableFuture<?> send(String frame) {
                return session.sendAsync(frame);
            }

            @Override
            public boolean isOpen() {
                return session.isOpen();
            }
        }, after);
    }

    @OnClose
    public void onClose(WebSocketSession session) {
        session.get(CONNECTION, Connection.class).ifPresent(connection -> {
            sockets.unregister(connection);
            if (connection.notifications != null) {
                delivery.close(connection.notifications);
            }
        });
    }

    /** The upgrade's {@code after}: the last notification seq the client saw; null for live notifications only. */
    private static @Nullable Long resumePoint(WebSocketSession session) throws CommandRejectedException {
        String after = session.getRequestParameters().get(RESUME_PARAMETER);
        if (after == null) {
            return null;
        }
        try {
            long seq = Long.parseLong(after);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new CommandRejectedException(ErrorCode.INVALID_RESUME,
                "after must be the last notification seq seen, a whole number >= 0; notifications start live");
    }

    /** The access token's {@code sid} claim: the refresh family the login started. */
    private static @Nullable String familyId(Principal principal) {
        if (principal instanceof Authentication authentication && authentication.getAttributes().get(FAMILY_CLAIM) instanceof String sid) {
            return sid;
        }
        return null;
    }

    @OnMessage(maxPayloadLength = HARD_FRAME_LIMIT)
    public void onMessage(String message, WebSocketSession session) {
        Optional<Connection> found = session.get(CONNECTION, Connection.class);
        if (found.isEmpty()) {
            session.close(CloseReason.POLICY_VIOLATION);
            return;
        }
        Connection connection = found.get();
        if (!connection.frames.tryConsume(1)) {
            if (connection.strikes.tryConsume(1)) {
                session.sendAsync(rateLimitedReply);
            } else {
                sockets.close(connection, CloseCode.RATE_LIMIT_EXCEEDED, "kept sending frames over the rate limit");
            }
            return;
        }
        String id = null;
        try {
            if (utf8Length(message) > properties.maxFrameBytes()) {
                throw new CommandRejectedException(ErrorCode.FRAME_TOO_LARGE,
                        "frames may be at most " + properties.maxFrameBytes() + " bytes");
            }
            JsonNode frame = parse(message);
            id = frameId(frame);
            ClientFrameType type = frameType(frame);
            SpecificRecord command = switch (type) {
                case QUEUE_JOIN -> queueCommands.join(connection.playerId, id, frame);
                case QUEUE_LEAVE -> queueCommands.leave(connection.playerId, id, frame);
                case FRIEND_REQUEST -> social.request(connection.playerId, id, frame);
                case FRIEND_ACCEPT -> social.accept(connection.playerId, id, frame);
                case FRIEND_DECLINE -> social.decline(connection.playerId, id, frame);
                case FRIEND_CANCEL -> social.cancel(connection.playerId, id, frame);
                case FRIEND_REMOVE -> social.remove(connection.playerId, id, frame);
                case BLOCK -> social.block(connection.playerId, id, frame);
                case UNBLOCK -> social.unblock(connection.playerId, id, frame);
                case REPORT_SUBMIT -> reports.submit(connection.playerId, id, frame);
                case QUERY_STATS, QUERY_RATING, QUERY_LEADERBOARD, QUERY_FRIENDS, QUERY_MATCHES, QUERY_REPLAY_LINK -> null;
            };
            if (command == null) {
                query(session, connection, id, type, frame);
            } else {
                submit(session, connection, id, command);
            }
        } catch (CommandRejectedException e) {
            reply(session, new ServerFrames.Error(id, e));
        } catch (RuntimeException e) {
            LOG.error("frame {} of player {} failed", id, connection.playerId, e);
            reply(session, new ServerFrames.Error(id, new CommandRejectedException(ErrorCode.INTERNAL, "the server failed to handle this frame")));
        }
    }

    private void submit(WebSocketSession session, Connection connection, String id, SpecificRecord command)
            throws CommandRejectedException {
        if (connection.inFlight.incrementAndGet() > properties.maxInFlightCommands()) {
            connection.inFlight.decrementAndGet();
            throw new CommandRejectedException(ErrorCode.RATE_LIMITED,
                    "at most " + properties.maxInFlightCommands() + " commands may await Kafka per connection");
        }
        connection.enqueue(() -> publisher.publish(connection.playerId, command), workers.executor)
                .whenComplete((acked, error) -> {
                    connection.inFlight.decrementAndGet();
                    if (error == null) {
                        reply(session, new ServerFrames.Ack(id));
                    } else {
                        reply(session, new ServerFrames.Error(id, rejection(error)));
                    }
                });
    }

    /** Queries share the in-flight bound with commands; the answer (or a typed error) is the one reply. */
    private void query(WebSocketSession session, Connection connection, String id, ClientFrameType type, JsonNode frame)
            throws CommandRejectedException {
        if (connection.inFlight.incrementAndGet() > properties.maxInFlightCommands()) {
            connection.inFlight.decrementAndGet();
            throw new CommandRejectedException(ErrorCode.RATE_LIMITED,
                    "at most " + properties.maxInFlightCommands() + " commands may await an answer per connection");
        }
        queries.answer(connection.playerId, id, type, frame).whenComplete((result, error) -> {
            connection.inFlight.decrementAndGet();
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (error == null) {
                reply(session, result);
            } else if (cause instanceof CommandRejectedException rejected) {
                reply(session, new ServerFrames.Error(id, rejected));
            } else {
                reply(session, new ServerFrames.Error(id, rejection(error)));
            }
        });
    }

    private static CommandRejectedException rejection(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CommandPublisher.PublishException publish) {
            return new CommandRejectedException(publish.code(), publish.code() == ErrorCode.UNAVAILABLE
                    ? "the command could not be stored; try again"
                    : "the server failed to handle this frame");
        }
        LOG.error("command failed unexpectedly", cause);
        return new CommandRejectedException(ErrorCode.INTERNAL, "the server failed to handle this frame");
    }

    private JsonNode parse(String message) throws CommandRejectedException {
        JsonNode frame;
        try {
            frame = json.readValue(message, Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw new CommandRejectedException(ErrorCode.MALFORMED_FRAME, "frame is not valid JSON");
        }
        if (frame == null || !frame.isObject()) {
            throw new CommandRejectedException(ErrorCode.MALFORMED_FRAME, "frame must be a JSON object");
        }
        return frame;
    }

    private static String frameId(JsonNode frame) throws CommandRejectedException {
        JsonNode id = frame.get("id");
        if (id == null || !id.isString() || id.getStringValue().isEmpty() || id.getStringValue().length() > MAX_ID) {
            throw new CommandRejectedException(ErrorCode.MALFORMED_FRAME, "id must be a string of 1 to " + MAX_ID + " characters");
        }
        return id.getStringValue();
    }

    private static ClientFrameType frameType(JsonNode frame) throws CommandRejectedException {
        JsonNode type = frame.get("type");
        if (type == null || !type.isString()) {
            throw new CommandRejectedException(ErrorCode.MALFORMED_FRAME, "type must be a string");
        }
        return ClientFrameType.fromWire(type.getStringValue())
                .orElseThrow(() -> new CommandRejectedException(ErrorCode.UNKNOWN_TYPE, "unknown frame type"));
    }

    private void reply(WebSocketSession session, Object frame) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.sendAsync(json.writeValueAsString(frame));
        } catch (IOException e) {
            LOG.error("could not encode reply {}", frame, e);
        }
    }

    /** UTF-8 size without encoding: frames up to the hard limit would otherwise be copied once more. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
