package io.dealstream.deal.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A staff member as deal-service knows it from staff-events: team, and whether they departed. */
@Entity
@Table(name = "known_staff")
public class KnownStaff {
    @Id
    public UUID id;
    @Column(name = "team_id")
    public UUID teamId;
    public boolean departed;
    @Column(name = "departure_id")
    public UUID departureId;
    public long version;
}
