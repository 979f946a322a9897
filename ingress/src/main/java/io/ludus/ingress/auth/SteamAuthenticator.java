package io.ludus.ingress.auth;

import io.ludus.ingress.account.Account;
import io.ludus.ingress.account.AccountRepository;
import io.ludus.ingress.account.AuthProvider;
import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Steam mode: the client's session ticket is checked with ISteamUserAuth/AuthenticateUserTicket,
 * bans refuse, then ISteamUser/CheckAppOwnership must say the account owns the game. The account
 * name is the SteamID64. The Web API key goes only into the request URL, which is never logged.
 */
@Singleton
public class SteamAuthenticator implements Authenticator<SteamCredentials> {

    private static final Logger LOG = LoggerFactory.getLogger(SteamAuthenticator.class);
    /** Web API tickets are a few hundred bytes, hex encoded; this leaves room and fits the auth body cap. */
    static final int MAX_TICKET_CHARS = 2560;
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
    private static final Pattern STEAM_ID = Pattern.compile("[0-9]{1,20}");

    private final SteamProperties steam;
    private final AccountRepository accounts;
    private final JsonMapper json;
    private final HttpClient http;

    SteamAuthenticator(SteamProperties steam, AccountRepository accounts, JsonMapper json) {
        this.steam = steam;
        this.accounts = accounts;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(steam.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Account authenticate(SteamCredentials credentials, InetAddress client) {
        String ticket = credentials.ticket();
        if (ticket == null || ticket.length() > MAX_TICKET_CHARS || !HEX.matcher(ticket).matches()) {
            throw new ApiException(ApiErrorCode.STEAM_TICKET_INVALID, "ticket must be the hex session ticket, at most " + MAX_TICKET_CHARS + " characters");
        }
        StringBuilder query = new StringBuilder("ISteamUserAuth/AuthenticateUserTicket/v1/?appid=").append(steam.appId())
                .append("&ticket=").append(ticket);
        if (steam.identity() != null) {
            query.append("&identity=").append(URLEncoder.encode(steam.identity(), StandardCharsets.UTF_8));
        }
        JsonNode params = call("AuthenticateUserTicket", query.toString()).get("response");
        JsonNode result = params == null ? null : params.get("params");
        if (result == null || !"OK".equals(text(result, "result"))) {
            throw new ApiException(ApiErrorCode.STEAM_TICKET_INVALID, "Steam did not accept the ticket");
        }
        String steamId = text(result, "steamid");
        if (steamId == null || !STEAM_ID.matcher(steamId).matches()) {
            throw new ApiException(ApiErrorCode.STEAM_TICKET_INVALID, "Steam answered without a SteamID");
        }
        if (flag(result, "publisherbanned") || (!steam.allowVacBanned() && flag(result, "vacbanned"))) {
            throw new ApiException(ApiErrorCode.STEAM_BANNED, "this Steam account is banned");
        }
        JsonNode ownership = call("CheckAppOwnership", "ISteamUser/CheckAppOwnership/v4/?appid=" + steam.appId() + "&steamid=" + steamId)
                .get("appownership");
        if (ownership == null || !flag(ownership, "ownsapp")) {
            throw new ApiException(ApiErrorCode.STEAM_APP_NOT_OWNED, "this Steam account does not own the game");
        }
        return accounts.findOrCreate(AuthProvider.STEAM, steamId);
    }

    private JsonNode call(String method, String pathAndQuery) {
        String base = steam.apiUrl().endsWith("/") ? steam.apiUrl() : steam.apiUrl() + "/";
        URI uri = URI.create(base + pathAndQuery + "&key=" + URLEncoder.encode(steam.webApiKey(), StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(steam.timeout()).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warn("Steam {} unreachable: {}", method, e.getClass().getSimpleName());
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            LOG.error("Steam {} refused the Web API key (HTTP {}): check ludus.ingress.steam.web-api-key", method, response.statusCode());
            throw unavailable();
        }
        if (response.statusCode() / 100 != 2) {
            LOG.warn("Steam {} answered HTTP {}", method, response.statusCode());
            throw unavailable();
        }
        try {
            JsonNode body = json.readValue(response.body(), Argument.of(JsonNode.class));
            if (body == null || !body.isObject()) {
                throw new IOException("not an object");
            }
            return body;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Steam {} answered something that is not JSON", method);
            throw unavailable();
        }
    }

    private static ApiException unavailable() {
        return new ApiException(ApiErrorCode.UNAVAILABLE, "Steam could not be asked; try again");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }

    private static boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isBoolean() && value.getBooleanValue();
    }
}
