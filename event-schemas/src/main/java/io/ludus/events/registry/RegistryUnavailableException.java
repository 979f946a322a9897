package io.ludus.events.registry;

import java.net.URI;

/** The registry could not be reached or answered with a server error; retrying later may succeed. */
public final class RegistryUnavailableException extends SchemaRegistryException {

    private final URI url;

    RegistryUnavailableException(URI url, String detail, Throwable cause) {
        super("schema registry at " + url + " is unavailable: " + detail, cause);
        this.url = url;
    }

    public URI url() {
        return url;
    }
}
