package io.dealstream.eventstore;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event not yet acknowledged by Kafka (table {@code event_publication}, filled by a trigger on insert). */
@Entity
@Table(name = "event_publication")
public class PendingPublication {

    @Id
    public Long position;
}
