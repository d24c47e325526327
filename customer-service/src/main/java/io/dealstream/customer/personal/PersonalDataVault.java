package io.dealstream.customer.personal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealstream.customer.domain.EncryptedPersonalData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Encrypts a person's personal data (contact details, profile notes, staff names) with that person's own AES-256-GCM
 * key, and erases it by destroying the key. Events only ever hold the ciphertext.
 */
@ApplicationScoped
public class PersonalDataVault {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json;
    private final Clock clock;

    public PersonalDataVault(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** Encrypts the fields under the subject's key, creating the key on first use (inside the caller's transaction). */
    public Uni<EncryptedPersonalData> seal(Mutiny.Session session, UUID subjectId, Map<String, Object> fields) {
        return session.find(PersonalDataKey.class, subjectId).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            PersonalDataKey key = new PersonalDataKey();
            key.subjectId = subjectId;
            key.keyBytes = new byte[32];
            random.nextBytes(key.keyBytes);
            key.createdAt = clock.instant();
            return session.persist(key).replaceWith(key);
        }).map(key -> new EncryptedPersonalData(subjectId.toString(), encrypt(key.keyBytes, fields)));
    }

    /** The decrypted fields, or empty when the key was destroyed (the data is erased). */
    public Uni<Optional<Map<String, Object>>> open(Mutiny.Session session, EncryptedPersonalData data) {
        if (data == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return session.find(PersonalDataKey.class, UUID.fromString(data.keyId()))
                .map(key -> key == null ? Optional.empty() : Optional.of(decrypt(key.keyBytes, data.ciphertext())));
    }

    /** Destroys the subject's key: every ciphertext under it becomes unreadable for good. */
    public Uni<Void> shred(Mutiny.Session session, UUID subjectId) {
        return session.createMutationQuery("delete from PersonalDataKey k where k.subjectId = :id")
                .setParameter("id", subjectId).executeUpdate().replaceWithVoid();
    }

    private String encrypt(byte[] key, Map<String, Object> fields) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(fields));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot encrypt personal data", e);
        }
    }

    private Map<String, Object> decrypt(byte[] key, String ciphertext) {
        try {
            byte[] all = Base64.getDecoder().decode(ciphertext);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            return json.readValue(new String(plain, StandardCharsets.UTF_8), FIELDS);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot decrypt personal data", e);
        }
    }
}
