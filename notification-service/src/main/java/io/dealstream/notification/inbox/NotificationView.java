package io.dealstream.notification.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A notification as its recipient sees it, in the inbox and on the stream. */
@Schema(name = "Notification")
public record NotificationView(
        UUID id,
        UUID recipientId,
        @Schema(description = "The rule that sent it, e.g. follow-up, weekly-review (see GET /rules)") String rule,
        @Schema(description = "deal, customer, team or handover") String subjectType,
        UUID subjectId,
        @Schema(description = "The occurrence it belongs to: never two notifications of one rule, subject, period and recipient") String period,
        String title,
        String body,
        @Schema(description = "Structured content of the rule (deal, stage, dates, lists to hand over, the review ...)") JsonNode data,
        @Schema(description = "When the rule fell due (business time)") Instant dueAt,
        @Schema(description = "When it was put in the inbox") Instant createdAt,
        boolean read,
        Instant readAt,
        @Schema(description = "E-mail delivery: PENDING, SENT or OFF (channel disabled)") String email) {
}
