package io.ludus.ingress.auth;

import io.ludus.ingress.account.Account;
import io.ludus.ingress.account.AccountRepository;
import io.ludus.ingress.account.AuthProvider;
import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;

/**
 * Offline mode: whoever sits at the machine names themselves. Only loopback peers may do so,
 * so a server reachable from the network never hands out accounts for a bare name.
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
    public Account authenticate(OfflineCredentials credentials, InetSocketAddress remoteAddress) {
        if (!isLoopback(remoteAddress)) {
            throw new ApiException(ApiErrorCode.LOOPBACK_ONLY, "offline login is only open to clients on this machine");
        }
        String name = credentials.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ApiException(ApiErrorCode.INVALID_NAME,
                    "name must be " + MIN_NAME + " to " + MAX_NAME + " characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return accounts.findOrCreate(AuthProvider.OFFLINE, name);
    }

    static boolean isLoopback(InetSocketAddress remoteAddress) {
        return remoteAddress != null && remoteAddress.getAddress() != null && remoteAddress.getAddress().isLoopbackAddress();
    }
}
