package io.ludus.projections.api;

import io.ludus.projections.readmodel.ReadModelHarness;
import io.ludus.projections.service.ReadModels;
import io.ludus.security.AccessTokens;
import io.ludus.testkit.LudusInfra;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestPostgres;
import io.ludus.testkit.TestSchemaRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.ludus.projections.readmodel.ReadModelHarness.player;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(240)
@LudusInfra
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiTest {

    static final String SECRET = "test-only-jwt-secret-of-at-least-256-bits-0123456789";
    static final String OPERATOR_PASSWORD = "operator-password-for-query-tests";
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    private ApplicationContext context;
    private HttpClient client;
    private BlockingHttpClient http;
    private ReadModelHarness harness;

    @BeforeAll
    void start(TestKafka kafka, TestSchemaRegistry registry, TestPostgres postgres) throws Exception {
        TestDatabase db = postgres.freshDatabase();
        harness = ReadModelHarness.create(kafka, registry.url(), "api");
        harness.produce(ReadModelHarness.scenario(10, 150));
        context = ApplicationContext.run(properties(db, kafka, registry, harness.prefix));
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        client = HttpClient.create(server.getURL());
        http = client.toBlocking();
        harness.awaitApplied(db.dataSource(), Duration.ofSeconds(120));
    }

    static Map<String, Object> properties(TestDatabase db, TestKafka kafka, TestSchemaRegistry registry, String prefix) {
        Map<String, Object> p = new HashMap<>(io.ludus.projections.ProjectionsMain.ENDPOINTS);
        p.put("micronaut.server.port", -1);
        p.put("datasources.projections.url", db.jdbcUrl());
        p.put("datasources.projections.username", db.user());
        p.put("datasources.projections.password", db.password());
        p.put("datasources.projections.driver-class-name", "org.postgresql.Driver");
        p.put("ludus.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("ludus.registry.url", registry.url());
        p.put("ludus.projections.topic-prefix", prefix);
        p.put("ludus.projections.poll-timeout", "100ms");
        p.put("ludus.projections.seasons", List.of("s1=2026-09-01T00:00:00Z/2026-12-01T00:00:00Z"));
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", SECRET);
        p.put("ludus.management.password", OPERATOR_PASSWORD);
        return p;
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (context != null) {
            context.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyRouteRequiresAuthenticationAndManagementRoutesTheOperator() {
        List<UriRouteInfo<?, ?>> routes = context.getBean(Router.class).uriRoutes().toList();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(13);
        Set<String> management = new TreeSet<>();
        for (UriRouteInfo<?, ?> route : routes) {
            String uri = route.getUriMatchTemplate().expand(Map.of("playerId", player(1), "reportId", "00000000-0000-0000-0000-000000000000"));
            if (uri.equals("/health") || uri.startsWith("/health/")) {
                continue;
            }
            assertThat(status(request(route, uri))).as("%s %s without a token", route.getHttpMethod(), uri).isEqualTo(401);
            if (!route.getTargetMethod().getDeclaringType().isAnnotationPresent(Endpoint.class)) {
                if (!uri.startsWith("/v1/reports")) {
                    assertThat(status(request(route, uri).basicAuth("operator", OPERATOR_PASSWORD)))
                            .as("%s %s: the operator's credential opens no player route", route.getHttpMethod(), uri).isEqualTo(401);
                }
                continue;
            }
            management.add(route.getHttpMethod() + " " + uri);
            assertThat(status(request(route, uri).bearerAuth(token(player(1))))).as("%s %s with a player token", route.getHttpMethod(), uri)
                    .isEqualTo(403);
            assertThat(status(request(route, uri).basicAuth("operator", "not-the-operator-password"))).as("%s %s, wrong password", route.getHttpMethod(), uri)
                    .isEqualTo(401);
            assertThat(status(request(route, uri).basicAuth("operator", OPERATOR_PASSWORD))).as("%s %s as the operator", route.getHttpMethod(), uri)
                    .isEqualTo(200);
        }
        assertThat(management).contains("GET /prometheus");
        assertThat(http.exchange(HttpRequest.GET("/prometheus").basicAuth("operator", OPERATOR_PASSWORD), String.class).body()).contains("jvm_");
        // open: UP or DOWN, whatever this test context reports, never 401
        assertThat(status(HttpRequest.GET("/health"))).as("health stays open").isIn(200, 503);
    }

    private static MutableHttpRequest<Object> request(UriRouteInfo<?, ?> route, String uri) {
        MutableHttpRequest<Object> request = HttpRequest.create(route.getHttpMethod(), uri);
        if (route.getHttpMethod() == HttpMethod.PUT) {
            request.body(Map.of("status", "closed"));
        }
        return request;
    }

    @Test
    void anyPlayerReadsAnyPlayersStatsRatingHistoryAndReplays() {
        for (String path : List.of("/stats", "/rating", "/matches", "/replays")) {
            assertThat(status(HttpRequest.GET("/v1/players/" + player(3) + path))).as(path + " without token").isEqualTo(401);
            assertThat(status(HttpRequest.GET("/v1/players/" + player(3) + path).bearerAuth(token(player(1))))).as(path).isEqualTo(200);
        }
        Map<String, Object> stats = get("/v1/players/" + player(3) + "/stats", player(1));
        Map<String, Object> overall = map(stats.get("overall"));
        assertThat(((Number) overall.get("matches")).longValue()).isPositive();
        assertThat(list(overall.get("mostPlayedClasses"))).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        // the overall line is the sum of the queue lines, classes included
        for (String field : List.of("matches", "wins", "losses", "draws", "kills", "deaths", "damageDealt", "healingDone")) {
            long sum = list(stats.get("queues")).stream().mapToLong(q -> ((Number) map(q).get(field)).longValue()).sum();
            assertThat(((Number) overall.get(field)).longValue()).as(field).isEqualTo(sum);
        }
        long topClassUnits = ((Number) map(list(overall.get("mostPlayedClasses")).getFirst()).get("units")).longValue();
        String topClass = (String) map(list(overall.get("mostPlayedClasses")).getFirst()).get("classId");
        long unitsOverQueues = list(stats.get("queues")).stream().flatMap(q -> list(map(q).get("mostPlayedClasses")).stream())
                .map(QueryApiTest::map).filter(c -> topClass.equals(c.get("classId")))
                .mapToLong(c -> ((Number) c.get("units")).longValue()).sum();
        assertThat(topClassUnits).isEqualTo(unitsOverQueues);
        assertThat(overall.get("queueId")).isEqualTo("*");
        assertThat(stats.get("displayName")).isEqualTo("Player 3");
        assertThat(list(stats.get("queues"))).extracting(q -> map(q).get("queueId")).contains("ranked-1v1", "casual-3v3");
    }

    @Test
    void matchHistoryIsNewestFirstWithRatingChangeAndPagesByCursor() {
        Map<String, Object> first = get("/v1/players/" + player(0) + "/matches?limit=5", player(4));
        List<Object> entries = list(first.get("entries"));
        assertThat(entries).hasSize(5);
        List<String> times = entries.stream().map(e -> (String) map(e).get("completedAt")).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        Map<String, Object> ranked = entries.stream().map(QueryApiTest::map).filter(e -> Boolean.TRUE.equals(e.get("ranked"))).findFirst().orElseThrow();
        assertThat(ranked.get("ratingChange")).isNotNull();
        Map<String, Object> second = get("/v1/players/" + player(0) + "/matches?limit=5&after=" + first.get("next"), player(4));
        String lastOfFirst = times.getLast();
        assertThat(list(second.get("entries"))).allSatisfy(e -> assertThat((String) map(e).get("completedAt")).isLessThanOrEqualTo(lastOfFirst));
        assertThat(status(HttpRequest.GET("/v1/players/" + player(0) + "/matches?after=garbage!").bearerAuth(token(player(4))))).isEqualTo(400);
    }

    @Test
    void leaderboardsRankByRatingAndPageByKeyset() {
        for (String board : List.of("", "?queue=ranked-1v1", "?season=s1", "?season=s1&queue=ranked-1v1")) {
            assertThat(status(HttpRequest.GET("/v1/leaderboards" + board))).isEqualTo(401);
            Map<String, Object> page = get("/v1/leaderboards" + board + (board.isEmpty() ? "?" : "&") + "limit=4", player(5));
            List<Object> entries = list(page.get("entries"));
            assertThat(entries).as(board).hasSize(4);
            assertThat(entries).extracting(e -> ((Number) map(e).get("rank")).longValue()).containsExactly(1L, 2L, 3L, 4L);
            List<Double> ratings = entries.stream().map(e -> ((Number) map(e).get("rating")).doubleValue()).toList();
            assertThat(ratings).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            Map<String, Object> next = get("/v1/leaderboards" + board + (board.isEmpty() ? "?" : "&") + "limit=4&after=" + page.get("next"), player(5));
            assertThat(list(next.get("entries"))).extracting(e -> ((Number) map(e).get("rank")).longValue()).startsWith(5L);
        }
        assertThat(status(HttpRequest.GET("/v1/leaderboards?season=nope").bearerAuth(token(player(1))))).isEqualTo(404);
        assertThat(status(HttpRequest.GET("/v1/leaderboards/seasons"))).isEqualTo(401);
        List<Object> seasons = http.exchange(HttpRequest.GET("/v1/leaderboards/seasons").bearerAuth(token(player(1))), Argument.listOf(Object.class)).body();
        assertThat(seasons).extracting(s -> map(s).get("id")).containsExactly("s1");
    }

    @Test
    void aroundMeIsTheCallersNeighbourhoodWithConsecutiveRanks() {
        assertThat(status(HttpRequest.GET("/v1/leaderboards/around-me"))).isEqualTo(401);
        Map<String, Object> around = get("/v1/leaderboards/around-me?radius=2", player(4));
        Map<String, Object> me = map(around.get("me"));
        assertThat(me.get("playerId")).isEqualTo(player(4));
        long rank = ((Number) me.get("rank")).longValue();
        Map<String, Object> rating = get("/v1/players/" + player(4) + "/rating", player(4));
        assertThat(((Number) rating.get("globalRank")).longValue()).isEqualTo(rank);
        List<Long> ranks = new java.util.ArrayList<>();
        list(around.get("above")).forEach(e -> ranks.add(((Number) map(e).get("rank")).longValue()));
        ranks.add(rank);
        list(around.get("below")).forEach(e -> ranks.add(((Number) map(e).get("rank")).longValue()));
        for (int i = 1; i < ranks.size(); i++) {
            assertThat(ranks.get(i)).isEqualTo(ranks.get(i - 1) + 1);
        }
        assertThat(ranks).contains(rank).hasSizeGreaterThan(1);
        assertThat(status(HttpRequest.GET("/v1/leaderboards/around-me").bearerAuth(token(UUID.randomUUID().toString())))).isEqualTo(404);
    }

    @Test
    void friendsRequestsAndBlocksAreVisibleToTheirOwnerOnly() {
        for (String path : List.of("/v1/me/friends", "/v1/me/friend-requests/incoming", "/v1/me/friend-requests/outgoing", "/v1/me/blocks")) {
            assertThat(status(HttpRequest.GET(path))).as(path).isEqualTo(401);
        }
        // scenario: 0 and 1 are friends, 2 requested 3 (pending), 2 blocked 0
        assertThat(contacts("/v1/me/friends", player(0))).containsExactly(player(1));
        assertThat(contacts("/v1/me/friends", player(1))).containsExactly(player(0));
        assertThat(contacts("/v1/me/friends", player(3))).isEmpty();
        assertThat(contacts("/v1/me/friend-requests/outgoing", player(2))).containsExactly(player(3));
        assertThat(contacts("/v1/me/friend-requests/incoming", player(3))).containsExactly(player(2));
        assertThat(contacts("/v1/me/friend-requests/incoming", player(2))).isEmpty();
        assertThat(contacts("/v1/me/blocks", player(2))).containsExactly(player(0));
        assertThat(contacts("/v1/me/blocks", player(0))).isEmpty();
        // a player id in the query is ignored: identity comes from the token's subject only
        assertThat(contacts("/v1/me/blocks?playerId=" + player(2), player(0))).isEmpty();
    }

    @Test
    void reportsInboxIsForOperatorsOnly() {
        assertThat(status(HttpRequest.GET("/v1/reports"))).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/v1/reports").bearerAuth(token(player(1))))).isEqualTo(403);
        Map<String, Object> inbox = http.exchange(HttpRequest.GET("/v1/reports?status=new").basicAuth("operator", OPERATOR_PASSWORD), JSON).body();
        List<Object> reports = list(inbox.get("reports"));
        assertThat(reports).isNotEmpty().allSatisfy(r -> assertThat(map(r).get("status")).isEqualTo("new"));
        String id = (String) map(reports.getFirst()).get("reportId");

        MutableHttpRequest<Object> byPlayer = HttpRequest.PUT("/v1/reports/" + id + "/status", (Object) Map.of("status", "triaged")).bearerAuth(token(player(1)));
        assertThat(status(byPlayer)).isEqualTo(403);
        Map<String, Object> updated = http.exchange(HttpRequest.PUT("/v1/reports/" + id + "/status", (Object) Map.of("status", "triaged"))
                .basicAuth("operator", OPERATOR_PASSWORD), JSON).body();
        assertThat(updated.get("status")).isEqualTo("triaged");
        assertThat(updated.get("statusUpdatedBy")).isEqualTo("operator");
        Map<String, Object> triaged = http.exchange(HttpRequest.GET("/v1/reports?status=triaged").basicAuth("operator", OPERATOR_PASSWORD), JSON).body();
        assertThat(list(triaged.get("reports"))).extracting(r -> map(r).get("reportId")).containsExactly(id);
        assertThat(status(HttpRequest.PUT("/v1/reports/" + id + "/status", (Object) Map.of("status", "bogus")).basicAuth("operator", OPERATOR_PASSWORD))).isEqualTo(400);
    }

    @Test
    void projectorsRunInTheServiceContext() {
        assertThat(context.getBean(ReadModels.class).projectors()).hasSize(6);
    }

    private List<String> contacts(String path, String owner) {
        Map<String, Object> body = get(path, owner);
        assertThat(body.get("playerId")).isEqualTo(owner);
        return list(body.get("players")).stream().map(c -> (String) map(c).get("playerId")).toList();
    }

    private Map<String, Object> get(String path, String subject) {
        HttpResponse<Map<String, Object>> response = http.exchange(HttpRequest.GET(path).bearerAuth(token(subject)), JSON);
        return response.body();
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            return http.exchange(request, String.class).code();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    /** A token as ingress issues it at login, for the player whose id is {@code subject}. */
    private String token(String subject) {
        return context.getBean(AccessTokens.class).sign(UUID.fromString(subject), UUID.randomUUID(), Duration.ofMinutes(10));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

}
