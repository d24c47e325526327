package io.dealstream.support.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}). {@code errors} lists field-level violations.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, String code,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem type URIs are {@code https://dealstream.io/problems/<code>}, documented in docs/api.md. */
    public static final String TYPE_BASE = "https://dealstream.io/problems/";

    /** One field and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String code, String title, String detail, String instance,
                             List<FieldError> errors) {
        return new Problem(URI.create(TYPE_BASE + code), title, status, detail, instance, code,
                errors == null || errors.isEmpty() ? null : List.copyOf(errors));
    }
}
