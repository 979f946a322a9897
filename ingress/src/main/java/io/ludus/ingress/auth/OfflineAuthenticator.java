package io.ludus.ingress.auth;

import io.ludus.ingress.account.Account;
import io.ludus.ingress.account.AccountRepository;
import io.ludus.ingress.account.AuthProvider;
import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * Offline mode: whoever sits at the machine names themselves. Only loopback clients may do so,
 * so a server reachable from the network never hands out accounts for a bare name. Behind a
 * trusted proxy the client is the forwarded address, not the proxy.
 */
@Singleton
public class OfflineAuthenticator implements Authenticator<OfflineCredentials> {

    static final int MIN_NAME = 3;
    static final int MAX_NAME = 24;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{" + MIN_NAME + "," + MAX_NAME + "}");

    private final AccountRepository accounts;

    OfflineAuthenticator(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public Account authenticate(OfflineCredentials credentials, InetAddress client) {
        if (client == null || !client.isLoopbackAddress()) {
            throw new ApiException(ApiErrorCode.LOOPBACK_ONLY, "offline login is only open to clients on this machine");
        }
        return accounts.findOrCreate(AuthProvider.OFFLINE, checkName(credentials.name()));
    }

    /** Names: 3 to 24 of A-Z, a-z, 0-9, '_' and '-'. */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ApiException(ApiErrorCode.INVALID_NAME,
                    "name must be " + MIN_NAME + " to " + MAX_NAME + " characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return name;
    }
}
