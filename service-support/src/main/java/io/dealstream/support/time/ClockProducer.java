package io.dealstream.support.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** "Now" for every service: the system clock in UTC, replaceable by tests and simulations with their own bean. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @DefaultBean
    @jakarta.inject.Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
