package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dealstream.customer.domain.CustomerEvent.*;
import io.dealstream.customer.domain.HandoverEvent.HandoverCompleted;
import io.dealstream.customer.domain.HandoverEvent.HandoverDealAdded;
import io.dealstream.customer.domain.HandoverEvent.HandoverDealClosed;
import io.dealstream.customer.domain.HandoverEvent.HandoverItemAssigned;
import io.dealstream.customer.domain.StaffEvent.StaffCapabilitiesChanged;
import io.dealstream.customer.domain.StaffEvent.StaffDeparted;
import io.dealstream.customer.domain.StaffEvent.StaffTeamChanged;
import io.dealstream.customer.domain.TeamEvent.TeamManagerChanged;
import io.dealstream.eventstore.relay.CloudEventMapping;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four event catalogues as the event store and the Kafka publisher see them: every record is registered under a
 * type name of its stream, survives the JSON round trip unchanged, and keeps personal data only in its top-level
 * {@code personal} field, which the publisher strips.
 */
class EventCatalogueTest {

    /** Configured like Quarkus's ObjectMapper, which writes the stored and published payloads. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Instant AT = Instant.parse("2025-03-05T10:00:00Z");

    private record Catalogue(String streamType, Class<?> sealed, Map<String, ? extends Class<?>> types) {
    }

    private static final List<Catalogue> CATALOGUES = List.of(
            new Catalogue(CustomerEvent.STREAM_TYPE, CustomerEvent.class, CustomerEvent.TYPES),
            new Catalogue(StaffEvent.STREAM_TYPE, StaffEvent.class, StaffEvent.TYPES),
            new Catalogue(TeamEvent.STREAM_TYPE, TeamEvent.class, TeamEvent.TYPES),
            new Catalogue(HandoverEvent.STREAM_TYPE, HandoverEvent.class, HandoverEvent.TYPES));

    /** One fully populated example of every event type. */
    static Stream<Record> examples() {
        return Stream.of(registered(),
                new CustomerDetailsChanged("n", "i", "r", ADDRESS, "p", "w", "s", List.of("x"), List.of("t")),
                new CustomerStatusChanged(CustomerStatus.ACTIVE, CustomerStatus.PROSPECT, "deal won"),
                new CustomerOwnerChanged(OWNER, SUCCESSOR, CustomerOwnerChanged.OWNER_DEPARTED, DEPARTURE),
                new AccountTeamMemberAdded(COLLEAGUE, "LEGAL"), new AccountTeamMemberRemoved(COLLEAGUE),
                contactAdded(), new ContactChanged(CONTACT, BuyingRole.USER, PERSONAL_2),
                new ContactPersonalDataErased(CONTACT),
                new ActivityLogged(id("ac01"), ActivityType.DEMO, AT, "Demo", "Offer", OPEN_DEAL, List.of(OWNER)),
                joined(), new StaffTeamChanged(OTHER_TEAM, TEAM),
                new StaffCapabilitiesChanged(List.of(Capability.LEGAL), List.of(Capability.SALES_REP)),
                new StaffDeparted(DEPARTURE, EFFECTIVE, "Retired", SUCCESSOR),
                teamCreated(), new TeamManagerChanged(SUCCESSOR, COLLEAGUE),
                handoverOpened(SUCCESSOR),
                new HandoverItemAssigned(HandoverItemType.DEAL, OPEN_DEAL, SUCCESSOR, AT, 4),
                new HandoverDealAdded(OPEN_DEAL, CUSTOMER), new HandoverDealClosed(OPEN_DEAL, "LOST"),
                new HandoverCompleted());
    }

    @Test
    void everyRecordOfEachCatalogueIsRegisteredUnderATypeOfItsStream() {
        for (Catalogue c : CATALOGUES) {
            List<Class<?>> registered = List.copyOf(c.types().values());
            assertThat(registered).as(c.streamType()).containsExactlyInAnyOrder(c.sealed().getPermittedSubclasses());
            assertThat(c.types().keySet()).allMatch(type -> type.startsWith(c.streamType() + "."));
        }
    }

    @Test
    void theExamplesCoverEveryType() {
        assertThat(examples().map(EventCatalogueTest::type).toList()).containsExactlyInAnyOrderElementsOf(
                CATALOGUES.stream().flatMap(c -> c.types().keySet().stream()).toList());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void eachExampleIsRegisteredUnderItsOwnTypeAtVersionOne(Record event) {
        Catalogue c = catalogueOf(event);
        assertThat(c.types().get(type(event))).isEqualTo(event.getClass());
        assertThat(CloudEventMapping.ceType(type(event), 1)).isEqualTo("io.dealstream." + type(event) + ".v1");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theJsonHoldsExactlyTheRecordsFieldsAndReadsBackEqual(Record event) throws Exception {
        String json = JSON.writeValueAsString(event);
        JsonNode node = JSON.readTree(json);
        assertThat(new TreeSet<>(iterable(node.fieldNames()))).containsExactlyElementsOf(new TreeSet<>(
                Arrays.stream(event.getClass().getRecordComponents()).map(RecordComponent::getName).toList()));
        assertThat(JSON.readValue(json, catalogueOf(event).types().get(type(event)))).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void personalDataLivesOnlyInTheTopLevelPersonalFieldAndIsNotPublished(Record event) throws Exception {
        for (RecordComponent rc : event.getClass().getRecordComponents()) {
            if (rc.getType() == EncryptedPersonalData.class) {
                assertThat(rc.getName()).isEqualTo(CloudEventMapping.PERSONAL_FIELD);
            } else {
                assertThat(holdsPersonalData(rc.getGenericType())).as(rc.getName()).isFalse();
            }
        }
        String published = CloudEventMapping.publicPayload(JSON.writeValueAsString(event));
        assertThat(published).doesNotContain("ciphertext").doesNotContain("keyId");
    }

    /** Whether a type could carry personal data below the top level (nested records, lists of them). */
    private static boolean holdsPersonalData(Type type) {
        if (type == EncryptedPersonalData.class) {
            return true;
        }
        if (type instanceof ParameterizedType p) {
            return Arrays.stream(p.getActualTypeArguments()).anyMatch(EventCatalogueTest::holdsPersonalData);
        }
        return type instanceof Class<?> c && c.isRecord() && Arrays.stream(c.getRecordComponents())
                .anyMatch(rc -> holdsPersonalData(rc.getGenericType()));
    }

    private static Catalogue catalogueOf(Record event) {
        return CATALOGUES.stream().filter(c -> c.sealed().isInstance(event)).findFirst().orElseThrow();
    }

    private static String type(Record event) {
        if (event instanceof CustomerEvent e) return e.type();
        if (event instanceof StaffEvent e) return e.type();
        if (event instanceof TeamEvent e) return e.type();
        return ((HandoverEvent) event).type();
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
