package io.dealstream.customer.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code handover_view}. */
@Entity
@Table(name = "handover_view")
public class HandoverView extends ViewRow {
    @Column(name = "staff_id")
    public UUID staffId;
    public String status;
    @Column(name = "opened_at")
    public Instant openedAt;
}
