package io.ludus.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ludus.registry.RegistryState.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps the Confluent Schema Registry REST API onto {@link SchemaRegistry}. */
final class RegistryHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    static final String REGISTRY_JSON = "application/vnd.schemaregistry.v1+json";
    private static final Set<String> ACCEPTED_BODY_TYPES = Set.of(REGISTRY_JSON,
            "application/vnd.schemaregistry+json", "application/json", "application/octet-stream");

    private final SchemaRegistry registry;
    private final int maxRequestBytes;
    /** The expected Authorization header of writes, or null when writes are open. */
    private final byte[] writeAuthorization;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttpHandler(SchemaRegistry registry, int maxRequestBytes, SchemaRegistryConfig.WriteCredentials writeCredentials) {
        this.registry = registry;
        this.maxRequestBytes = maxRequestBytes;
        this.writeAuthorization = writeCredentials == null ? null : ("Basic " + Base64.getEncoder().encodeToString(
                (writeCredentials.user() + ":" + writeCredentials.password()).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes change what every producer and consumer relies on: registering, deleting, changing
     * compatibility. Lookups and compatibility tests are POSTs too, but read only.
     */
    private static boolean isWrite(Request request) {
        return switch (request.method()) {
            case "GET", "HEAD" -> false;
            case "POST" -> request.path().size() == 3 && request.path().get(0).equals("subjects")
                    && request.path().get(2).equals("versions");
            default -> true;
        };
    }

    private boolean authorizedToWrite(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && MessageDigest.isEqual(writeAuthorization, header.getBytes(StandardCharsets.UTF_8));
    }

    private record Request(String method, List<String> path, Map<String, String> query, HttpExchange exchange) {
        boolean flag(String name) {
            return "true".equalsIgnoreCase(query.get(name));
        }
    }

    /** A response body: either a JSON tree or JSON text sent as is (a stored schema). */
    private record Response(int status, JsonNode body, String rawJson) {
        static Response ok(JsonNode body) {
            return new Response(200, body, null);
        }

        static Response raw(String rawJson) {
            return new Response(200, null, rawJson);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                Request request = new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                        pathSegments(exchange.getRequestURI().getRawPath()),
                        queryParameters(exchange.getRequestURI().getRawQuery()), exchange);
                if (writeAuthorization != null && isWrite(request) && !authorizedToWrite(exchange)) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"ludus-schema-registry\"");
                    response = error(ErrorCode.UNAUTHORIZED, "Writes need the registry's write credentials");
                } else {
                    response = route(request);
                }
            } catch (RegistryException e) {
                if (e.errorCode().httpStatus() >= 500) {
                    LOG.error("Request {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                            e.getMessage(), e);
                }
                response = error(e.errorCode(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = error(ErrorCode.STORE_ERROR, "Internal error: " + e.getClass().getSimpleName());
            }
            send(exchange, response);
        }
    }

    private Response route(Request request) {
        List<String> path = request.path();
        if (path.isEmpty()) {
            allow(request, "GET");
            return Response.ok(json.createObjectNode());
        }
        return switch (path.getFirst()) {
            case "subjects" -> subjects(request);
            case "schemas" -> schemas(request);
            case "compatibility" -> compatibility(request);
            case "config" -> config(request);
            default -> throw notFound();
        };
    }

    private Response subjects(Request request) {
        List<String> path = request.path();
        if (path.size() == 1) {
            allow(request, "GET");
            return Response.ok(array(registry.subjects(request.flag("deleted"), request.query().get("subjectPrefix"))));
        }
        String subject = path.get(1);
        if (path.size() == 2) {
            allow(request, "POST", "DELETE");
            if (request.method().equals("DELETE")) {
                return Response.ok(array(registry.deleteSubject(subject, request.flag("permanent"))));
            }
            JsonNode body = readBody(request);
            return Response.ok(versionJson(registry.lookup(subject, schemaText(body), request.flag("deleted"))));
        }
        if (!path.get(2).equals("versions")) {
            throw notFound();
        }
        if (path.size() == 3) {
            allow(request, "GET", "POST");
            if (request.method().equals("GET")) {
                return Response.ok(array(registry.versionNumbers(subject, request.flag("deleted"))));
            }
            JsonNode body = readBody(request);
            int id = registry.register(subject, schemaText(body), optionalInt(body, "id"));
            return Response.ok(json.createObjectNode().put("id", id));
        }
        int version = SchemaRegistry.parseVersion(path.get(3));
        if (path.size() == 4) {
            allow(request, "GET", "DELETE");
            if (request.method().equals("DELETE")) {
                return Response.ok(json.getNodeFactory().numberNode(
                        registry.deleteVersion(subject, version, request.flag("permanent"))));
            }
            return Response.ok(versionJson(registry.version(subject, version, request.flag("deleted"))));
        }
        if (path.size() == 5 && path.get(4).equals("schema")) {
            allow(request, "GET");
            return Response.raw(registry.version(subject, version, request.flag("deleted")).schema());
        }
        throw notFound();
    }

    private Response schemas(Request request) {
        List<String> path = request.path();
        if (path.size() == 2 && path.get(1).equals("types")) {
            allow(request, "GET");
            return Response.ok(array(List.of("AVRO")));
        }
        if (path.size() < 3 || path.size() > 4 || !path.get(1).equals("ids")) {
            throw notFound();
        }
        allow(request, "GET");
        int id = parseId(path.get(2));
        if (path.size() == 3) {
            return Response.ok(json.createObjectNode().put("schema", registry.schemaById(id)));
        }
        return switch (path.get(3)) {
            case "schema" -> Response.raw(registry.schemaById(id));
            case "versions" -> {
                ArrayNode versions = json.createArrayNode();
                registry.versionsWithId(id, request.flag("deleted")).forEach(v ->
                        versions.addObject().put("subject", v.subject()).put("version", v.version()));
                yield Response.ok(versions);
            }
            case "subjects" -> Response.ok(array(registry.versionsWithId(id, request.flag("deleted")).stream()
                    .map(Version::subject).distinct().sorted().toList()));
            default -> throw notFound();
        };
    }

    private Response compatibility(Request request) {
        List<String> path = request.path();
        if (path.size() < 4 || path.size() > 5 || !path.get(1).equals("subjects") || !path.get(3).equals("versions")) {
            throw notFound();
        }
        allow(request, "POST");
        Integer version = path.size() == 5 ? SchemaRegistry.parseVersion(path.get(4)) : null;
        List<String> messages = registry.checkCompatibility(path.get(2), version, schemaText(readBody(request)));
        ObjectNode result = json.createObjectNode().put("is_compatible", messages.isEmpty());
        if (request.flag("verbose")) {
            result.set("messages", array(messages));
        }
        return Response.ok(result);
    }

    private Response config(Request request) {
        List<String> path = request.path();
        if (path.size() > 2) {
            throw notFound();
        }
        allow(request, "GET", "PUT", "DELETE");
        if (path.size() == 1) {
            return switch (request.method()) {
                case "GET" -> levelResponse("compatibilityLevel", registry.globalLevel());
                case "PUT" -> {
                    CompatibilityLevel level = requestedLevel(readBody(request));
                    registry.setGlobalLevel(level);
                    yield levelResponse("compatibility", level);
                }
                default -> levelResponse("compatibilityLevel", registry.clearGlobalLevel());
            };
        }
        String subject = path.get(1);
        return switch (request.method()) {
            case "GET" -> levelResponse("compatibilityLevel",
                    registry.subjectLevel(subject, request.flag("defaultToGlobal")));
            case "PUT" -> {
                CompatibilityLevel level = requestedLevel(readBody(request));
                registry.setSubjectLevel(subject, level);
                yield levelResponse("compatibility", level);
            }
            default -> levelResponse("compatibilityLevel", registry.clearSubjectLevel(subject));
        };
    }

    private Response levelResponse(String field, CompatibilityLevel level) {
        return Response.ok(json.createObjectNode().put(field, level.name()));
    }

    private static CompatibilityLevel requestedLevel(JsonNode body) {
        JsonNode level = body.get("compatibility");
        return CompatibilityLevel.parse(level != null && level.isTextual() ? level.asText() : null);
    }

    private ObjectNode versionJson(Version version) {
        return json.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema());
    }

    private ArrayNode array(List<?> values) {
        ArrayNode array = json.createArrayNode();
        values.forEach(value -> array.add(json.valueToTree(value)));
        return array;
    }

    private static String schemaText(JsonNode body) {
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA,
                    "Schema type " + type.asText() + " is not supported; supported types: [AVRO]");
        }
        JsonNode references = body.get("references");
        if (references != null && !references.isNull() && !references.isEmpty()) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Schema references are not supported");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new RegistryException(ErrorCode.INVALID_SCHEMA, "Request field 'schema' must be a string");
        }
        return schema.asText();
    }

    private static Integer optionalInt(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new RegistryException(ErrorCode.BAD_REQUEST, "Request field '" + field + "' must be an integer");
        }
        return value.asInt();
    }

    private JsonNode readBody(Request request) {
        HttpExchange exchange = request.exchange();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!ACCEPTED_BODY_TYPES.contains(mediaType)) {
                throw new RegistryException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type "
                        + mediaType + "; send " + REGISTRY_JSON + " or application/json");
            }
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(maxRequestBytes + 1);
        } catch (IOException e) {
            throw new RegistryException(ErrorCode.BAD_REQUEST, "Could not read the request body", e);
        }
        if (bytes.length > maxRequestBytes) {
            throw new RegistryException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "Request body is larger than " + maxRequestBytes + " bytes");
        }
        JsonNode body;
        try {
            body = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new RegistryException(ErrorCode.BAD_REQUEST, "Request body is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RegistryException(ErrorCode.BAD_REQUEST, "Could not read the request body", e);
        }
        if (body == null || !body.isObject()) {
            throw new RegistryException(ErrorCode.BAD_REQUEST, "Request body must be a JSON object");
        }
        return body;
    }

    private static void allow(Request request, String... methods) {
        if (!Arrays.asList(methods).contains(request.method())) {
            throw new RegistryException(ErrorCode.METHOD_NOT_ALLOWED, "HTTP 405 Method Not Allowed");
        }
    }

    private static RegistryException notFound() {
        return new RegistryException(ErrorCode.NOT_FOUND, "HTTP 404 Not Found");
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new RegistryException(ErrorCode.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
        }
    }

    /** Splits before decoding, so a subject may contain an encoded '/'. */
    private static List<String> pathSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment.replace("+", "%2B")));
            }
        }
        return segments;
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.putIfAbsent(decode(parts[0]), parts.length == 2 ? decode(parts[1]) : "");
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(ErrorCode.BAD_REQUEST, "Malformed percent-encoding in the URL");
        }
    }

    private Response error(ErrorCode code, String message) {
        return new Response(code.httpStatus(),
                json.createObjectNode().put("error_code", code.code()).put("message", message), null);
    }

    private void send(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = response.rawJson() != null
                ? response.rawJson().getBytes(StandardCharsets.UTF_8)
                : json.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", responseType(exchange.getRequestHeaders().getFirst("Accept")));
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Answers in plain JSON to a client that asks for it and not for the registry type. */
    private static String responseType(String accept) {
        if (accept != null && !accept.contains("application/vnd.schemaregistry") && accept.contains("application/json")) {
            return "application/json";
        }
        return REGISTRY_JSON;
    }
}
