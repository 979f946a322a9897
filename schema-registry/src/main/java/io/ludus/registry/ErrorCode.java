package io.ludus.registry;

/** Confluent Schema Registry error codes, each with the HTTP status Confluent answers it with. */
enum ErrorCode {
    BAD_REQUEST(400, 400),
    UNAUTHORIZED(401, 401),
    NOT_FOUND(404, 404),
    METHOD_NOT_ALLOWED(405, 405),
    PAYLOAD_TOO_LARGE(413, 413),
    UNSUPPORTED_MEDIA_TYPE(415, 415),
    SUBJECT_NOT_FOUND(404, 40401),
    VERSION_NOT_FOUND(404, 40402),
    SCHEMA_NOT_FOUND(404, 40403),
    SUBJECT_SOFT_DELETED(404, 40404),
    SUBJECT_NOT_SOFT_DELETED(404, 40405),
    VERSION_SOFT_DELETED(404, 40406),
    VERSION_NOT_SOFT_DELETED(404, 40407),
    SUBJECT_COMPATIBILITY_NOT_CONFIGURED(404, 40408),
    INCOMPATIBLE_SCHEMA(409, 409),
    INVALID_SCHEMA(422, 42201),
    INVALID_VERSION(422, 42202),
    INVALID_COMPATIBILITY_LEVEL(422, 42203),
    OPERATION_NOT_PERMITTED(422, 42205),
    INVALID_SUBJECT(422, 42208),
    /** Ludus's own: a memory limit of the registry (subjects, versions, schema size) is reached. */
    LIMIT_EXCEEDED(422, 42290),
    STORE_ERROR(500, 50001),
    STORE_TIMEOUT(500, 50002);

    private final int httpStatus;
    private final int code;

    ErrorCode(int httpStatus, int code) {
        this.httpStatus = httpStatus;
        this.code = code;
    }

    int httpStatus() {
        return httpStatus;
    }

    int code() {
        return code;
    }
}
