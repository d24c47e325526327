package io.dealstream.customer.domain;

import static io.dealstream.testing.EventContract.fieldNames;
import static io.dealstream.testing.EventContract.file;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealstream.customer.domain.CustomerCommand.*;
import io.dealstream.customer.domain.HandoverCommand.*;
import io.dealstream.customer.domain.StaffCommand.*;
import io.dealstream.customer.domain.TeamCommand.*;
import io.dealstream.eventstore.relay.CloudEventMapping;
import io.dealstream.testing.EventContract;
import io.dealstream.testing.JsonSchemaCheck;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
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
 * Producer side of customer-service's two published contracts ({@code contracts/}): customer-events (stream type
 * customer) and staff-events (stream types staff, team and handover). Every event type has a payload schema, an example
 * and a message in its topic's AsyncAPI document, and what this service publishes (the stored payload without its
 * {@code personal} field, see {@link CloudEventMapping#publicPayload}) matches them. Consumers test against the same
 * examples, so a drift here is a drift for them.
 */
class CustomerEventContractTest {

    private static final ObjectMapper JSON = EventContract.JSON;
    private static final String PERSONAL = CloudEventMapping.PERSONAL_FIELD;

    /** One topic: its document, the catalogues published on it and the name of its header example. */
    private record Topic(String address, String channel, String operation, String trait, EventContract contract,
                         Map<String, Map<String, ? extends Class<?>>> catalogues) {

        String headerExample() {
            return "headers." + address + ".example.json";
        }

        Set<String> types() {
            return catalogues.values().stream().flatMap(c -> c.keySet().stream()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static final Topic CUSTOMER_EVENTS = new Topic("customer-events", "customerEvents", "publishCustomerEvents",
            "customerEvent", new EventContract(CustomerEventContractTest.class, "customer-events.asyncapi.yaml"),
            Map.of(CustomerEvent.STREAM_TYPE, CustomerEvent.TYPES));
    private static final Topic STAFF_EVENTS = new Topic("staff-events", "staffEvents", "publishStaffEvents",
            "staffEvent", new EventContract(CustomerEventContractTest.class, "staff-events.asyncapi.yaml"),
            Map.of(StaffEvent.STREAM_TYPE, StaffEvent.TYPES, TeamEvent.STREAM_TYPE, TeamEvent.TYPES,
                    HandoverEvent.STREAM_TYPE, HandoverEvent.TYPES));
    private static final List<Topic> TOPICS = List.of(CUSTOMER_EVENTS, STAFF_EVENTS);
    /** Schemas and examples share one folder; either contract reads them. */
    private static final EventContract FILES = CUSTOMER_EVENTS.contract();

    static Stream<String> types() {
        return TOPICS.stream().flatMap(t -> t.types().stream()).sorted();
    }

    private static Topic topicOf(String type) {
        return TOPICS.stream().filter(t -> t.types().contains(type)).findFirst().orElseThrow();
    }

    private static String streamTypeOf(String type) {
        return topicOf(type).catalogues().entrySet().stream().filter(c -> c.getValue().containsKey(type))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static Class<?> recordOf(String type) {
        return topicOf(type).catalogues().get(streamTypeOf(type)).get(type);
    }

    private static boolean hasPersonal(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).anyMatch(c -> c.getName().equals(PERSONAL));
    }

    /** The published example as the record reads it: a record with {@code personal} gets it as null. */
    private static Object read(String type, JsonNode example) throws IOException {
        ObjectNode stored = example.deepCopy();
        if (hasPersonal(recordOf(type))) stored.putNull(PERSONAL);
        return JSON.treeToValue(stored, recordOf(type));
    }

    /** What the relay publishes for a record this service stored. */
    private static JsonNode published(Object event) throws IOException {
        return JSON.readTree(CloudEventMapping.publicPayload(JSON.writeValueAsString(event)));
    }

    @Test
    void everyRecordOfTheCataloguesIsARegisteredTypeOfItsStream() {
        for (Class<?> sealed : List.of(CustomerEvent.class, StaffEvent.class, TeamEvent.class, HandoverEvent.class)) {
            Set<String> registered = TOPICS.stream().flatMap(t -> t.catalogues().values().stream())
                    .flatMap(c -> c.values().stream()).filter(sealed::isAssignableFrom).map(Class::getName)
                    .collect(Collectors.toSet());
            assertThat(registered).as(sealed.getSimpleName()).containsExactlyInAnyOrder(
                    Arrays.stream(sealed.getPermittedSubclasses()).map(Class::getName).toArray(String[]::new));
        }
        types().forEach(t -> assertThat(t).startsWith(streamTypeOf(t) + "."));
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyTypeHasASchemaAnExampleAndAMessageOnItsTopic(String type) throws IOException {
        Topic topic = topicOf(type);
        int version = FILES.latestVersion(type);
        assertThat(FILES.exists("schemas/" + file(type, version))).as("schema of " + type).isTrue();
        Object example = read(type, FILES.example(type, version));
        assertThat(example.getClass()).isEqualTo(recordOf(type));
        assertThat(schemaVersion(example)).as("newest contract files of " + type).isEqualTo(version);

        String ceType = CloudEventMapping.ceType(type, version);
        JsonNode doc = topic.contract().asyncApi();
        Map.Entry<String, JsonNode> message = topic.contract().messageFor(ceType);
        assertThat(message.getValue().path("name").asText()).isEqualTo(ceType);
        assertThat(message.getValue().at("/payload/schema/$ref").asText()).isEqualTo("./schemas/" + file(type, version));
        assertThat(message.getValue().at("/traits/0/$ref").asText())
                .isEqualTo("#/components/messageTraits/" + topic.trait());
        assertThat(message.getValue().at("/headers/allOf/1/properties/ce_streamtype/const").asText())
                .isEqualTo(streamTypeOf(type));
        assertThat(doc.at("/channels/" + topic.channel() + "/messages/" + message.getKey() + "/$ref").asText())
                .isEqualTo("#/components/messages/" + message.getKey());
        assertThat(doc.at("/operations/" + topic.operation() + "/messages").findValuesAsText("$ref"))
                .contains("#/channels/" + topic.channel() + "/messages/" + message.getKey());
    }

    @Test
    void eachDocumentDescribesItsTopicAndOnlyTheEventsPublishedThere() {
        for (Topic topic : TOPICS) {
            JsonNode doc = topic.contract().asyncApi();
            assertThat(doc.path("asyncapi").asText()).startsWith("3.");
            JsonNode channel = doc.at("/channels/" + topic.channel());
            assertThat(channel.path("address").asText()).isEqualTo(topic.address());
            assertThat(channel.at("/bindings/kafka/partitions").asInt()).isEqualTo(6);
            assertThat(channel.at("/bindings/kafka/topicConfiguration/retention.ms").asLong()).isEqualTo(-1);
            assertThat(doc.at("/operations/" + topic.operation() + "/action").asText()).isEqualTo("send");
            assertThat(doc.at("/components/messageTraits/" + topic.trait() + "/bindings/kafka/key/format").asText())
                    .isEqualTo("uuid");
            JsonNode headers = doc.at("/components/schemas/CloudEventHeaders/properties");
            assertThat(headers.at("/ce_source/const").asText()).isEqualTo("/customer-service");
            List<String> streamTypes = headers.path("ce_streamtype").has("const")
                    ? List.of(headers.at("/ce_streamtype/const").asText())
                    : JSON.convertValue(headers.at("/ce_streamtype/enum"), List.class);
            assertThat(streamTypes).containsExactlyInAnyOrderElementsOf(topic.catalogues().keySet());
            Set<String> published = topic.types().stream()
                    .map(t -> CloudEventMapping.ceType(t, FILES.latestVersion(t))).collect(Collectors.toSet());
            assertThat(topic.contract().ceTypes()).as(topic.address()).containsExactlyInAnyOrderElementsOf(published);
            assertThat(channel.path("messages").size()).isEqualTo(published.size());
        }
    }

    @Test
    void contractFilesBelongToKnownTypes() {
        Pattern named = Pattern.compile("(.+)\\.v([1-9][0-9]*)\\.json");
        Set<String> headerExamples = TOPICS.stream().map(Topic::headerExample).collect(Collectors.toSet());
        Set<String> known = types().collect(Collectors.toSet());
        for (String dir : List.of("schemas", "examples")) {
            for (String name : FILES.fileNames(dir)) {
                var m = named.matcher(name);
                boolean ok = dir.equals("examples") && headerExamples.contains(name)
                        || m.matches() && known.contains(m.group(1));
                assertThat(ok).as(dir + "/" + name + " names a known event type").isTrue();
            }
        }
    }

    /** The example is exactly what the relay publishes for the record it describes: no field more, none less. */
    @ParameterizedTest
    @MethodSource("types")
    void exampleSurvivesTheRoundTripAndShowsEveryFieldPublished(String type) throws IOException {
        JsonNode example = FILES.example(type, FILES.latestVersion(type));
        JsonNode published = published(read(type, example));
        EventContract.assertContains(published, example, type);
        assertThat(fieldNames(published)).as("fields published for " + type).isEqualTo(fieldNames(example));
    }

    @ParameterizedTest
    @MethodSource("types")
    void exampleAndWhatIsPublishedMatchTheSchema(String type) throws IOException {
        int version = FILES.latestVersion(type);
        JsonSchemaCheck schema = FILES.schema(type, version);
        JsonNode example = FILES.example(type, version);
        assertThat(schema.violations(example)).as("example of " + type).isEmpty();
        assertThat(schema.violations(published(read(type, example)))).as("published " + type).isEmpty();
    }

    /**
     * The producer writes every record component, null included, and the relay removes {@code personal}: the schema
     * requires and types exactly the other components, and never describes {@code personal}.
     */
    @ParameterizedTest
    @MethodSource("types")
    void schemaRequiresAndTypesEveryPublishedFieldOfTheRecord(String type) {
        int version = FILES.latestVersion(type);
        JsonNode schemaJson = FILES.schemaJson(type, version);
        Set<String> components = Arrays.stream(recordOf(type).getRecordComponents()).map(RecordComponent::getName)
                .filter(name -> !name.equals(PERSONAL)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(fieldNames(schemaJson.path("properties"))).isEqualTo(components);
        assertThat(new TreeSet<>(JSON.convertValue(schemaJson.path("required"), List.class))).isEqualTo(components);
        assertThat(schemaJson.path("additionalProperties").asBoolean()).as("tolerant").isTrue();
        assertThat(schemaJson.toString()).as("no personal data in the published contract")
                .doesNotContain("\"" + PERSONAL + "\"");
        assertThat(FILES.example(type, version).has(PERSONAL)).isFalse();

        JsonSchemaCheck schema = new JsonSchemaCheck(schemaJson);
        for (String field : components) {
            ObjectNode without = FILES.example(type, version).deepCopy();
            without.remove(field);
            assertThat(schema.violations(without)).as(type + " without " + field).isNotEmpty();
            ObjectNode mistyped = FILES.example(type, version).deepCopy();
            mistyped.put(field, true); // no field of these catalogues is a boolean
            assertThat(schema.violations(mistyped)).as(type + " with a boolean as " + field).isNotEmpty();
        }
    }

    /**
     * Events as the deciders write them, personal data included and optional fields left out (nulls, empty lists,
     * cleared texts), match the schemas once published.
     */
    @Test
    void eventsTheDecidersWriteMatchTheSchemasOncePublished() throws IOException {
        UUID owner = UUID.randomUUID();
        UUID successor = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        var personal = new EncryptedPersonalData("key-1", "Y2lwaGVy");
        List<Object> written = new ArrayList<>();
        CommandContext ctx = new CommandContext(owner.toString(), Instant.parse("2026-02-09T09:00:00Z"));

        CustomerDecider customers = new CustomerDecider();
        CustomerState customer = CustomerState.NONE;
        for (CustomerCommand c : List.of(
                new RegisterCustomer(UUID.randomUUID(), "Minimal GmbH", null, " ", null, null, null, null, null, null,
                        null, owner, false),
                new ChangeCustomerDetails(null, "Steel", null, new Address(null, " ", "Graz", null), null, null, null,
                        List.of(), null),
                new ChangeCustomerDetails(null, " ", null, new Address(null, null, null, null), null, null, null, null,
                        List.of("a", "a ", "b")),
                new ChangeCustomerStatus(CustomerStatus.DORMANT, null),
                new AddAccountTeamMember(successor, "presales engineer", false),
                new ChangeOwner(successor, "Territory change", null, false),
                new AddContact(contact, BuyingRole.USER, personal),
                new ChangeContact(contact, null, new EncryptedPersonalData("key-1", "b3RoZXI=")),
                new EraseContactPersonalData(contact),
                new LogActivity(UUID.randomUUID(), ActivityType.CALL, null, "Short call", null, null, null))) {
            for (CustomerEvent e : customers.decide(customer, c, ctx)) {
                written.add(e);
                customer = customer.evolve(e, ctx.occurredAt());
            }
        }
        StaffDecider staffDecider = new StaffDecider();
        StaffState staff = StaffState.NONE;
        for (StaffCommand c : List.of(new AddStaffMember(owner, null, "Manager", List.of(Capability.SALES_MANAGER), personal),
                new ChangeStaffTeam(team), new ChangeCapabilities(List.of()),
                new RecordDeparture(UUID.randomUUID(), LocalDate.parse("2026-03-31"), "Retired", null, false))) {
            for (StaffEvent e : staffDecider.decide(staff, c, ctx)) {
                written.add(e);
                staff = staff.evolve(e, ctx.occurredAt());
            }
        }
        TeamDecider teamDecider = new TeamDecider();
        TeamState teamState = TeamState.NONE;
        for (TeamCommand c : List.of(new CreateTeam(team, "North", owner, "Europe/Vienna", false),
                new ChangeTeamManager(successor, false))) {
            for (TeamEvent e : teamDecider.decide(teamState, c, ctx)) {
                written.add(e);
                teamState = teamState.evolve(e, ctx.occurredAt());
            }
        }
        HandoverDecider handovers = new HandoverDecider();
        written.addAll(handovers.decide(HandoverState.NONE, new OpenHandover(UUID.randomUUID(), owner,
                LocalDate.parse("2026-03-31"), null, List.of(), List.of()), ctx));

        assertThat(written).extracting(CustomerEventContractTest::typeOf).contains("customer.registered",
                "customer.details-changed", "customer.status-changed", "customer.contact-changed",
                "customer.contact-personal-data-erased", "customer.activity-logged", "staff.joined",
                "staff.capabilities-changed", "staff.departed", "team.manager-changed", "handover.opened",
                "handover.completed");
        for (Object event : written) {
            JsonNode published = published(event);
            assertThat(published.has(PERSONAL)).as("published " + event).isFalse();
            assertThat(FILES.schema(typeOf(event), schemaVersion(event)).violations(published))
                    .as("published " + event).isEmpty();
        }
    }

    @Test
    void headerExamplesCarryTheFullEnvelopeOfAnExampleStream() {
        for (Topic topic : TOPICS) {
            JsonNode headers = FILES.read("examples/" + topic.headerExample());
            String ceType = headers.path("ce_type").asText();
            JsonNode message = topic.contract().messageFor(ceType).getValue();
            assertThat(new JsonSchemaCheck(topic.contract().asyncApi()).violations(headers, message.path("headers")))
                    .as(topic.headerExample()).isEmpty();
            for (String extension : List.of(CloudEventMapping.EXT_STREAM_VERSION, CloudEventMapping.EXT_STREAM_TYPE,
                    CloudEventMapping.EXT_ACTOR, CloudEventMapping.EXT_RECORDED_AT,
                    CloudEventMapping.EXT_CORRELATION_ID, CloudEventMapping.EXT_CAUSATION_ID)) {
                assertThat(headers.has("ce_" + extension)).as("ce_" + extension).isTrue();
                assertThat(topic.contract().asyncApi().at("/components/schemas/CloudEventHeaders/properties")
                        .has("ce_" + extension)).isTrue();
            }
            assertThat(topic.types()).contains(ceType.substring(CloudEventMapping.TYPE_PREFIX.length(),
                    ceType.lastIndexOf(".v")));
        }
        // The subjects are streams the examples tell of: the customer registered, the staff member who joined.
        assertThat(FILES.read("examples/" + CUSTOMER_EVENTS.headerExample()).path("ce_subject").asText())
                .isEqualTo(FILES.example("customer.registered", 1).path("customerId").asText());
        assertThat(FILES.read("examples/" + STAFF_EVENTS.headerExample()).path("ce_subject").asText())
                .isEqualTo(FILES.example("staff.joined", 1).path("staffId").asText());
    }

    private static String typeOf(Object event) {
        if (event instanceof CustomerEvent e) return e.type();
        if (event instanceof StaffEvent e) return e.type();
        if (event instanceof TeamEvent e) return e.type();
        return ((HandoverEvent) event).type();
    }

    private static int schemaVersion(Object event) {
        if (event instanceof CustomerEvent e) return e.schemaVersion();
        if (event instanceof StaffEvent e) return e.schemaVersion();
        if (event instanceof TeamEvent e) return e.schemaVersion();
        return ((HandoverEvent) event).schemaVersion();
    }
}
