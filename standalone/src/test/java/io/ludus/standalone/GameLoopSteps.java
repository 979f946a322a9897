package io.ludus.standalone;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.function.Predicate;

/** Polling the query API until a read model shows what the loop test expects. */
final class GameLoopSteps {

    private GameLoopSteps() {}

    static JsonNode awaitJson(URI uri, String token, Predicate<JsonNode> wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                JsonNode body = LudusTestClient.getJson(uri, token);
                if (wanted.test(body)) {
                    return body;
                }
                last = body.toString();
            } catch (AssertionError notYet) {
                last = notYet.getMessage(); // e.g. 404 until the first match is projected
            }
            Thread.sleep(250);
        }
        throw new AssertionError("GET " + uri + " did not show what was expected within " + timeout + "; last: " + last);
    }
}
