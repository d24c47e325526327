package io.dealstream.customer.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code customer_view}. */
@Entity
@Table(name = "customer_view")
public class CustomerView extends ViewRow {
    public String name;
    public String status;
    @Column(name = "owner_id")
    public UUID ownerId;
    @Column(name = "registered_at")
    public Instant registeredAt;
}
