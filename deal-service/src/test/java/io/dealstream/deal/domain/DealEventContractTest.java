package io.dealstream.deal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dealstream.deal.domain.DealCommand.*;
import io.dealstream.eventstore.relay.CloudEventMapping;
import io.dealstream.support.domain.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Producer side of the deal-events contract ({@code contracts/}): every event type has a payload schema, an example
 * and a message in the AsyncAPI document, and what this service writes matches them. Consumers test against the same
 * examples, so a drift here is a drift for them.
 */
class DealEventContractTest {

    /** Configured like Quarkus's ObjectMapper, which writes the stored and published payloads. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JsonNode ASYNCAPI = read("deal-events.asyncapi.yaml", new ObjectMapper(new YAMLFactory()));

    static Stream<String> types() {
        return new TreeSet<>(DealEvent.TYPES.keySet()).stream();
    }

    @Test
    void everyRecordOfTheCatalogueIsARegisteredType() {
        assertThat(DealEvent.TYPES.values().stream().map(Class::getName)).containsExactlyInAnyOrder(
                Arrays.stream(DealEvent.class.getPermittedSubclasses()).map(Class::getName).toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyTypeHasASchemaAnExampleAndAMessage(String type) {
        int version = latestVersion(type);
        assertThat(DealEventContractTest.class.getResource("/contracts/schemas/" + file(type, version)))
                .as("schema of " + type).isNotNull();
        DealEvent example = JSON.convertValue(example(type, version), DealEvent.TYPES.get(type));
        assertThat(example.type()).isEqualTo(type);
        assertThat(example.schemaVersion()).as("newest contract files of " + type).isEqualTo(version);

        String ceType = CloudEventMapping.ceType(type, version);
        Map.Entry<String, JsonNode> message = messageFor(ceType);
        assertThat(message.getValue().path("name").asText()).isEqualTo(ceType);
        assertThat(message.getValue().at("/payload/schema/$ref").asText()).isEqualTo("./schemas/" + file(type, version));
        assertThat(message.getValue().at("/traits/0/$ref").asText()).isEqualTo("#/components/messageTraits/dealEvent");
        assertThat(ASYNCAPI.at("/channels/dealEvents/messages/" + message.getKey() + "/$ref").asText())
                .isEqualTo("#/components/messages/" + message.getKey());
        assertThat(ASYNCAPI.at("/operations/publishDealEvents/messages").findValuesAsText("$ref"))
                .contains("#/channels/dealEvents/messages/" + message.getKey());
    }

    @Test
    void theDocumentDescribesTheTopicAndOnlyKnownEvents() {
        assertThat(ASYNCAPI.path("asyncapi").asText()).startsWith("3.");
        JsonNode channel = ASYNCAPI.at("/channels/dealEvents");
        assertThat(channel.path("address").asText()).isEqualTo("deal-events");
        assertThat(channel.at("/bindings/kafka/partitions").asInt()).isEqualTo(6);
        assertThat(channel.at("/bindings/kafka/topicConfiguration/retention.ms").asLong()).isEqualTo(-1);
        assertThat(ASYNCAPI.at("/operations/publishDealEvents/action").asText()).isEqualTo("send");
        assertThat(ASYNCAPI.at("/components/messageTraits/dealEvent/bindings/kafka/key/format").asText()).isEqualTo("uuid");
        Set<String> published = types().map(t -> CloudEventMapping.ceType(t, latestVersion(t))).collect(Collectors.toSet());
        assertThat(ASYNCAPI.at("/components/messages").properties()).extracting(m -> ceTypeOf(m.getValue()))
                .containsExactlyInAnyOrderElementsOf(published);
        assertThat(channel.path("messages").size()).isEqualTo(published.size());
    }

    @Test
    void contractFilesBelongToKnownTypes() {
        Pattern named = Pattern.compile("(.+)\\.v([1-9][0-9]*)\\.json");
        for (String dir : List.of("schemas", "examples")) {
            for (String name : fileNames(dir)) {
                var m = named.matcher(name);
                boolean known = name.equals("headers.example.json") || m.matches() && DealEvent.TYPES.containsKey(m.group(1));
                assertThat(known).as(dir + "/" + name + " names a known event type").isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void exampleSurvivesTheRoundTripAndShowsEveryFieldWritten(String type) throws IOException {
        JsonNode example = example(type, latestVersion(type));
        DealEvent event = JSON.treeToValue(example, DealEvent.TYPES.get(type));
        JsonNode written = JSON.readTree(JSON.writeValueAsString(event));
        assertContains(written, example, type);
        assertThat(fieldNames(written)).as("fields written for " + type).isEqualTo(fieldNames(example));
    }

    @ParameterizedTest
    @MethodSource("types")
    void exampleAndWhatTheProducerWritesMatchTheSchema(String type) throws IOException {
        int version = latestVersion(type);
        MiniSchema schema = new MiniSchema(read("schemas/" + file(type, version), JSON));
        JsonNode example = example(type, version);
        assertThat(schema.violations(example)).as("example of " + type).isEmpty();
        DealEvent event = JSON.treeToValue(example, DealEvent.TYPES.get(type));
        assertThat(schema.violations(JSON.valueToTree(event))).as("written " + type).isEmpty();
    }

    /** The producer writes every record component, null included; the schema must require and type each one. */
    @ParameterizedTest
    @MethodSource("types")
    void schemaRequiresAndTypesEveryFieldOfTheRecord(String type) {
        int version = latestVersion(type);
        JsonNode schemaJson = read("schemas/" + file(type, version), JSON);
        Set<String> components = Arrays.stream(DealEvent.TYPES.get(type).getRecordComponents())
                .map(c -> c.getName()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(fieldNames(schemaJson.path("properties"))).isEqualTo(components);
        assertThat(new TreeSet<>(JSON.convertValue(schemaJson.path("required"), List.class))).isEqualTo(components);
        assertThat(schemaJson.path("additionalProperties").asBoolean()).as("tolerant").isTrue();

        MiniSchema schema = new MiniSchema(schemaJson);
        for (String field : components) {
            ObjectNode without = example(type, version).deepCopy();
            without.remove(field);
            assertThat(schema.violations(without)).as(type + " without " + field).isNotEmpty();
            ObjectNode mistyped = example(type, version).deepCopy();
            mistyped.putArray(field);
            assertThat(schema.violations(mistyped)).as(type + " with an array as " + field).isNotEmpty();
        }
    }

    /** Optional fields as the decider leaves them out (null, empty gate, cleared next step) still match the schemas. */
    @Test
    void eventsWithOptionalFieldsLeftOutMatchTheSchemas() {
        UUID owner = UUID.randomUUID();
        Producer producer = new Producer(owner)
                .run(new OpenDeal(UUID.randomUUID(), UUID.randomUUID(), "Conveyor upgrade",
                        new Money(new BigDecimal("90000"), "EUR"), LocalDate.parse("2026-12-31"), owner))
                .run(new RecordBuyerStage(1))
                .run(new EditDeal(null, null, null, "Call back on Monday"))
                .run(new EditDeal(null, null, null, " "))
                .run(new CompleteMilestone("customer-profile-recorded"))
                .run(new CompleteMilestone("first-meeting-booked"))
                .run(new ChangeStage(2, null, false))
                .run(new AssignStageRole("PRESALES_ENGINEER", UUID.randomUUID()))
                .run(new ReassignOwner(UUID.randomUUID(), "Territory change", null))
                .run(new LoseDeal(LostReason.NO_BUDGET, null, null));
        assertThat(producer.written).extracting(DealEvent::type).contains("deal.buyer-stage-recorded",
                "deal.next-step-changed", "deal.stage-changed", "deal.stage-role-assigned", "deal.owner-reassigned",
                "deal.lost");
        for (DealEvent event : producer.written) {
            MiniSchema schema = new MiniSchema(read("schemas/" + file(event.type(), event.schemaVersion()), JSON));
            assertThat(schema.violations(JSON.valueToTree(event))).as("written " + event).isEmpty();
        }
    }

    @Test
    void headerExampleCarriesTheFullEnvelopeOfTheExampleDeal() {
        JsonNode headers = read("examples/headers.example.json", JSON);
        JsonNode message = messageFor(headers.path("ce_type").asText()).getValue();
        assertThat(new MiniSchema(ASYNCAPI).violations(headers, message.path("headers"))).isEmpty();
        for (String extension : List.of(CloudEventMapping.EXT_STREAM_VERSION, CloudEventMapping.EXT_STREAM_TYPE,
                CloudEventMapping.EXT_ACTOR, CloudEventMapping.EXT_RECORDED_AT, CloudEventMapping.EXT_CORRELATION_ID,
                CloudEventMapping.EXT_CAUSATION_ID)) {
            assertThat(headers.has("ce_" + extension)).as("ce_" + extension).isTrue();
            assertThat(ASYNCAPI.at("/components/schemas/CloudEventHeaders/properties").has("ce_" + extension)).isTrue();
        }
        assertThat(headers.path("ce_subject").asText())
                .isEqualTo(example("deal.opened", 1).path("dealId").asText());
        assertThat(headers.path("ce_streamtype").asText()).isEqualTo("deal");
    }

    /** Runs commands through the real decider, collecting what it decides, as the service would store it. */
    private static final class Producer {
        private final DealDecider decider = new DealDecider(DealProcess.defaults());
        private final CommandContext context;
        private DealState state = DealState.NONE;
        final List<DealEvent> written = new ArrayList<>();

        Producer(UUID actor) {
            context = new CommandContext(actor.toString(), Instant.parse("2026-02-09T09:00:00Z"), false);
        }

        Producer run(DealCommand command) {
            for (DealEvent event : decider.decide(state, command, context)) {
                written.add(event);
                state = state.evolve(event, context.occurredAt());
            }
            return this;
        }
    }

    /**
     * Just enough JSON Schema 2020-12 for our own schemas. A keyword it does not know is reported as a violation, so a
     * schema never claims more than this test checks.
     */
    static final class MiniSchema {
        private static final Pattern UUID_TEXT =
                Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$defs", "$comment", "title",
                "description", "examples", "default", "then", "else");
        private final JsonNode root;

        MiniSchema(JsonNode root) {
            this.root = root;
        }

        List<String> violations(JsonNode value) {
            return violations(value, root);
        }

        List<String> violations(JsonNode value, JsonNode schema) {
            List<String> out = new ArrayList<>();
            check(schema, value, "$", out);
            return out;
        }

        private void check(JsonNode schema, JsonNode value, String at, List<String> out) {
            for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
                JsonNode s = keyword.getValue();
                switch (keyword.getKey()) {
                    case "$ref" -> check(root.at(s.asText().substring(1)), value, at, out);
                    case "type" -> {
                        List<String> allowed = s.isArray() ? JSON.convertValue(s, List.class) : List.of(s.asText());
                        if (allowed.stream().noneMatch(t -> isType(value, t))) out.add(at + ": not " + allowed);
                    }
                    case "required" -> s.forEach(name -> {
                        if (value.isObject() && !value.has(name.asText())) out.add(at + ": missing " + name.asText());
                    });
                    case "properties" -> s.properties().forEach(p -> {
                        if (value.has(p.getKey())) check(p.getValue(), value.get(p.getKey()), at + "." + p.getKey(), out);
                    });
                    case "additionalProperties" -> value.properties().forEach(p -> {
                        if (!schema.path("properties").has(p.getKey())) {
                            if (s.isBoolean() && !s.asBoolean()) out.add(at + ": unexpected " + p.getKey());
                            if (s.isObject()) check(s, p.getValue(), at + "." + p.getKey(), out);
                        }
                    });
                    case "propertyNames" -> value.properties().forEach(p -> check(s, TextNode.valueOf(p.getKey()),
                            at + " key " + p.getKey(), out));
                    case "items" -> {
                        for (int i = 0; value.isArray() && i < value.size(); i++) {
                            check(s, value.get(i), at + "[" + i + "]", out);
                        }
                    }
                    case "minItems", "minProperties" -> {
                        if (value.isContainerNode() && value.size() < s.asInt()) out.add(at + ": fewer than " + s);
                    }
                    case "maxProperties" -> {
                        if (value.isObject() && value.size() > s.asInt()) out.add(at + ": more than " + s);
                    }
                    case "minLength", "maxLength" -> {
                        int length = value.isTextual() ? value.asText().codePointCount(0, value.asText().length()) : -1;
                        boolean min = keyword.getKey().equals("minLength");
                        if (length >= 0 && (min ? length < s.asInt() : length > s.asInt())) {
                            out.add(at + ": length " + length);
                        }
                    }
                    case "minimum", "maximum" -> {
                        int cmp = value.isNumber() ? value.decimalValue().compareTo(s.decimalValue()) : 0;
                        if (keyword.getKey().equals("minimum") ? cmp < 0 : cmp > 0) out.add(at + ": out of range " + value);
                    }
                    case "enum" -> {
                        if (!JSON.convertValue(s, List.class).contains(JSON.convertValue(value, Object.class))) {
                            out.add(at + ": not one of " + s);
                        }
                    }
                    case "const" -> {
                        if (!s.equals(value)) out.add(at + ": not " + s);
                    }
                    case "pattern" -> {
                        if (value.isTextual() && !Pattern.compile(s.asText()).matcher(value.asText()).find()) {
                            out.add(at + ": does not match " + s.asText());
                        }
                    }
                    case "format" -> {
                        if (value.isTextual() && !hasFormat(value.asText(), s.asText())) {
                            out.add(at + ": not a " + s.asText());
                        }
                    }
                    case "allOf" -> s.forEach(sub -> check(sub, value, at, out));
                    case "if" -> {
                        JsonNode branch = violations(value, s).isEmpty() ? schema.get("then") : schema.get("else");
                        if (branch != null) check(branch, value, at, out);
                    }
                    default -> {
                        if (!ANNOTATIONS.contains(keyword.getKey())) {
                            out.add(at + ": keyword " + keyword.getKey() + " is not checked by this test");
                        }
                    }
                }
            }
        }

        private static boolean isType(JsonNode value, String type) {
            return switch (type) {
                case "object" -> value.isObject();
                case "array" -> value.isArray();
                case "string" -> value.isTextual();
                case "integer" -> value.isIntegralNumber();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                case "null" -> value.isNull();
                default -> false;
            };
        }

        private static boolean hasFormat(String text, String format) {
            try {
                switch (format) {
                    case "uuid" -> {
                        return UUID_TEXT.matcher(text).matches();
                    }
                    case "date" -> LocalDate.parse(text);
                    case "date-time" -> OffsetDateTime.parse(text);
                    default -> {
                        return false;
                    }
                }
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    private static int latestVersion(String type) {
        int version = 0;
        while (DealEventContractTest.class.getResource("/contracts/examples/" + file(type, version + 1)) != null) {
            version++;
        }
        assertThat(version).as("contracts/examples/" + file(type, 1) + " exists").isPositive();
        return version;
    }

    private static Map.Entry<String, JsonNode> messageFor(String ceType) {
        return ASYNCAPI.at("/components/messages").properties().stream()
                .filter(m -> ceType.equals(ceTypeOf(m.getValue()))).findFirst()
                .orElseThrow(() -> new AssertionError("no message for " + ceType + " in deal-events.asyncapi.yaml"));
    }

    private static String ceTypeOf(JsonNode message) {
        for (JsonNode part : message.at("/headers/allOf")) {
            if (part.at("/properties/ce_type/const").isTextual()) return part.at("/properties/ce_type/const").asText();
        }
        return null;
    }

    private static void assertContains(JsonNode written, JsonNode example, String at) {
        if (example.isObject()) {
            example.properties().forEach(f -> {
                assertThat(written.has(f.getKey())).as(at + "." + f.getKey() + " is written").isTrue();
                assertContains(written.get(f.getKey()), f.getValue(), at + "." + f.getKey());
            });
        } else {
            assertThat(written).as(at).isEqualTo(example);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String file(String type, int version) {
        return type + ".v" + version + ".json";
    }

    private static ObjectNode example(String type, int version) {
        return (ObjectNode) read("examples/" + file(type, version), JSON);
    }

    private static InputStream resource(String name) {
        return DealEventContractTest.class.getResourceAsStream("/contracts/" + name);
    }

    private static JsonNode read(String name, ObjectMapper mapper) {
        try (InputStream in = resource(name)) {
            assertThat(in).as("contracts/" + name).isNotNull();
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fileNames(String dir) {
        try (Stream<Path> files = Files.list(Path.of(
                DealEventContractTest.class.getResource("/contracts/" + dir).toURI()))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
