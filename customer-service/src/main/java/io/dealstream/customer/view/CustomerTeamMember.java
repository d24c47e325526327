package io.dealstream.customer.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** A staff member on a customer's account team (row of {@code customer_team_member}). */
@Entity
@Table(name = "customer_team_member")
@IdClass(CustomerTeamMember.Key.class)
public class CustomerTeamMember {

    @Id
    @Column(name = "customer_id")
    public UUID customerId;

    @Id
    @Column(name = "staff_id")
    public UUID staffId;

    public CustomerTeamMember() {
    }

    public CustomerTeamMember(UUID customerId, UUID staffId) {
        this.customerId = customerId;
        this.staffId = staffId;
    }

    /** Composite key. */
    public record Key(UUID customerId, UUID staffId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
