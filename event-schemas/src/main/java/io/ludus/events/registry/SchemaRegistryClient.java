package io.ludus.events.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client for the Confluent Schema Registry REST API (Avro schemas only). Works with Confluent,
 * Ludus' own registry and other compatible servers. Ids never change once assigned, so schema/id
 * pairs are cached both ways and the hot path makes no HTTP calls. Thread-safe.
 */
public final class SchemaRegistryClient implements AutoCloseable {

    /** Default per-request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    /** HTTP Basic from the url's user info ({@code http://user:password@host}), or null. */
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public SchemaRegistryClient(URI url) {
        this(url, DEFAULT_TIMEOUT);
    }

    public SchemaRegistryClient(URI url, Duration timeout) {
        String userInfo = url.getRawUserInfo();
        this.authorization = userInfo == null ? null : "Basic " + java.util.Base64.getEncoder().encodeToString(
                java.net.URLDecoder.decode(userInfo, java.nio.charset.StandardCharsets.UTF_8).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String base = withoutUserInfo(url).toString();
        this.url = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if (!"http".equals(this.url.getScheme()) && !"https".equals(this.url.getScheme())) {
            throw new IllegalArgumentException("schema registry url must be http(s), was " + url);
        }
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    private static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(), url.getFragment());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("schema registry url is malformed", e);
        }
    }

    /** The registry's url, without any credentials. */
    public URI url() {
        return url;
    }

    /** Registers the schema under the subject, or returns its id if already there. */
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        Response response = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        if (!response.ok()) {
            throw failure(response, subject, null);
        }
        int id = response.body().path("id").asInt();
        ids.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Response response = send("GET", "/schemas/ids/" + id, null);
        if (!response.ok()) {
            throw failure(response, null, id);
        }
        Schema schema = parse(response.body().path("schema").asText());
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced == null ? schema : raced;
    }

    public RegisteredSchema getLatest(String subject) {
        Response response = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        if (!response.ok()) {
            throw failure(response, subject, null);
        }
        return remember(subject, response.body());
    }

    /** The version of the subject that holds exactly this schema, if any. */
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        Response response = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw failure(response, subject, null);
        }
        return Optional.of(remember(subject, response.body()));
    }

    /** Whether the subject's compatibility level would accept the schema as its next version. */
    public boolean testCompatibility(String subject, Schema schema) {
        Response response = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
        if (!response.ok()) {
            throw failure(response, subject, null);
        }
        return response.body().path("is_compatible").asBoolean(false);
    }

    public List<Integer> getVersions(String subject) {
        Response response = send("GET", "/subjects/" + encode(subject) + "/versions", null);
        if (!response.ok()) {
            throw failure(response, subject, null);
        }
        List<Integer> versions = new ArrayList<>();
        response.body().forEach(v -> versions.add(v.asInt()));
        return List.copyOf(versions);
    }

    @Override
    public void close() {
        http.close();
    }

    private RegisteredSchema remember(String subject, JsonNode body) {
        int id = body.path("id").asInt();
        Schema schema = schemasById.computeIfAbsent(id, i -> parse(body.path("schema").asText()));
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).putIfAbsent(schema, id);
        return new RegisteredSchema(subject, id, body.path("version").asInt(), schema);
    }

    private Schema parse(String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new RegistryRequestException(200, 0, "registry returned an unparseable schema: " + e.getMessage());
        }
    }

    private record Response(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private Response send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(timeout)
                .header("Accept", ACCEPT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryUnavailableException(url, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(url, "interrupted", e);
        }
        JsonNode json;
        try {
            json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            if (response.statusCode() >= 500) {
                throw new RegistryUnavailableException(url, "HTTP " + response.statusCode(), e);
            }
            throw new RegistryRequestException(response.statusCode(), 0, "response is not JSON: " + abbreviate(response.body()));
        }
        return new Response(response.statusCode(), json);
    }

    private SchemaRegistryException failure(Response response, String subject, Integer id) {
        int errorCode = response.body().path("error_code").asInt(response.status());
        String message = response.body().path("message").asText("");
        if (response.status() == 409) {
            return new IncompatibleSchemaException(subject, message);
        }
        return switch (errorCode) {
            case 40401, 40402 -> new SubjectNotFoundException(subject);
            case 40403 -> id != null ? new SchemaNotFoundException(id) : new RegistryRequestException(response.status(), errorCode, message);
            default -> response.status() >= 500
                    ? new RegistryUnavailableException(url, "HTTP " + response.status() + " error " + errorCode + ": " + message, null)
                    : new RegistryRequestException(response.status(), errorCode, message);
        };
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
