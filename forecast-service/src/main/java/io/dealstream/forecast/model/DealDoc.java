package io.dealstream.forecast.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.dealstream.support.messaging.IncomingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The read model of one deal ({@code deal} stream): its current state, every owner it ever had (so a rep's or team's
 * figures can be selected by index even as of a past date) and the compact timeline its figures are computed from
 * (stored packed: {@link PackedHistory}).
 *
 * @param v the last stream version applied (idempotency)
 */
public record DealDoc(@JsonProperty("_id") UUID id, long v, UUID customerId, String title, List<UUID> owners,
                      DealState state,
                      @JsonSerialize(using = PackedHistory.Writer.class)
                      @JsonDeserialize(using = PackedHistory.Reader.class) List<Change> history) {

    public static final String STREAM_TYPE = "deal";

    /** The deal after one more of its events; events that change no figure only advance {@code v}. */
    public static DealDoc evolve(DealDoc doc, IncomingEvent e) {
        long v = e.streamVersion();
        Instant at = e.occurredAt();
        if (e.type().equals("deal.opened")) {
            String[] money = Payloads.money(e, "amount");
            Change opened = Change.of(v, at, Change.Kind.OPENED).withStage(Payloads.integer(e, "stage"))
                    .withMoney(money[0], money[1]).withDate(Payloads.date(e, "expectedCloseDate"))
                    .withOwner(Payloads.uuid(e, "ownerId"), null);
            return new DealDoc(e.streamId(), v, Payloads.uuid(e, "customerId"), e.text("title"),
                    List.of(opened.owner()), DealState.apply(null, opened), PackedHistory.empty().with(opened));
        }
        if (doc == null) {
            throw new IllegalStateException(e.type() + " v" + v + " of deal " + e.streamId() + " before it was opened");
        }
        Change change = switch (e.type()) {
            case "deal.stage-changed" -> Change.of(v, at, Change.Kind.STAGE).withStage(Payloads.integer(e, "to"))
                    .withFrom(Payloads.integer(e, "from"));
            case "deal.amount-changed" -> {
                String[] money = Payloads.money(e, "amount");
                yield Change.of(v, at, Change.Kind.AMOUNT).withMoney(money[0], money[1]);
            }
            case "deal.expected-close-date-changed" -> Change.of(v, at, Change.Kind.CLOSE_DATE)
                    .withDate(Payloads.date(e, "expectedCloseDate"));
            case "deal.owner-reassigned" -> Change.of(v, at, Change.Kind.OWNER)
                    .withOwner(Payloads.uuid(e, "to"), e.uuid("departureId")).withReason(e.text("reason"), null);
            case "deal.buyer-stage-recorded" -> Change.of(v, at, Change.Kind.BUYER_STAGE)
                    .withStage(Payloads.integer(e, "buyerStage"));
            case "deal.won" -> {
                String[] money = e.has("amount") ? Payloads.money(e, "amount") : new String[2];
                yield Change.of(v, at, Change.Kind.WON).withMoney(money[0], money[1])
                        .withDate(Payloads.optionalDate(e, "signedAt"));
            }
            case "deal.lost" -> Change.of(v, at, Change.Kind.LOST).withStage(Payloads.optionalInteger(e, "stage"))
                    .withReason(Payloads.text(e, "reason"), e.text("competitor"));
            case "deal.reopened" -> Change.of(v, at, Change.Kind.REOPENED).withStage(Payloads.optionalInteger(e, "stage"));
            default -> null;
        };
        String title = e.type().equals("deal.title-changed") ? e.text("title") : doc.title;
        if (change == null) {
            return new DealDoc(doc.id, v, doc.customerId, title, doc.owners, doc.state, doc.history);
        }
        List<UUID> owners = doc.owners;
        if (change.owner() != null && !owners.contains(change.owner())) {
            owners = new ArrayList<>(owners);
            owners.add(change.owner());
        }
        return new DealDoc(doc.id, v, doc.customerId, title, List.copyOf(owners), DealState.apply(doc.state, change),
                PackedHistory.of(doc.history).with(change));
    }

    /** The deal as it was at {@code instant} (its changes with occurredAt at or before it), or null if not yet opened. */
    public DealState asOf(Instant instant) {
        DealState s = null;
        for (Change c : history) {
            if (c.at().isAfter(instant)) {
                break;
            }
            s = DealState.apply(s, c);
        }
        return s;
    }
}
