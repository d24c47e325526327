package io.dealstream.notification.inbox;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans new notifications out to the clients connected to {@code GET /notifications/stream}, each seeing only its
 * own. In-process: a client sees what this instance puts in the inbox (the rules' runs and their notifications are
 * this instance's); the inbox itself is the durable record.
 */
@ApplicationScoped
public class NotificationHub {

    private final BroadcastProcessor<NotificationView> processor = BroadcastProcessor.create();
    private final AtomicInteger subscribers = new AtomicInteger();

    public synchronized void publish(NotificationView notification) {
        processor.onNext(notification);
    }

    /** The new notifications of one recipient, from now on. */
    public Multi<NotificationView> stream(UUID recipientId) {
        return processor.filter(n -> recipientId.equals(n.recipientId()))
                .onSubscription().invoke(subscribers::incrementAndGet)
                .onTermination().invoke(subscribers::decrementAndGet);
    }

    /** Clients connected now (a gauge, and what tests wait for before expecting an event). */
    public int subscribers() {
        return subscribers.get();
    }
}
