package io.ludus.testkit;

import io.ludus.embedded.EmbeddedS3;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The test JVM's shared S3 server (s3proxy over a temporary directory). Injected by {@link S3Extension}. */
public final class TestS3 implements AutoCloseable {

    private static final String ACCESS_KEY = "ludus-test-access";
    private static final String SECRET_KEY = "ludus-test-secret";
    private static final String REGION = "us-east-1";

    private final EmbeddedS3 server;
    private final URI endpoint;
    private final Path dataDirectory;
    private final S3Client client;
    private final AtomicInteger sequence = new AtomicInteger();

    private TestS3(EmbeddedS3 server, URI endpoint, Path dataDirectory) {
        this.server = server;
        this.endpoint = endpoint;
        this.dataDirectory = dataDirectory;
        this.client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** Starts a private s3proxy; tests get the shared one through {@link S3Extension}, benchmarks call this. */
    public static TestS3 start() {
        Path dir = TestkitDirectories.fresh("s3");
        EmbeddedS3 server;
        try {
            server = EmbeddedS3.start(dir, "127.0.0.1", 0, ACCESS_KEY, SECRET_KEY);
        } catch (RuntimeException e) {
            TestkitDirectories.deleteRecursively(dir);
            throw new IllegalStateException("cannot start s3proxy", e);
        }
        return new TestS3(server, server.endpoint(), dir);
    }

    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public String region() {
        return REGION;
    }

    /** Shared client (path-style, pointed at {@link #endpoint()}); do not close it. */
    public S3Client client() {
        return client;
    }

    /** Creates a bucket with a name no other call in this JVM returns. */
    public String uniqueBucket() {
        String bucket = "test-bucket-" + sequence.incrementAndGet();
        client.createBucket(request -> request.bucket(bucket));
        return bucket;
    }

    @Override
    public void close() throws Exception {
        try {
            client.close();
            server.close();
        } finally {
            TestkitDirectories.deleteRecursively(dataDirectory);
        }
    }
}
