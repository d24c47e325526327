package io.dealstream.customer.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code team_view}. */
@Entity
@Table(name = "team_view")
public class TeamView extends ViewRow {
    @Column(name = "manager_id")
    public UUID managerId;
    @Column(name = "created_at")
    public Instant createdAt;
}
