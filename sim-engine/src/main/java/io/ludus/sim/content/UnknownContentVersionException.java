package io.ludus.sim.content;

/** No content pack with this version (content hash) is known to this engine build. */
public final class UnknownContentVersionException extends RuntimeException {
    private final String contentVersion;

    public UnknownContentVersionException(String contentVersion) {
        super("unknown content version " + contentVersion);
        this.contentVersion = contentVersion;
    }

    public String contentVersion() {
        return contentVersion;
    }
}
