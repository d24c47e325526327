package io.dealstream.support.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Tells {@link Consumption} that the service is stopping, so messages failing on closed pools are not dead-lettered. */
@ApplicationScoped
public class ConsumptionLifecycle {

    void onStop(@Observes ShutdownEvent event) {
        Consumption.stopping();
    }
}
