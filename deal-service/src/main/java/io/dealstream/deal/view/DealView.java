package io.dealstream.deal.view;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code deal_view}: the filterable columns of a deal and its full API document. */
@Entity
@Table(name = "deal_view")
public class DealView {

    @Id
    public UUID id;
    @Column(name = "customer_id")
    public UUID customerId;
    @Column(name = "owner_id")
    public UUID ownerId;
    public String title;
    public BigDecimal amount;
    public String currency;
    @Column(name = "expected_close_date")
    public LocalDate expectedCloseDate;
    public int stage;
    @Column(name = "buyer_stage")
    public Integer buyerStage;
    public boolean misaligned;
    public String status;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    public long version;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String document;
}
