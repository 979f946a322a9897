package io.ludus.ingress.account;

/** How an account proves who it is. The stored value is {@link #id()}: append only. */
public enum AuthProvider {
    OFFLINE("offline"),
    PASSWORD("password"),
    /** The name is the SteamID64. */
    STEAM("steam");

    private final String id;

    AuthProvider(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
