package io.dealstream.support.rest;

import io.dealstream.support.domain.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code ?limit=&cursor=} validated: limit 1..500 (default 50); the cursor is an opaque, URL-safe encoding of the
 * keyset position after the last item of the previous page.
 */
public record PageRequest(int limit, List<String> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final String SEPARATOR = "\u001f";

    public static PageRequest of(String limit, String cursor) {
        int n = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw Rejection.invalid("limit", "limit must be a whole number between 1 and " + MAX_LIMIT);
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw Rejection.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
            }
        }
        return new PageRequest(n, cursor == null || cursor.isBlank() ? null : decode(cursor));
    }

    public boolean first() {
        return after == null;
    }

    /** The cursor that resumes after an item whose keyset values are {@code keys}. */
    public static String cursor(String... keys) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, keys).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> decode(String cursor) {
        try {
            return List.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(SEPARATOR, -1));
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("cursor", "cursor is not one this service issued; start again without it");
        }
    }

    /** Builds the page from {@code limit + 1} fetched rows: the extra row only tells that a next page exists. */
    public <T> Page<T> page(List<T> fetched, java.util.function.Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorOf.apply(items.get(items.size() - 1)));
    }
}
