package io.ludus.ingress.auth;

import io.ludus.ingress.account.Account;
import io.ludus.ingress.account.AccountRepository;
import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Password mode for custom servers: a name and a password, no email and no self-service reset
 * (the server admin resets with {@code ludus admin reset-password NAME}). Names follow the offline
 * rules and are unique whatever their case.
 */
@Singleton
public class PasswordAuthenticator implements Authenticator<PasswordCredentials> {

    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 128;

    private final AccountRepository accounts;
    private final PasswordHasher hasher;

    PasswordAuthenticator(AccountRepository accounts, PasswordHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
    }

    public Account register(PasswordCredentials credentials) {
        String name = OfflineAuthenticator.checkName(credentials.name());
        String password = checkPassword(credentials.password(), name);
        return accounts.registerPassword(name, hasher.hash(password))
                .orElseThrow(() -> new ApiException(ApiErrorCode.NAME_TAKEN, "an account named '" + name + "' exists"));
    }

    @Override
    public Account authenticate(PasswordCredentials credentials, InetAddress client) {
        String name = credentials.name();
        String password = credentials.password();
        if (name == null || password == null || password.length() > MAX_PASSWORD * 2) {
            throw invalid();
        }
        Optional<AccountRepository.PasswordAccount> found = accounts.findPassword(name);
        if (found.isEmpty()) {
            hasher.burn(password);
            throw invalid();
        }
        if (!hasher.verify(password, found.get().passwordHash())) {
            throw invalid();
        }
        return found.get().account();
    }

    /** Length only (8 to 128 characters, not the name): no composition rules, as NIST SP 800-63B advises. */
    public static String checkPassword(String password, String name) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            throw new ApiException(ApiErrorCode.INVALID_PASSWORD, "password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        if (password.equalsIgnoreCase(name)) {
            throw new ApiException(ApiErrorCode.INVALID_PASSWORD, "password must not be the name");
        }
        return password;
    }

    private static ApiException invalid() {
        return new ApiException(ApiErrorCode.INVALID_CREDENTIALS, "unknown name or wrong password");
    }
}
