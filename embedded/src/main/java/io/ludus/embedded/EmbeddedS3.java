package io.ludus.embedded;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** An S3-compatible server (s3proxy) keeping its buckets as directories under one data directory, on loopback. */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final URI endpoint;

    private EmbeddedS3(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /** Starts on {@code host:port} (port 0: any free one) with one static credential; buckets persist under {@code dir}. */
    public static EmbeddedS3 start(Path dir, String host, int port, String accessKey, String secretKey) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 data directory " + dir, e);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dir.toString()))
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new EmbeddedStartupException("s3proxy not started after " + START_TIMEOUT + ", state " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            stopQuietly(proxy);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof EmbeddedStartupException startup ? startup : new EmbeddedStartupException("cannot start s3proxy", e);
        }
        return new EmbeddedS3(proxy, URI.create("http://" + host + ":" + proxy.getPort()));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // already failed to start; the original failure is what matters
        }
    }
}
