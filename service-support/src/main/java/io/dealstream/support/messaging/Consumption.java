package io.dealstream.support.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
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

    public static Uni<Void> consume(Message<String> message, ObjectMapper json, Function<IncomingEvent, Uni<Void>> apply) {
        IncomingEvent event;
        try {
            event = IncomingEvent.of(message, json);
        } catch (IncomingEvent.Unreadable e) {
            LOG.warnf("dead-lettering an unreadable message: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        return Uni.createFrom().deferred(() -> apply.apply(event))
                .onFailure().retry().atMost(TRANSIENT_RETRIES)
                .onItem().transformToUni(ignored -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> {
                    if (stopping) {
                        // Neither ack nor nack: the offset is not committed and the message comes again after restart.
                        return Uni.createFrom().nothing();
                    }
                    LOG.warnf(failure, "dead-lettering %s v%d of %s", event.type(), event.streamVersion(), event.streamId());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }
}
