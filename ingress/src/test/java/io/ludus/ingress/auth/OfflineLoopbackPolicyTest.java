package io.ludus.ingress.auth;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineLoopbackPolicyTest {

    @Test
    void acceptsIpv4AndIpv6Loopback() {
        assertThat(OfflineAuthenticator.isLoopback(new InetSocketAddress("127.0.0.1", 5000))).isTrue();
        assertThat(OfflineAuthenticator.isLoopback(new InetSocketAddress("127.8.9.10", 5000))).isTrue();
        assertThat(OfflineAuthenticator.isLoopback(new InetSocketAddress("::1", 5000))).isTrue();
    }

    @Test
    void rejectsPrivatePublicAndUnresolvedPeers() {
        assertThat(OfflineAuthenticator.isLoopback(new InetSocketAddress("10.0.0.7", 5000))).isFalse();
        assertThat(OfflineAuthenticator.isLoopback(new InetSocketAddress("203.0.113.9", 5000))).isFalse();
        assertThat(OfflineAuthenticator.isLoopback(new InetSocketAddress("fe80::1", 5000))).isFalse();
        assertThat(OfflineAuthenticator.isLoopback(InetSocketAddress.createUnresolved("localhost", 5000))).isFalse();
        assertThat(OfflineAuthenticator.isLoopback(null)).isFalse();
    }
}
