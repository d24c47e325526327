package io.dealstream.notification.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A notification a rule says is due: for one recipient, about one subject, in one period. Its {@link #id()} is derived
 * from exactly those four and the rule, so however often the rules run, a notification exists at most once.
 *
 * @param period what makes this occurrence distinct, e.g. the instant the follow-up window started, or an ISO week
 * @param detail the structured content (a record), shown in the inbox as {@code data}
 */
public record Due(String rule, String subjectType, UUID subjectId, String period, UUID recipientId, Instant dueAt,
                  String title, String body, Object detail) {

    public String key() {
        return key(rule, subjectType, subjectId, period, recipientId);
    }

    public UUID id() {
        return id(rule, subjectType, subjectId, period, recipientId);
    }

    /** The id of the notification of these five, before it is built (e.g. to learn whether it exists already). */
    public static UUID id(String rule, String subjectType, UUID subjectId, String period, UUID recipientId) {
        String key = key(rule, subjectType, subjectId, period, recipientId);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String key(String rule, String subjectType, UUID subjectId, String period, UUID recipientId) {
        return rule + "|" + subjectType + "|" + subjectId + "|" + period + "|" + recipientId;
    }
}
