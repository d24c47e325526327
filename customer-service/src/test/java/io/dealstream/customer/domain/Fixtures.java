package io.dealstream.customer.domain;

import io.dealstream.customer.domain.CustomerEvent.ContactAdded;
import io.dealstream.customer.domain.CustomerEvent.CustomerRegistered;
import io.dealstream.customer.domain.HandoverEvent.HandoverOpened;
import io.dealstream.customer.domain.StaffEvent.StaffJoined;
import io.dealstream.customer.domain.TeamEvent.TeamCreated;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The four streams under test, the ids they share, and the first event of each. */
final class Fixtures {

    static final Scenario<CustomerState, CustomerEvent, CustomerCommand> CUSTOMERS =
            Scenario.of(CustomerState.NONE, CustomerState::evolve, new CustomerDecider()::decide);
    static final Scenario<StaffState, StaffEvent, StaffCommand> STAFF =
            Scenario.of(StaffState.NONE, StaffState::evolve, new StaffDecider()::decide);
    static final Scenario<TeamState, TeamEvent, TeamCommand> TEAMS =
            Scenario.of(TeamState.NONE, TeamState::evolve, new TeamDecider()::decide);
    static final Scenario<HandoverState, HandoverEvent, HandoverCommand> HANDOVERS =
            Scenario.of(HandoverState.NONE, HandoverState::evolve, new HandoverDecider()::decide);

    static final UUID CUSTOMER = id("c001");
    static final UUID OWNER = id("a001");
    static final UUID COLLEAGUE = id("a002");
    static final UUID SUCCESSOR = id("a003");
    static final UUID TEAM = id("7e01");
    static final UUID OTHER_TEAM = id("7e02");
    static final UUID CONTACT = id("cc01");
    static final UUID DEPARTURE = id("de01");
    static final UUID OPEN_DEAL = id("d001");
    static final UUID CUSTOMER_2 = id("c002");
    static final LocalDate EFFECTIVE = LocalDate.parse("2025-03-01");
    static final Address ADDRESS = new Address("Hafenstraße 12", "20457", "Hamburg", "DE");
    static final EncryptedPersonalData PERSONAL = new EncryptedPersonalData("key-cc01", "Y2lwaGVyLTE=");
    static final EncryptedPersonalData PERSONAL_2 = new EncryptedPersonalData("key-cc01", "Y2lwaGVyLTI=");

    private Fixtures() {
    }

    /** A readable, deterministic UUID ending in {@code suffix}. */
    static UUID id(String suffix) {
        return UUID.fromString("00000000-0000-0000-0000-" + "0".repeat(12 - suffix.length()) + suffix);
    }

    static CustomerRegistered registered() {
        return new CustomerRegistered(CUSTOMER, "Nordwerk Maschinenbau GmbH", "Machinery", "North", ADDRESS,
                "+49 40 123456", "https://nordwerk.example", CustomerStatus.PROSPECT, "~800 staff",
                List.of("Line 3 retrofit"), List.of("key-account"), OWNER);
    }

    static ContactAdded contactAdded() {
        return new ContactAdded(CONTACT, BuyingRole.TECHNICAL_EVALUATOR, PERSONAL);
    }

    static StaffJoined joined() {
        return new StaffJoined(OWNER, TEAM, "Key Account Manager", List.of(Capability.SALES_REP),
                new EncryptedPersonalData("key-a001", "bmFtZStlbWFpbA=="));
    }

    static TeamCreated teamCreated() {
        return new TeamCreated(TEAM, "North", COLLEAGUE, "Europe/Berlin");
    }

    /** OWNER departed on {@link #EFFECTIVE} leaving CUSTOMER and CUSTOMER_2, and OPEN_DEAL (of CUSTOMER). */
    static HandoverOpened handoverOpened(UUID successor) {
        return new HandoverOpened(DEPARTURE, OWNER, EFFECTIVE, successor, List.of(CUSTOMER, CUSTOMER_2),
                List.of(new HandoverDeal(OPEN_DEAL, CUSTOMER)));
    }
}
