package io.dealstream.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A producer's published examples, as a consumer's contract test reads them: from the producer module's source tree
 * ({@code <dealstream.root>/<module>/src/main/resources/contracts/examples/}), never from a copy. Every UUID of the
 * examples is replaced by a fresh one, the same fresh one for the same example id throughout one instance, so that
 * the examples of one stream stay consistent with each other while repeated runs never meet old rows.
 */
public final class PublishedExamples {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private final Path dir;
    private final Map<String, String> fresh = new HashMap<>();

    /** @param module the producer's module directory, e.g. {@code customer-service} */
    public PublishedExamples(String module) {
        String root = System.getProperty("dealstream.root");
        Path base = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
        dir = base.resolve(module).resolve("src/main/resources/contracts/examples");
        if (!Files.isDirectory(dir)) throw new AssertionError("no published examples at " + dir);
    }

    /** The example payload of {@code <type>.v<version>.json}, its ids replaced by fresh ones. */
    public String payload(String type, int version) {
        return substitute(raw(type + ".v" + version + ".json"));
    }

    /** A file of the examples folder as JSON, its ids replaced by fresh ones. */
    public JsonNode json(String fileName) {
        try {
            return JSON.readTree(substitute(raw(fileName)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the examples folder as published, without substitution. */
    public JsonNode original(String fileName) {
        try {
            return JSON.readTree(raw(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes {@code exampleId} stand for an id the test already has (e.g. a customer it registered), instead of a fresh
     * one; call it before reading the examples that carry it.
     */
    public PublishedExamples bind(String exampleId, UUID id) {
        String before = fresh.putIfAbsent(exampleId, id.toString());
        if (before != null && !before.equals(id.toString())) {
            throw new IllegalStateException(exampleId + " already stands for " + before);
        }
        return this;
    }

    /** The fresh id that replaces {@code exampleId} (the same one the payloads carry). */
    public UUID id(String exampleId) {
        return UUID.fromString(fresh.computeIfAbsent(exampleId, k -> UUID.randomUUID().toString()));
    }

    /**
     * CloudEvents headers for one event, modelled on the producer's published header example ({@code headerExample}):
     * the example's headers, with a fresh {@code ce_id}, the given type, subject and stream version, and now as
     * {@code ce_time} and {@code ce_recordedat}; correlation and causation ids are dropped (a consumer must not need them).
     *
     * @param ceType e.g. {@code io.dealstream.customer.registered.v1}
     */
    public Map<String, String> headers(String headerExample, String ceType, String streamType, UUID subject,
                                       long streamVersion) {
        Map<String, String> headers = new LinkedHashMap<>();
        json(headerExample).properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        String now = Instant.now().toString();
        headers.put("ce_id", UUID.randomUUID().toString());
        headers.put("ce_type", ceType);
        headers.put("ce_subject", subject.toString());
        headers.put("ce_streamversion", Long.toString(streamVersion));
        headers.put("ce_streamtype", streamType);
        headers.put("ce_time", now);
        headers.put("ce_recordedat", now);
        headers.remove("ce_correlationid");
        headers.remove("ce_causationid");
        return headers;
    }

    private String raw(String fileName) {
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) throw new AssertionError("no published example " + file);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String substitute(String text) {
        Matcher m = UUID_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, id(m.group()).toString());
        }
        m.appendTail(out);
        return out.toString();
    }
}
