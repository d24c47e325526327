package io.dealstream.eventstore;

import io.smallrye.mutiny.Uni;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Recomputes every stream's hash chain from the stored rows and names the first broken link. Reads in keyset pages
 * of (stream, version), one short session each, so it runs over any size of store.
 */
@ApplicationScoped
public class AuditVerifier {

    static final int PAGE = 1000;

    /** The first event whose stored hash does not match its recomputed one, or whose chain link is wrong. */
    public record BrokenLink(UUID streamId, long version, UUID eventId, String reason) {
    }

    /** {@code ok} when every chain verifies; counts of streams and events checked. */
    public record Report(boolean ok, long streams, long events, BrokenLink firstBroken) {
    }

    private final Mutiny.SessionFactory sessions;

    public AuditVerifier(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<Report> verify() {
        return page(new Progress(null, 0, HashChain.GENESIS, 0, 0));
    }

    private record Progress(UUID stream, long version, String hash, long streams, long events) {
    }

    private Uni<Report> page(Progress from) {
        return sessions.withSession(s -> {
            var q = from.stream() == null
                    ? s.createSelectionQuery("from EventRecord e order by e.streamId, e.version", EventRecord.class)
                    : s.createSelectionQuery("from EventRecord e where e.streamId > :s or (e.streamId = :s and e.version > :v)"
                            + " order by e.streamId, e.version", EventRecord.class)
                    .setParameter("s", from.stream()).setParameter("v", from.version());
            return q.setMaxResults(PAGE).getResultList();
        }).flatMap(rows -> {
            Progress p = from;
            for (EventRecord r : rows) {
                boolean sameStream = r.streamId.equals(p.stream());
                String expectedPrev = sameStream ? p.hash() : HashChain.GENESIS;
                long expectedVersion = sameStream ? p.version() + 1 : 1;
                String reason = null;
                if (r.version != expectedVersion) {
                    reason = "version " + expectedVersion + " is missing";
                } else if (!r.prevHash.equals(expectedPrev)) {
                    reason = "previous-hash link does not match the preceding event";
                } else if (!HashChain.hash(r.prevHash, r).equals(r.hash)) {
                    reason = "event content does not match its hash";
                }
                if (reason != null) {
                    return Uni.createFrom().item(new Report(false, p.streams() + (sameStream ? 0 : 1), p.events() + 1,
                            new BrokenLink(r.streamId, r.version, r.eventId, reason)));
                }
                p = new Progress(r.streamId, r.version, r.hash, p.streams() + (sameStream ? 0 : 1), p.events() + 1);
            }
            if (rows.size() < PAGE) {
                return Uni.createFrom().item(new Report(true, p.streams(), p.events(), null));
            }
            return page(p);
        });
    }
}
