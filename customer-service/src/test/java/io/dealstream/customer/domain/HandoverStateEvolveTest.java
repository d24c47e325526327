package io.dealstream.customer.domain;

import static io.dealstream.customer.domain.Fixtures.*;
import static io.dealstream.customer.domain.HandoverItemType.ACCOUNT;
import static io.dealstream.customer.domain.HandoverItemType.DEAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.dealstream.customer.domain.HandoverEvent.HandoverCompleted;
import io.dealstream.customer.domain.HandoverEvent.HandoverItemAssigned;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link HandoverState#evolve}: what each departure left, who took each item, and the lag. */
class HandoverStateEvolveTest {

    private static final Instant OPENED = Instant.parse("2025-03-01T12:00:00Z");
    private static final Instant LATER = Instant.parse("2025-03-08T09:30:00Z");

    @Test
    void openingListsAccountsThenDealsAllOrphaned() {
        HandoverState s = HandoverState.NONE.evolve(handoverOpened(null), OPENED);
        assertThat(s).extracting(HandoverState::id, HandoverState::staffId, HandoverState::effectiveDate,
                        HandoverState::status, HandoverState::openedAt, HandoverState::version)
                .containsExactly(DEPARTURE, OWNER, EFFECTIVE, HandoverStatus.OPEN, OPENED, 1L);
        assertThat(s.items()).containsExactly(
                new HandoverItem(ACCOUNT, CUSTOMER, CUSTOMER, null, null, null, null),
                new HandoverItem(ACCOUNT, CUSTOMER_2, CUSTOMER_2, null, null, null, null),
                new HandoverItem(DEAL, OPEN_DEAL, CUSTOMER, null, null, null, null));
        assertThat(s.orphaned()).hasSize(3);
    }

    @Test
    void eachItemShowsWhoTookItAndTheLag() {
        HandoverState s = HandoverState.NONE.evolve(handoverOpened(SUCCESSOR), OPENED)
                .evolve(new HandoverItemAssigned(ACCOUNT, CUSTOMER, SUCCESSOR, OPENED, 0), OPENED)
                .evolve(new HandoverItemAssigned(DEAL, OPEN_DEAL, COLLEAGUE, LATER, 7), LATER);
        assertThat(s.item(DEAL, OPEN_DEAL)).contains(new HandoverItem(DEAL, OPEN_DEAL, CUSTOMER, COLLEAGUE, LATER, 7L, null));
        assertThat(s.item(ACCOUNT, CUSTOMER))
                .contains(new HandoverItem(ACCOUNT, CUSTOMER, CUSTOMER, SUCCESSOR, OPENED, 0L, null));
        assertThat(s.orphaned()).extracting(HandoverItem::itemId).containsExactly(CUSTOMER_2);
        assertThat(s.status()).isEqualTo(HandoverStatus.OPEN);
    }

    @Test
    void completionClosesIt() {
        HandoverState s = HandoverState.NONE.evolve(handoverOpened(null), OPENED)
                .evolve(new HandoverCompleted(), LATER);
        assertThat(s.status()).isEqualTo(HandoverStatus.COMPLETED);
        assertThat(s.completedAt()).isEqualTo(LATER);
    }
}
