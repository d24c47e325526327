package io.dealstream.support.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * How every consumer handles one message: read the CloudEvent, apply it (idempotently), ack. A message that cannot
 * be read, or that still fails after a few immediate retries, is nacked: the channel's dead-letter strategy sends it
 * to {@code <topic>.dlq.<group>} with the error, and consumption goes on.
 */
public final class Consumption {

    private static final Logger LOG = Logger.getLogger(Consumption.class);
    private static final int TRANSIENT_RETRIES = 3;
    private static volatile boolean stopping;

    private Consumption() {
    }

    /** Set when the service shuts down: a failure then is the closing pools, not the message. */
    static void stopping() {
        stopping = true;
    }

    public static Uni<Void> consume(Message<byte[]> message, ObjectMapper json, Function<IncomingEvent, Uni<Void>> apply) {
        IncomingEvent event;
        try {
            event = IncomingEvent.of(message, json);
        } catch (IncomingEvent.Unreadable e) {
            return Uni.createFrom().completionStage(deadLetterUnreadable(message, e));
        }
        return Uni.createFrom().deferred(() -> apply.apply(event))
                .onFailure().retry().atMost(TRANSIENT_RETRIES)
                .onItem().transformToUni(ignored -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> {
                    if (stopping) {
                        // Neither ack nor nack: the offset is not committed and the message comes again after restart.
                        return Uni.createFrom().nothing();
                    }
                    return Uni.createFrom().completionStage(settle(message, event, failure));
                });
    }

    /**
     * For consumers that apply events later, in batches: the message's CloudEvent, or null when it cannot be read (it
     * is then already on its way to the dead-letter topic). Settle it with {@link #settle} once applied.
     */
    public static IncomingEvent read(Message<byte[]> message, ObjectMapper json) {
        try {
            return IncomingEvent.of(message, json);
        } catch (IncomingEvent.Unreadable e) {
            deadLetterUnreadable(message, e);
            return null;
        }
    }

    private static CompletionStage<Void> deadLetterUnreadable(Message<byte[]> message, IncomingEvent.Unreadable e) {
        LOG.warnf("dead-lettering an unreadable message: %s", e.getMessage());
        return message.nack(e);
    }

    /** Acks a message whose event was applied, or dead-letters it with the failure that it will never get past. */
    public static CompletionStage<Void> settle(Message<byte[]> message, IncomingEvent event, Throwable failure) {
        if (failure == null) {
            return message.ack();
        }
        if (stopping) {
            return new CompletableFuture<>(); // comes again after the restart
        }
        LOG.warnf(failure, "dead-lettering %s v%d of %s", event.type(), event.streamVersion(), event.streamId());
        return message.nack(failure);
    }
}
