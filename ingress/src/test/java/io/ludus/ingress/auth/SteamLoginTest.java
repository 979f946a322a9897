package io.ludus.ingress.auth;

import com.sun.net.httpserver.HttpServer;
import io.ludus.ingress.Http;
import io.ludus.ingress.IngressInfrastructure;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steam login against a local server speaking the Steam Web API's JSON. Tickets name the answer:
 * "0a" valid and owned, "0b" invalid, "0c" VAC banned, "0d" publisher banned, "0e" not owned.
 */
@Tag("integration")
@Timeout(120)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SteamLoginTest implements TestPropertyProvider {

    static final String KEY = "SECRET-STEAM-KEY-123";
    static final long APP = 480;

    @Inject
    EmbeddedServer server;

    private HttpServer steam;
    private final List<URI> calls = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        try {
            steam = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        steam.createContext("/ISteamUserAuth/AuthenticateUserTicket/v1/", exchange -> {
            calls.add(exchange.getRequestURI());
            Map<String, String> q = query(exchange.getRequestURI());
            String body;
            if (!KEY.equals(q.get("key"))) {
                exchange.sendResponseHeaders(403, -1);
                exchange.close();
                return;
            }
            String steamId = "76561198000000" + Integer.parseInt(q.get("ticket"), 16);
            body = switch (q.get("ticket")) {
                case "0b" -> "{\"response\":{\"error\":{\"errorcode\":101,\"errordesc\":\"Invalid ticket\"}}}";
                case "0c" -> ok(steamId, true, false);
                case "0d" -> ok(steamId, false, true);
                default -> ok(steamId, false, false);
            };
            respond(exchange, body);
        });
        steam.createContext("/ISteamUser/CheckAppOwnership/v4/", exchange -> {
            calls.add(exchange.getRequestURI());
            Map<String, String> q = query(exchange.getRequestURI());
            boolean owns = !q.get("steamid").endsWith("14") && String.valueOf(APP).equals(q.get("appid"));
            respond(exchange, "{\"appownership\":{\"ownsapp\":" + owns + ",\"permanent\":false,\"timestamp\":\"2026-01-01T00:00:00Z\","
                    + "\"ownersteamid\":\"" + q.get("steamid") + "\",\"sitelicense\":false,\"result\":\"OK\"}}");
        });
        steam.start();
        Map<String, String> properties = new HashMap<>(IngressInfrastructure.properties());
        properties.put("ludus.ingress.auth.modes", "steam");
        properties.put("ludus.ingress.steam.api-url", "http://127.0.0.1:" + steam.getAddress().getPort());
        properties.put("ludus.ingress.steam.web-api-key", KEY);
        properties.put("ludus.ingress.steam.app-id", Long.toString(APP));
        return properties;
    }

    @AfterAll
    void stopSteam() {
        steam.stop(0);
    }

    @Test
    void aValidTicketOfAnOwnerLogsInAsTheSteamAccount() {
        HttpResponse<String> first = login("0a");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(Http.json(first)).containsKeys("accessToken", "refreshToken");
        assertThat(Http.json(login("0a")).get("playerId")).as("same Steam account, same player").isEqualTo(Http.json(first).get("playerId"));
        assertThat(calls).anySatisfy(uri -> assertThat(uri.getQuery()).contains("appid=480", "ticket=0a"));
    }

    @Test
    void anInvalidTicketIsRefused() {
        assertRefused(login("0b"), 401, "STEAM_TICKET_INVALID");
        assertRefused(login("not hex"), 401, "STEAM_TICKET_INVALID");
        assertRefused(login("ab".repeat(1300)), 401, "STEAM_TICKET_INVALID");
    }

    @Test
    void bannedAccountsAreRefused() {
        assertRefused(login("0c"), 403, "STEAM_BANNED");
        assertRefused(login("0d"), 403, "STEAM_BANNED");
    }

    @Test
    void anAccountThatDoesNotOwnTheGameIsRefused() {
        assertRefused(login("0e"), 403, "STEAM_APP_NOT_OWNED");
    }

    @Test
    void offlineLoginIsOffWhenOnlySteamIsListed() {
        assertRefused(Http.post(server.getURL(), "/v1/auth/offline", "{\"name\":\"uma\"}"), 404, "LOGIN_MODE_DISABLED");
    }

    @Test
    void theKeyNeverReachesAClient() {
        for (String ticket : new String[] {"0a", "0b", "0c", "0e", "zz"}) {
            assertThat(login(ticket).body()).doesNotContain(KEY);
        }
    }

    private HttpResponse<String> login(String ticket) {
        return Http.post(server.getURL(), "/v1/auth/steam", "{\"ticket\":\"" + ticket + "\"}");
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Http.json(response)).containsEntry("code", code);
    }

    private static String ok(String steamId, boolean vac, boolean publisher) {
        return "{\"response\":{\"params\":{\"result\":\"OK\",\"steamid\":\"" + steamId + "\",\"ownersteamid\":\"" + steamId
                + "\",\"vacbanned\":" + vac + ",\"publisherbanned\":" + publisher + "}}}";
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
