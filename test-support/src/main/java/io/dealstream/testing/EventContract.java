package io.dealstream.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The published contract of one topic, as a producer's tests read it from the classpath ({@code /contracts/}):
 * the AsyncAPI 3 document, payload schemas {@code schemas/<type>.v<n>.json} and examples
 * {@code examples/<type>.v<n>.json}. Failures are {@link AssertionError}s, so it works under any assertion library.
 */
public final class EventContract {

    /** Configured like Quarkus's ObjectMapper, which writes the stored and published payloads. */
    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    public static final String HEADERS_EXAMPLE = "headers.example.json";

    private final Class<?> anchor;
    private final String document;
    private final JsonNode asyncApi;

    /** @param document the AsyncAPI file in {@code contracts/}, e.g. {@code deal-events.asyncapi.yaml} */
    public EventContract(Class<?> anchor, String document) {
        this.anchor = anchor;
        this.document = document;
        this.asyncApi = read(document, YAML);
    }

    public JsonNode asyncApi() {
        return asyncApi;
    }

    /** {@code deal.opened}, 1 → {@code deal.opened.v1.json}. */
    public static String file(String type, int version) {
        return type + ".v" + version + ".json";
    }

    /** The newest version of a type that has an example; fails when there is none. */
    public int latestVersion(String type) {
        int version = 0;
        while (resource("examples/" + file(type, version + 1)) != null) {
            version++;
        }
        if (version == 0) throw new AssertionError("contracts/examples/" + file(type, 1) + " is missing");
        return version;
    }

    public boolean exists(String name) {
        return resource(name) != null;
    }

    public ObjectNode example(String type, int version) {
        return (ObjectNode) read("examples/" + file(type, version));
    }

    public JsonNode schemaJson(String type, int version) {
        return read("schemas/" + file(type, version));
    }

    public JsonSchemaCheck schema(String type, int version) {
        return new JsonSchemaCheck(schemaJson(type, version));
    }

    /** A JSON file of {@code contracts/}. */
    public JsonNode read(String name) {
        return read(name, JSON);
    }

    /** The entry of {@code components/messages} whose headers fix {@code ce_type} to {@code ceType}. */
    public Map.Entry<String, JsonNode> messageFor(String ceType) {
        return asyncApi.at("/components/messages").properties().stream()
                .filter(m -> ceType.equals(ceTypeOf(m.getValue()))).findFirst()
                .orElseThrow(() -> new AssertionError("no message for " + ceType + " in " + document));
    }

    /** The {@code ce_type} const of a message's headers, or null. */
    public static String ceTypeOf(JsonNode message) {
        for (JsonNode part : message.at("/headers/allOf")) {
            if (part.at("/properties/ce_type/const").isTextual()) return part.at("/properties/ce_type/const").asText();
        }
        return null;
    }

    /** The {@code ce_type}s of all messages of the document. */
    public Set<String> ceTypes() {
        return asyncApi.at("/components/messages").properties().stream().map(m -> ceTypeOf(m.getValue()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** File names in a folder of {@code contracts/}, sorted. */
    public List<String> fileNames(String dir) {
        try (Stream<Path> files = Files.list(Path.of(resource(dir).toURI()))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every value of {@code example} is in {@code written}, at the same place (objects may have more fields). */
    public static void assertContains(JsonNode written, JsonNode example, String at) {
        if (example.isObject()) {
            example.properties().forEach(f -> {
                if (written == null || !written.has(f.getKey())) {
                    throw new AssertionError(at + "." + f.getKey() + " is not written");
                }
                assertContains(written.get(f.getKey()), f.getValue(), at + "." + f.getKey());
            });
        } else if (!example.equals(written)) {
            throw new AssertionError(at + ": expected " + example + " but was " + written);
        }
    }

    public static Set<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private URL resource(String name) {
        return anchor.getResource("/contracts/" + name);
    }

    private JsonNode read(String name, ObjectMapper mapper) {
        try (InputStream in = anchor.getResourceAsStream("/contracts/" + name)) {
            if (in == null) throw new AssertionError("contracts/" + name + " is missing");
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
