package io.dealstream.customer.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A deal as customer-service knows it from deal-events: its customer, owner and status. */
@Entity
@Table(name = "deal_ref")
public class DealRef {
    @Id
    public UUID id;
    @Column(name = "customer_id")
    public UUID customerId;
    @Column(name = "owner_id")
    public UUID ownerId;
    public String status;
    public long version;
}
