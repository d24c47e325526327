package io.dealstream.deal.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A staff member who may see a deal as a rep: its owner or a holder of one of its stage roles. */
@Entity
@Table(name = "deal_participant")
@IdClass(DealParticipant.Key.class)
public class DealParticipant {

    @Id
    @Column(name = "deal_id")
    public UUID dealId;

    @Id
    @Column(name = "staff_id")
    public UUID staffId;

    public DealParticipant() {
    }

    public DealParticipant(UUID dealId, UUID staffId) {
        this.dealId = dealId;
        this.staffId = staffId;
    }

    /** Composite key. */
    public record Key(UUID dealId, UUID staffId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
