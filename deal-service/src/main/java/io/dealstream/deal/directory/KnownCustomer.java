package io.dealstream.deal.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A customer as deal-service knows it from customer-events: that it exists, its account owner and status. */
@Entity
@Table(name = "known_customer")
public class KnownCustomer {
    @Id
    public UUID id;
    @Column(name = "owner_id")
    public UUID ownerId;
    public String status;
    public long version;
}
