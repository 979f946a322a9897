package io.ludus.ingress.auth;

import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The login modes this node offers. Offline login trusts whoever connects from loopback; behind
 * a reverse proxy on the same host every client connects from loopback, so binding anywhere but
 * loopback turns it off unless the operator explicitly allows it.
 */
@Context
public class LoginModes {

    static final String MODES_KEY = "ludus.ingress.auth.modes";

    private final Set<LoginMode> enabled;

    LoginModes(AuthProperties properties, SteamProperties steam, @Value("${micronaut.server.host:}") String host) {
        boolean loopbackBind = isLoopback(host);
        String where = host.isBlank() ? "every interface (micronaut.server.host unset)" : host;
        Set<LoginMode> modes = EnumSet.noneOf(LoginMode.class);
        properties.modes().forEach(mode -> modes.add(LoginMode.parse(mode)));
        if (properties.modes().isEmpty()) {
            if (loopbackBind || properties.allowRemoteOffline()) {
                modes.add(LoginMode.OFFLINE);
            } else {
                throw new IllegalArgumentException(MODES_KEY + " is not set and the server binds " + where
                        + ", which turns offline login off: list password and/or steam (or set ludus.ingress.auth.allow-remote-offline=true)");
            }
        }
        if (modes.contains(LoginMode.OFFLINE) && !loopbackBind && !properties.allowRemoteOffline()) {
            throw new IllegalArgumentException(MODES_KEY + " lists offline but the server binds " + where
                    + "; a reverse proxy on this host would make every client look local. Remove offline, or set "
                    + "ludus.ingress.auth.allow-remote-offline=true if you accept that");
        }
        if (modes.contains(LoginMode.STEAM)) {
            steam.requireComplete();
        }
        this.enabled = Set.copyOf(modes);
    }

    public Set<LoginMode> enabled() {
        return enabled;
    }

    /** Throws LOGIN_MODE_DISABLED unless this deployment offers {@code mode}. */
    public void require(LoginMode mode) {
        if (!enabled.contains(mode)) {
            throw new ApiException(ApiErrorCode.LOGIN_MODE_DISABLED, mode.wireName() + " login is not offered by this server");
        }
    }

    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host.strip())) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
