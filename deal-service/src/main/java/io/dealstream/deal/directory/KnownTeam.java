package io.dealstream.deal.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A team as deal-service knows it from staff-events: who manages it. */
@Entity
@Table(name = "known_team")
public class KnownTeam {
    @Id
    public UUID id;
    @Column(name = "manager_id")
    public UUID managerId;
    public long version;
}
