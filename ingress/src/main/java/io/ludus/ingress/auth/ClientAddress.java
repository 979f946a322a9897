package io.ludus.ingress.auth;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.util.List;

/**
 * The address of the client behind a request: the TCP peer, unless that peer is a configured
 * trusted proxy, in which case the right-most X-Forwarded-For entry that is not itself a trusted
 * proxy. A header from anyone else is ignored, so clients cannot choose their own address.
 */
@Singleton
public class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<AddressRange> trusted;

    ClientAddress(AuthProperties properties) {
        this.trusted = properties.trustedProxies().stream()
                .map(p -> AddressRange.parse("ludus.ingress.auth.trusted-proxies", p)).toList();
    }

    public InetAddress of(HttpRequest<?> request) {
        InetAddress peer = request.getRemoteAddress().getAddress();
        if (peer == null || !isTrusted(peer)) {
            return peer;
        }
        List<String> headers = request.getHeaders().getAll(FORWARDED_FOR);
        InetAddress client = peer;
        for (int h = headers.size() - 1; h >= 0; h--) {
            String[] hops = headers.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                InetAddress hop;
                try {
                    hop = InetAddress.ofLiteral(hops[i].strip());
                } catch (IllegalArgumentException e) {
                    // A garbled entry: trust nothing further left of it.
                    return client;
                }
                client = hop;
                if (!isTrusted(hop)) {
                    return hop;
                }
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        for (AddressRange range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
