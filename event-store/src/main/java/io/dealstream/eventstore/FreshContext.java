package io.dealstream.eventstore;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A fresh, safe duplicated Vert.x context for work that starts outside a request (a relay wake, a startup task):
 * Hibernate Reactive sessions live on the context, so such work must neither share a request's context (and close
 * its session) nor run without one.
 */
public final class FreshContext {

    private FreshContext() {
    }

    public static Context of(Vertx vertx) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return context;
    }
}
