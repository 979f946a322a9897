package io.ludus.loadtest.swarm;

import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.InvalidOptionException;
import io.ludus.tools.cli.ToolException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Whom a swarm may load: loopback, or a host the operator listed as the project's own (--allow-host /
 * LUDUS_SWARM_ALLOW). Anything else is refused before a single connection is made.
 */
record TargetPolicy(Set<String> allowedHosts) {

    /** A target the policy accepted; {@code loopback} decides offline login vs password accounts. */
    record Target(URI http, URI webSocket, boolean loopback) {}

    Target check(URI url) {
        if (url == null || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new InvalidOptionException("--url", "must be an http(s) URL with a host, was " + url);
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        boolean loopback = isLoopback(host);
        if (!loopback && !allowedHosts.contains(host)) {
            throw new ToolException(ExitCode.REFUSED, "refusing to load " + host + ": a swarm targets only loopback or the "
                    + "project's own hosts; add it with --allow-host " + host + " (or LUDUS_SWARM_ALLOW) if it is yours");
        }
        String ws = ("https".equals(url.getScheme()) ? "wss" : "ws") + "://" + url.getRawAuthority() + "/v1/ws";
        return new Target(url.resolve("/"), URI.create(ws), loopback);
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            // only literal addresses: a name is not resolved here, so DNS cannot turn an unknown host into loopback
            return looksLikeAddress(host) && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean looksLikeAddress(String host) {
        return host.matches("[0-9.]+") || host.startsWith("[") || host.contains(":");
    }
}
