package io.dealstream.customer.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code staff_view}. */
@Entity
@Table(name = "staff_view")
public class StaffView extends ViewRow {
    @Column(name = "team_id")
    public UUID teamId;
    public String status;
    @Column(name = "joined_at")
    public Instant joinedAt;
}
