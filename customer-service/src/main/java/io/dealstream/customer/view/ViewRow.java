package io.dealstream.customer.view;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Common columns of every query view row: id, version of the stream it shows, and its API document. */
@MappedSuperclass
public abstract class ViewRow {
    @Id
    public UUID id;
    public long version;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String document;
}
