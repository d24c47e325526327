package io.dealstream.notification.state;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.dealstream.notification.rules.Facts;
import io.dealstream.notification.rules.Rules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The facts of a rules run read all at once, the way the service read them before it read in pages: deals open at
 * {@code at} (or closed since), their customers and every followed-up customer, staff, teams, handovers. Memory grows
 * with the company, so the service never does this; a test compares a run in pages with it.
 */
public final class EverythingAtOnce {

    private EverythingAtOnce() {
    }

    public static Facts read(MongoDatabase db, StateReader state, Instant at) {
        List<Facts.Deal> deals = new ArrayList<>();
        db.getCollection(Collections.DEALS).find(StateReader.openAt(at))
                .forEach(d -> StateReader.add(deals, StateReader.deal(d)));
        List<Facts.Handover> handovers = new ArrayList<>();
        db.getCollection(Collections.HANDOVERS).find().forEach(d -> StateReader.add(handovers, StateReader.handover(d)));
        Set<String> customerIds = StateReader.customerIds(deals);
        handovers.forEach(h -> h.accounts().forEach(a -> customerIds.add(a.toString())));
        List<Facts.Customer> customers = new ArrayList<>();
        db.getCollection(Collections.CUSTOMERS).find(Filters.or(
                Filters.in("status", List.copyOf(Rules.FOLLOWED_UP_STATUSES)),
                Filters.in("_id", List.copyOf(customerIds)))).forEach(d -> StateReader.add(customers, StateReader.customer(d)));
        Facts people = state.people();
        return Facts.of(deals, customers, people.staff().values(), people.teams().values(), handovers);
    }
}
