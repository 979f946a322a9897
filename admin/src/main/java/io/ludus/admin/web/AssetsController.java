package io.ludus.admin.web;

import io.ludus.admin.session.AdminSessions;
import io.ludus.security.OperatorCredentials;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's script and style files, from the jar: our charts.js and uPlot (vendored by the build from its npm
 * package). A fixed list, read once; nothing is fetched from elsewhere. Operators only, like every admin route.
 */
@Controller("/admin/assets")
@Secured(OperatorCredentials.ROLE)
@Requires(beans = AdminSessions.class)
final class AssetsController {

    private record Asset(byte[] bytes, String contentType) {}

    private static final Map<String, Asset> ASSETS = Map.of(
            "charts.js", load("charts.js", "text/javascript;charset=utf-8"),
            "uPlot.iife.min.js", load("vendor/uPlot.iife.min.js", "text/javascript;charset=utf-8"),
            "uPlot.min.css", load("vendor/uPlot.min.css", "text/css;charset=utf-8"));

    @Get("/{name}")
    MutableHttpResponse<byte[]> asset(@PathVariable String name) {
        Asset asset = ASSETS.get(name);
        if (asset == null) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(asset.bytes()).contentType(asset.contentType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, max-age=300");
    }

    private static Asset load(String path, String contentType) {
        try (InputStream in = AssetsController.class.getResourceAsStream("/io/ludus/admin/assets/" + path)) {
            if (in == null) {
                throw new IllegalStateException("admin asset " + path + " is missing from the jar; rebuild the admin module");
            }
            return new Asset(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
