package io.dealstream.deal.domain;

import static io.dealstream.testing.EventContract.fieldNames;
import static io.dealstream.testing.EventContract.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealstream.deal.config.ProcessHistory;
import io.dealstream.deal.domain.DealCommand.*;
import io.dealstream.eventstore.relay.CloudEventMapping;
import io.dealstream.support.domain.Money;
import io.dealstream.testing.EventContract;
import io.dealstream.testing.JsonSchemaCheck;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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

    private static final EventContract CONTRACT = new EventContract(DealEventContractTest.class, "deal-events.asyncapi.yaml");
    private static final ObjectMapper JSON = EventContract.JSON;
    private static final JsonNode ASYNCAPI = CONTRACT.asyncApi();

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
        assertThat(CONTRACT.exists("schemas/" + file(type, version)))
                .as("schema of " + type).isTrue();
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
        assertThat(ASYNCAPI.at("/components/messages").properties()).extracting(m -> EventContract.ceTypeOf(m.getValue()))
                .containsExactlyInAnyOrderElementsOf(published);
        assertThat(channel.path("messages").size()).isEqualTo(published.size());
    }

    @Test
    void contractFilesBelongToKnownTypes() {
        Pattern named = Pattern.compile("(.+)\\.v([1-9][0-9]*)\\.json");
        for (String dir : List.of("schemas", "examples")) {
            for (String name : CONTRACT.fileNames(dir)) {
                var m = named.matcher(name);
                boolean known = name.equals(EventContract.HEADERS_EXAMPLE) || m.matches()
                        && (DealEvent.TYPES.containsKey(m.group(1)) || m.group(1).equals(ProcessHistory.EVENT_TYPE));
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
        EventContract.assertContains(written, example, type);
        assertThat(fieldNames(written)).as("fields written for " + type).isEqualTo(fieldNames(example));
    }

    @ParameterizedTest
    @MethodSource("types")
    void exampleAndWhatTheProducerWritesMatchTheSchema(String type) throws IOException {
        int version = latestVersion(type);
        JsonSchemaCheck schema = CONTRACT.schema(type, version);
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
        JsonNode schemaJson = CONTRACT.schemaJson(type, version);
        Set<String> components = Arrays.stream(DealEvent.TYPES.get(type).getRecordComponents())
                .map(c -> c.getName()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(fieldNames(schemaJson.path("properties"))).isEqualTo(components);
        assertThat(new TreeSet<>(JSON.convertValue(schemaJson.path("required"), List.class))).isEqualTo(components);
        assertThat(schemaJson.path("additionalProperties").asBoolean()).as("tolerant").isTrue();

        JsonSchemaCheck schema = new JsonSchemaCheck(schemaJson);
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
            JsonSchemaCheck schema = CONTRACT.schema(event.type(), event.schemaVersion());
            assertThat(schema.violations(JSON.valueToTree(event))).as("written " + event).isEmpty();
        }
    }

    @Test
    void headerExampleCarriesTheFullEnvelopeOfTheExampleDeal() {
        JsonNode headers = read("examples/" + EventContract.HEADERS_EXAMPLE);
        JsonNode message = messageFor(headers.path("ce_type").asText()).getValue();
        assertThat(new JsonSchemaCheck(ASYNCAPI).violations(headers, message.path("headers"))).isEmpty();
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

    private static int latestVersion(String type) {
        return CONTRACT.latestVersion(type);
    }

    private static Map.Entry<String, JsonNode> messageFor(String ceType) {
        return CONTRACT.messageFor(ceType);
    }

    private static ObjectNode example(String type, int version) {
        return CONTRACT.example(type, version);
    }

    private static JsonNode read(String name) {
        return CONTRACT.read(name);
    }
}
