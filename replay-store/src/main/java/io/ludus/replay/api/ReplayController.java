package io.ludus.replay.api;

import io.ludus.replay.format.ReplayFormatException;
import io.ludus.replay.format.ReplayHeader;
import io.ludus.replay.format.ReplayReader;
import io.ludus.replay.store.ReplayStore;
import io.ludus.replay.store.ReplayStoreException;
import io.ludus.replay.store.StoredReplay;
import io.ludus.sim.Tactics;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Serves replay files and their summaries to the match's participants and to holders of a share
 * link. Authorization is decided here, per match, so routes are open to the security filter.
 * Access is checked before the replay is loaded: a share link needs no read at all, a participant
 * needs only the replay's header. Unknown and forbidden matches get the same 404, so the answer
 * does not reveal which match ids exist. Loads are bounded: beyond the limit, 503 and Retry-After.
 */
@Controller("/v1/replays")
@Requires(property = ReplayConfiguration.API_ENABLED, notEquals = "false")
@SerdeImport(TeamLoadout.class)
@SerdeImport(UnitLoadout.class)
@SerdeImport(Tactics.class)
@SerdeImport(Tactics.AbilityRule.class)
@SerdeImport(Tactics.TargetRule.class)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReplayController {

    static final String CACHE_CONTROL = "private, max-age=31536000, immutable";
    static final MediaType REPLAY_TYPE = MediaType.APPLICATION_OCTET_STREAM_TYPE;
    private static final Logger LOG = LoggerFactory.getLogger(ReplayController.class);

    private static final Duration LOAD_WAIT = Duration.ofSeconds(2);

    private final ReplayStore store;
    private final ShareLinks shareLinks;
    private final Semaphore loads;

    public ReplayController(ReplayStore store, ShareLinks shareLinks, ReplayConfiguration config) {
        this.store = store;
        this.shareLinks = shareLinks;
        this.loads = new Semaphore(config.maxConcurrentLoads());
    }

    @Get("/{matchId}")
    public HttpResponse<byte[]> replay(@PathVariable String matchId, @Nullable @QueryValue String share,
                                       @Nullable Authentication authentication,
                                       @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                       @Nullable @Header(HttpHeaders.RANGE) String range) throws IOException {
        authorize(matchId, share, authentication);
        StoredReplay replay = load(matchId);
        String etag = '"' + replay.ref().sha256() + '"';
        if (ifNoneMatch != null && matchesEtag(ifNoneMatch, etag)) {
            return cacheable(HttpResponse.notModified(), etag);
        }
        byte[] bytes = replay.bytes();
        if (range == null) {
            return cacheable(HttpResponse.ok(bytes), etag).contentType(REPLAY_TYPE);
        }
        long[] span = ByteRange.parse(range, bytes.length);
        if (span == null) {
            return HttpResponse.<byte[]>status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + bytes.length);
        }
        byte[] slice = Arrays.copyOfRange(bytes, (int) span[0], (int) span[1] + 1);
        return cacheable(HttpResponse.<byte[]>status(HttpStatus.PARTIAL_CONTENT).body(slice), etag)
                .contentType(REPLAY_TYPE)
                .header(HttpHeaders.CONTENT_RANGE, "bytes " + span[0] + "-" + span[1] + "/" + bytes.length);
    }

    @Get("/{matchId}/summary")
    public ReplaySummaryView summary(@PathVariable String matchId, @Nullable @QueryValue String share,
                                     @Nullable Authentication authentication) throws IOException {
        authorize(matchId, share, authentication);
        StoredReplay replay = load(matchId);
        return ReplaySummaryView.of(ReplayReader.summarize(new ByteArrayInputStream(replay.bytes())), replay.ref());
    }

    /** Participants only: a share link cannot mint further links. */
    @Post("/{matchId}/share")
    public ShareLinkView share(@PathVariable String matchId, @Nullable Authentication authentication) throws IOException {
        authorize(matchId, null, authentication);
        ShareLinks.ShareLink link = shareLinks.create(matchId);
        return new ShareLinkView(matchId, "/v1/replays/" + matchId + "?share=" + link.token(), link.token(), link.expiresAt());
    }

    @Error
    HttpResponse<ReplayError> refused(ApiRefusal refusal) {
        MutableHttpResponse<ReplayError> response = HttpResponse.<ReplayError>status(refusal.status)
                .body(new ReplayError(refusal.code, refusal.getMessage()));
        return refusal.status == HttpStatus.SERVICE_UNAVAILABLE ? response.header(HttpHeaders.RETRY_AFTER, "1") : response;
    }

    @Error
    HttpResponse<ReplayError> storeFailed(ReplayStoreException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> HttpResponse.<ReplayError>status(HttpStatus.NOT_FOUND).body(new ReplayError(ReplayError.Code.NOT_FOUND, notFound().getMessage()));
            case INVALID_MATCH_ID -> HttpResponse.<ReplayError>status(HttpStatus.BAD_REQUEST).body(new ReplayError(ReplayError.Code.INVALID_MATCH_ID, e.getMessage()));
            case HASH_MISMATCH, TOO_LARGE -> {
                LOG.error("stored replay of match {} is unusable: {}", e.matchId(), e.getMessage());
                yield HttpResponse.<ReplayError>status(HttpStatus.INTERNAL_SERVER_ERROR).body(new ReplayError(ReplayError.Code.REPLAY_CORRUPT, "stored replay is damaged"));
            }
            case BACKEND -> {
                LOG.warn("replay store failed for match {}", e.matchId(), e);
                yield HttpResponse.<ReplayError>status(HttpStatus.SERVICE_UNAVAILABLE).body(new ReplayError(ReplayError.Code.STORE_UNAVAILABLE, "replay store unavailable"));
            }
        };
    }

    @Error
    HttpResponse<ReplayError> corrupt(ReplayFormatException e) {
        LOG.error("stored replay does not decode: {}", e.getMessage());
        return HttpResponse.<ReplayError>status(HttpStatus.INTERNAL_SERVER_ERROR).body(new ReplayError(ReplayError.Code.REPLAY_CORRUPT, "stored replay is damaged"));
    }

    /**
     * 401 without any credential; a valid share link passes without reading anything; a participant
     * is recognised from the replay's header alone. Everyone else gets the 404 of an unknown match.
     */
    private void authorize(String matchId, @Nullable String share, @Nullable Authentication authentication) throws IOException {
        if (authentication == null && share == null) {
            throw new ApiRefusal(HttpStatus.UNAUTHORIZED, ReplayError.Code.UNAUTHENTICATED, "a bearer token or a share link is required");
        }
        if (share != null && shareLinks.isValid(matchId, share)) {
            return;
        }
        if (authentication == null || !participantOf(matchId, authentication.getName())) {
            throw notFound();
        }
    }

    private boolean participantOf(String matchId, String playerId) throws IOException {
        acquireLoad();
        try (ReplayReader reader = ReplayReader.open(store.open(matchId))) {
            ReplayHeader header = reader.header();
            return header.isParticipant(playerId);
        } catch (ReplayStoreException e) {
            if (e.reason() == ReplayStoreException.Reason.NOT_FOUND) {
                return false;
            }
            throw e;
        } finally {
            loads.release();
        }
    }

    private StoredReplay load(String matchId) {
        acquireLoad();
        try {
            return store.get(matchId).orElseThrow(ReplayController::notFound);
        } finally {
            loads.release();
        }
    }

    private void acquireLoad() {
        try {
            if (!loads.tryAcquire(LOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ApiRefusal(HttpStatus.SERVICE_UNAVAILABLE, ReplayError.Code.STORE_UNAVAILABLE, "too many replay loads in progress; retry");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiRefusal(HttpStatus.SERVICE_UNAVAILABLE, ReplayError.Code.STORE_UNAVAILABLE, "interrupted");
        }
    }

    private static ApiRefusal notFound() {
        return new ApiRefusal(HttpStatus.NOT_FOUND, ReplayError.Code.NOT_FOUND, "no replay for this match that you may see");
    }

    private static <T> MutableHttpResponse<T> cacheable(MutableHttpResponse<T> response, String etag) {
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header(HttpHeaders.ACCEPT_RANGES, "bytes");
    }

    private static boolean matchesEtag(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    static final class ApiRefusal extends RuntimeException {
        final HttpStatus status;
        final ReplayError.Code code;

        ApiRefusal(HttpStatus status, ReplayError.Code code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }
}
