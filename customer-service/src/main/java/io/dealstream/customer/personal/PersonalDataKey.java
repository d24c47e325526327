package io.dealstream.customer.personal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The key that encrypts one person's personal data; deleting it is erasure. */
@Entity
@Table(name = "personal_data_key")
public class PersonalDataKey {
    @Id
    @Column(name = "subject_id")
    public UUID subjectId;
    @Column(name = "key_bytes")
    public byte[] keyBytes;
    @Column(name = "created_at")
    public Instant createdAt;
}
