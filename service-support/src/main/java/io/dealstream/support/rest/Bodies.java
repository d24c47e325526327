package io.dealstream.support.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.support.domain.Rejection;
import java.net.URI;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/** Small input and output helpers shared by every service's resources. */
public final class Bodies {

    private Bodies() {
    }

    public static void require(Object body) {
        if (body == null) {
            throw Rejection.invalid("body", "a JSON request body is required");
        }
    }

    public static UUID requiredUuid(String value, String field) {
        if (value == null || value.isBlank()) {
            throw Rejection.invalid(field, field + " is required");
        }
        return Params.uuid(value, field);
    }

    public static String requiredText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw Rejection.invalid(field, field + " is required");
        }
        if (value.length() > max) {
            throw Rejection.invalid(field, field + " must be at most " + max + " characters");
        }
        return value.strip();
    }

    /** A malformed id names nothing: 404, like an unknown one. */
    public static UUID pathId(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Rejection.notFound("no " + what + " with id '" + id + "'");
        }
    }

    public static <T> RestResponse<T> created(String location, T entity, long version) {
        return RestResponse.ResponseBuilder.<T>created(URI.create(location)).entity(entity)
                .header("ETag", Params.etag(version)).build();
    }

    public static <T> RestResponse<T> ok(T entity, long version) {
        return RestResponse.ResponseBuilder.ok(entity).header("ETag", Params.etag(version)).build();
    }

    public static JsonNode tree(ObjectMapper json, String document) {
        try {
            return json.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
