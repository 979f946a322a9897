package io.ludus.replay.api;

import io.ludus.replay.format.SyntheticBattle;
import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.replay.store.ReplayRef;
import io.ludus.replay.store.ReplayStore;
import io.ludus.security.AccessTokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayApiTest implements TestPropertyProvider {

    private static final String MATCH = "api-match-1";
    /** The two sides of MATCH, and a player who was not in it. */
    private static final String ANN = "0a000000-0000-4000-8000-000000000001";
    private static final String BOB = "0b000000-0000-4000-8000-000000000002";
    private static final String EVE = "0e000000-0000-4000-8000-000000000003";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ReplayStore store;

    @Inject
    AccessTokens tokens;

    private byte[] replay;
    private ReplayRef ref;
    private java.nio.file.Path replayRoot;

    @Override
    public Map<String, String> getProperties() {
        try {
            replayRoot = Files.createTempDirectory("replay-api");
            return Map.of("ludus.replay.fs.directory", replayRoot.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void storeReplay() {
        replay = SyntheticBattle.recordUnchecked(SyntheticBattle.header(MATCH, ANN, BOB), 99);
        ref = store.put(MATCH, replay);
    }

    @Test
    void participantDownloadsReplayWithEtagAndImmutableCaching() {
        HttpResponse<byte[]> response = exchange(get("/v1/replays/" + MATCH).bearerAuth(token(ANN)));

        assertThat(response.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(response.body()).isEqualTo(replay);
        assertThat(response.header(HttpHeaders.ETAG)).isEqualTo('"' + ref.sha256() + '"');
        assertThat(response.header(HttpHeaders.CACHE_CONTROL)).isEqualTo("private, max-age=31536000, immutable");
        assertThat(response.header(HttpHeaders.ACCEPT_RANGES)).isEqualTo("bytes");
    }

    @Test
    void otherParticipantMayDownloadToo() {
        assertThat(exchange(get("/v1/replays/" + MATCH).bearerAuth(token(BOB))).status().getCode()).isEqualTo(HttpStatus.OK.getCode());
    }

    @Test
    void matchingIfNoneMatchGetsNotModified() {
        HttpResponse<byte[]> response = exchange(get("/v1/replays/" + MATCH).bearerAuth(token(ANN))
                .header(HttpHeaders.IF_NONE_MATCH, '"' + ref.sha256() + '"'));

        assertThat(response.status().getCode()).isEqualTo(HttpStatus.NOT_MODIFIED.getCode());
        assertThat(response.header(HttpHeaders.ETAG)).isEqualTo('"' + ref.sha256() + '"');
    }

    @Test
    void staleIfNoneMatchGetsTheReplay() {
        HttpResponse<byte[]> response = exchange(get("/v1/replays/" + MATCH).bearerAuth(token(ANN))
                .header(HttpHeaders.IF_NONE_MATCH, "\"0000\""));

        assertThat(response.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(response.body()).isEqualTo(replay);
    }

    @Test
    void rangeRequestGetsPartialContent() {
        HttpResponse<byte[]> response = exchange(get("/v1/replays/" + MATCH).bearerAuth(token(ANN))
                .header(HttpHeaders.RANGE, "bytes=10-109"));

        assertThat(response.status().getCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT.getCode());
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(replay, 10, 110));
        assertThat(response.header(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes 10-109/" + replay.length);
    }

    @Test
    void suffixRangeGetsTheTail() {
        HttpResponse<byte[]> response = exchange(get("/v1/replays/" + MATCH).bearerAuth(token(ANN))
                .header(HttpHeaders.RANGE, "bytes=-16"));

        assertThat(response.status().getCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT.getCode());
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(replay, replay.length - 16, replay.length));
    }

    @Test
    void unsatisfiableRangeGets416() {
        for (String range : new String[] {"bytes=" + replay.length + "-", "bytes=50-10", "bytes=0-1,5-9", "items=0-1"}) {
            HttpClientResponseException e = refused(get("/v1/replays/" + MATCH).bearerAuth(token(ANN)).header(HttpHeaders.RANGE, range));
            assertThat(e.getStatus().getCode()).as(range).isEqualTo(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.getCode());
            assertThat(e.getResponse().header(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes */" + replay.length);
        }
    }

    @Test
    void requestWithoutTokenOrShareIsUnauthorized() {
        assertThat(refused(get("/v1/replays/" + MATCH)).getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        assertThat(refused(get("/v1/replays/" + MATCH + "/summary")).getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    @Test
    void forgedTokenIsUnauthorized() {
        String forged = token(ANN);
        forged = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(refused(get("/v1/replays/" + MATCH).bearerAuth(forged)).getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    @Test
    void nonParticipantGetsTheAnswerOfAnUnknownMatch() {
        HttpClientResponseException existing = refused(get("/v1/replays/" + MATCH).bearerAuth(token(EVE)));
        HttpClientResponseException unknown = refused(get("/v1/replays/no-such-match-at-all").bearerAuth(token(EVE)));

        assertThat(existing.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()).isEqualTo(unknown.getStatus().getCode());
        assertThat(existing.getResponse().getBody(ReplayError.class)).isEqualTo(unknown.getResponse().getBody(ReplayError.class));
        assertThat(existing.getResponse().getBody(ReplayError.class)).get().extracting(ReplayError::code).isEqualTo(ReplayError.Code.NOT_FOUND);
    }

    @Test
    void accessIsDecidedFromTheHeaderBeforeTheWholeReplayIsLoaded() throws IOException {
        String damaged = "api-match-damaged";
        byte[] bytes = SyntheticBattle.recordUnchecked(SyntheticBattle.header(damaged, ANN, BOB), 11);
        // stored by another store on the directory, so that this one reads the index from the file
        ReplayRef damagedRef;
        try (FileSystemReplayStore other = new FileSystemReplayStore(replayRoot)) {
            damagedRef = other.put(damaged, bytes);
            other.put(damaged + "-after", SyntheticBattle.recordUnchecked(damaged + "-after", 12)); // the damaged batch is not the tail
        }
        // the bytes no longer match their recorded hash, so loading the replay whole fails; its header reads fine
        corruptRecordedHash(damagedRef.sha256());

        assertThat(refused(get("/v1/replays/" + damaged).bearerAuth(token(EVE))).getStatus().getCode())
                .isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(refused(get("/v1/replays/" + damaged).bearerAuth(token(ANN))).getStatus().getCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR.getCode());
    }

    /** Flips a bit of the hash the segment index records for a replay. */
    private void corruptRecordedHash(String sha256) throws IOException {
        byte[] recorded = java.util.HexFormat.of().parseHex(sha256);
        List<Path> segments;
        try (var files = Files.list(replayRoot.resolve("segments"))) {
            segments = files.filter(path -> path.toString().endsWith(".seg")).toList();
        }
        for (Path segment : segments) {
            byte[] file = Files.readAllBytes(segment);
            for (int i = 0; i + recorded.length <= file.length; i++) {
                if (Arrays.equals(file, i, i + recorded.length, recorded, 0, recorded.length)) {
                    file[i] ^= 0x01;
                    Files.write(segment, file);
                    return;
                }
            }
        }
        throw new AssertionError("hash " + sha256 + " not in any segment");
    }

    @Test
    void unknownMatchIsNotFound() {
        assertThat(refused(get("/v1/replays/no-such-match").bearerAuth(token(ANN))).getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    }

    @Test
    void invalidMatchIdIsBadRequest() {
        assertThat(refused(get("/v1/replays/bad%20id").bearerAuth(token(ANN))).getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    }

    @Test
    void participantSharesALinkThatAnyoneCanUse() {
        ShareLinkView link = http.toBlocking().retrieve(
                HttpRequest.POST("/v1/replays/" + MATCH + "/share", "").bearerAuth(token(BOB)), ShareLinkView.class);

        HttpResponse<byte[]> anonymous = exchange(get(link.path()));
        HttpResponse<byte[]> stranger = exchange(get(link.path()).bearerAuth(token(EVE)));

        assertThat(anonymous.body()).isEqualTo(replay);
        assertThat(stranger.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(link.expiresAt()).isAfter(java.time.Instant.now());
    }

    @Test
    void shareLinkForAnotherMatchOrTamperedGetsTheAnswerOfAnUnknownMatch() {
        store.put("api-match-2", SyntheticBattle.recordUnchecked("api-match-2", 5));
        ShareLinkView link = http.toBlocking().retrieve(
                HttpRequest.POST("/v1/replays/" + MATCH + "/share", "").bearerAuth(token(ANN)), ShareLinkView.class);
        String expiry = link.share().substring(0, link.share().indexOf('.'));
        String signature = link.share().substring(link.share().indexOf('.') + 1);

        assertThat(refused(get("/v1/replays/api-match-2?share=" + link.share())).getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(refused(get("/v1/replays/" + MATCH + "?share=" + (Long.parseLong(expiry) + 3600) + "." + signature)).getStatus().getCode())
                .isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(refused(get("/v1/replays/" + MATCH + "?share=garbage")).getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    }

    @Test
    void nonParticipantCannotMintShareLinks() {
        assertThat(refused(HttpRequest.POST("/v1/replays/" + MATCH + "/share", "").bearerAuth(token(EVE))).getStatus().getCode())
                .isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(refused(HttpRequest.POST("/v1/replays/" + MATCH + "/share", "")).getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    @Test
    void summaryReturnsHeaderAndOutcome() {
        Map<String, Object> summary = http.toBlocking().retrieve(
                get("/v1/replays/" + MATCH + "/summary").bearerAuth(token(ANN)), Argument.mapOf(String.class, Object.class));

        assertThat(summary).containsEntry("matchId", MATCH)
                .containsEntry("formatVersion", io.ludus.replay.format.ReplayFormat.CURRENT_VERSION)
                .containsEntry("contentVersion", "content-2026.11")
                .containsEntry("seed", Long.toString(SyntheticBattle.header(MATCH).seed()))
                .containsEntry("outcome", "TEAM_A_WINS")
                .containsEntry("sha256", ref.sha256());
        assertThat(summary.get("teamA")).asString().contains(ANN, "fireball", "HEALTH_BELOW_PERCENT");
        assertThat(refused(get("/v1/replays/" + MATCH + "/summary").bearerAuth(token(EVE))).getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    }

    private String token(String playerId) {
        return tokens.sign(UUID.fromString(playerId), UUID.randomUUID(), Duration.ofHours(1));
    }

    private static MutableHttpRequest<?> get(String uri) {
        return HttpRequest.GET(uri);
    }

    private HttpResponse<byte[]> exchange(HttpRequest<?> request) {
        return http.toBlocking().exchange(request, byte[].class);
    }

    private HttpClientResponseException refused(HttpRequest<?> request) {
        HttpClientResponseException[] caught = new HttpClientResponseException[1];
        assertThatThrownBy(() -> http.toBlocking().exchange(request, byte[].class))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> caught[0] = e);
        return caught[0];
    }
}
