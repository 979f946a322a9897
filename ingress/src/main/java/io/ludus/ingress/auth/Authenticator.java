package io.ludus.ingress.auth;

import io.ludus.ingress.account.Account;

import java.net.InetAddress;

/**
 * Proves who a client is from one kind of credentials and returns its account, or throws
 * {@link io.ludus.ingress.http.ApiException}.
 *
 * @param <C> the credentials this authenticator understands
 */
public interface Authenticator<C> {

    /** {@code client} is the client's address as {@link ClientAddress} resolves it. */
    Account authenticate(C credentials, InetAddress client);
}
