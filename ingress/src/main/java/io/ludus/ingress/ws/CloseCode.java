package io.ludus.ingress.ws;

/** Why the server closed a socket: the WebSocket close code clients switch on. Append only. */
public enum CloseCode {
    /** The client sent nothing, not even a pong, for ping-interval + pong-timeout. Reconnect. */
    PING_TIMEOUT(4001),
    /** The client sent no frame for idle-timeout. Reconnect when needed. */
    IDLE_TIMEOUT(4002),
    /** The client did not read fast enough and its outbound queue overflowed. Reconnect and resume. */
    SLOW_CONSUMER(4003),
    /** The client kept sending frames over the rate limit. */
    RATE_LIMIT_EXCEEDED(4004),
    /** The player opened more sockets than allowed; this, the oldest, was closed. */
    SESSION_REPLACED(4005),
    /** The login was ended (logout, revoked refresh family). Log in again. */
    SESSION_REVOKED(4006),
    /** The account was banned. */
    ACCOUNT_BANNED(4007),
    /** This node holds as many sockets as it may. Retry later, maybe on another node (1013 Try Again Later). */
    NODE_FULL(1013),
    /** The server is shutting down (1001 Going Away). Reconnect and resume. */
    GOING_AWAY(1001);

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
