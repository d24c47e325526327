package io.dealstream.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A random but valid history from a seed: teams, reps, customers with contacts, deals walking through the stages
 * (forward, back, amount and close-date changes, buyer stages, owner changes, activities, won, lost, reopened) and a
 * departure with its handover. The same seed tells the same story; {@code ids} decides the UUIDs it is told with.
 */
public final class Story {

    private final long seed;
    private final int deals;
    private final Map<String, UUID> ids = new HashMap<>();

    public Story(long seed, int deals) {
        this.seed = seed;
        this.deals = deals;
    }

    /** The UUID this telling uses for a symbolic name. */
    public UUID id(String name) {
        return ids.computeIfAbsent(name, n -> UUID.randomUUID());
    }

    public Map<String, UUID> ids() {
        return ids;
    }

    public void tell(Feed feed) {
        Random random = new Random(seed);
        Instant t = Instant.parse("2036-01-01T00:00:00Z");
        List<UUID> reps = new ArrayList<>();
        UUID team = id("team");
        feed.event("team.created", team, t.toString(), id("manager"), """
                {"teamId":"%s","name":"Story team","managerId":"%s","timeZone":"Europe/Vienna"}""".formatted(team, id("manager")));
        for (int i = 0; i < 6; i++) {
            reps.add(id("rep" + i));
            feed.joined(id("rep" + i), team, t.toString());
        }
        List<UUID> customers = new ArrayList<>();
        for (int i = 0; i < Math.max(3, deals / 5); i++) {
            UUID c = id("customer" + i);
            customers.add(c);
            feed.event("customer.registered", c, t.toString(), reps.get(i % reps.size()), """
                    {"customerId":"%s","name":"Story customer %d","region":"R%d","status":"ACTIVE","ownerId":"%s"}"""
                    .formatted(c, i, i % 3, reps.get(i % reps.size())));
            for (int k = 0; k < random.nextInt(3); k++) {
                feed.event("customer.contact-added", c, t.toString(), null, """
                        {"contactId":"%s","buyingRole":"USER"}""".formatted(id("contact" + i + "-" + k)));
            }
        }
        for (int d = 0; d < deals; d++) {
            UUID deal = id("deal" + d);
            UUID customer = customers.get(random.nextInt(customers.size()));
            UUID owner = reps.get(random.nextInt(reps.size()));
            Instant at = t.plusSeconds(3600L * random.nextInt(24 * 200));
            LocalDate close = LocalDate.of(2036, 1, 1).plusDays(random.nextInt(540));
            int stage = 1;
            String currency = random.nextBoolean() ? "EUR" : "USD";
            feed.deal(deal, customer, owner, amount(random), currency, close.toString(), at.toString());
            boolean open = true;
            int steps = 4 + random.nextInt(14);
            for (int s = 0; s < steps; s++) {
                at = at.plusSeconds(3600L * (1 + random.nextInt(24 * 20)));
                String when = at.toString();
                int what = random.nextInt(open ? 10 : 2);
                if (!open) {
                    if (what == 0) {
                        feed.event("deal.reopened", deal, when, null, "{\"stage\":" + stage + "}");
                        open = true;
                    }
                    continue;
                }
                switch (what) {
                    case 0, 1 -> {
                        int to = Math.min(8, stage + 1 + random.nextInt(2));
                        if (to != stage) {
                            feed.stage(deal, stage, to, when);
                            stage = to;
                        }
                    }
                    case 2 -> {
                        if (stage > 1) {
                            feed.stage(deal, stage, stage - 1, when);
                            stage--;
                        }
                    }
                    case 3 -> feed.amount(deal, amount(random), currency, when);
                    case 4 -> {
                        close = close.plusDays(random.nextInt(60) - 20);
                        feed.closeDate(deal, close.toString(), when);
                    }
                    case 5 -> feed.buyerStage(deal, 1 + random.nextInt(8), when);
                    case 6 -> {
                        UUID next = reps.get(random.nextInt(reps.size()));
                        feed.owner(deal, owner, next, null, when);
                        owner = next;
                    }
                    case 7 -> feed.activity(customer, owner, deal, when, reps.get(random.nextInt(reps.size())));
                    case 8 -> {
                        if (stage == 8 || random.nextInt(4) == 0) {
                            feed.won(deal, amount(random), currency, LocalDate.ofInstant(at, java.time.ZoneOffset.UTC).toString(), when);
                            open = false;
                        }
                    }
                    default -> {
                        feed.lost(deal, random.nextBoolean() ? "NO_BUDGET" : "LOST_TO_COMPETITOR",
                                random.nextBoolean() ? "Rival " + random.nextInt(3) : null, stage, when);
                        open = false;
                    }
                }
            }
        }
        // a departure of rep0 with a handover, one deal and one account assigned
        UUID departure = id("departure");
        feed.departed(reps.get(0), "2036-09-01", departure, reps.get(1), "2036-08-30T00:00:00Z");
        feed.handoverOpened(departure, reps.get(0), "2036-09-01", reps.get(1), List.of(customers.get(0)),
                Map.of(id("deal0"), customers.get(0)), "2036-08-30T01:00:00Z");
        feed.handoverAssigned(departure, "ACCOUNT", customers.get(0), reps.get(1), 2, "2036-09-03T00:00:00Z");
    }

    private static String amount(Random random) {
        return (1000 + random.nextInt(500_000)) + "." + String.format("%02d", random.nextInt(100));
    }
}
