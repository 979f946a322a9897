package io.ludus.projections.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque keyset cursors: the sort key of the last row of a page, base64url of "first|second". */
final class Cursor {

    private Cursor() {
    }

    static String encode(String first, String second) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((first + "|" + second).getBytes(StandardCharsets.UTF_8));
    }

    /** The two parts, or null for no cursor. */
    static String[] decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw new QueryException(QueryErrorCode.INVALID_CURSOR, "not a cursor of this list: " + cursor);
        }
    }

    static int limit(Integer limit, int defaultLimit, int max) {
        int value = limit == null ? defaultLimit : limit;
        if (value < 1 || value > max) {
            throw new QueryException(QueryErrorCode.INVALID_PARAMETER, "limit must be between 1 and " + max + ", was " + value);
        }
        return value;
    }
}
