package io.ludus.replay.api;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** Share tokens {@code <expiryEpochSeconds>.<base64url HMAC-SHA256(matchId "\n" expiry)>}. */
public final class ShareLinks {

    private static final int MAX_TOKEN_CHARS = 128;

    public record ShareLink(String matchId, String token, Instant expiresAt) {}

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    public ShareLinks(byte[] secret, Duration lifetime, Clock clock) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public ShareLink create(String matchId) {
        long expiry = clock.instant().plus(lifetime).getEpochSecond();
        return new ShareLink(matchId, expiry + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(matchId, expiry)),
                Instant.ofEpochSecond(expiry));
    }

    /** True only for an unexpired token minted for this match. */
    public boolean isValid(String matchId, String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long expiry;
        byte[] signature;
        try {
            expiry = Long.parseLong(token, 0, dot, 10);
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return clock.instant().getEpochSecond() < expiry && MessageDigest.isEqual(signature, mac(matchId, expiry));
    }

    private byte[] mac(String matchId, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((matchId + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
