package io.ludus.ingress.auth;

import io.ludus.ingress.account.Account;

import java.net.InetSocketAddress;

/**
 * Proves who a client is from one kind of credentials and returns its account, or throws
 * {@link io.ludus.ingress.http.ApiException}. Offline login is the first; Steam tickets and
 * passwords will be others.
 *
 * @param <C> the credentials this authenticator understands
 */
public interface Authenticator<C> {

    /** {@code remoteAddress} is the peer of the TCP connection, never a forwarded header. */
    Account authenticate(C credentials, InetSocketAddress remoteAddress);
}
