package io.dealstream.deal;

import io.dealstream.testing.LocalServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every @QuarkusTest of deal-service runs against real Kafka and PostgreSQL (database deals_test), on this run's own
 * topics ({@link DealTopics}).
 */
@QuarkusTestResource(value = LocalServers.class, initArgs = {
        @ResourceArg(name = "servers", value = "kafka,postgres"),
        @ResourceArg(name = "database", value = "deals_test")})
@QuarkusTestResource(DealTopics.class)
public final class TestServers {
}
