package io.dealstream.notification.restart;

import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** One half of {@link RestartCheck}, in the application instance of the default test profile. */
@QuarkusTest
class RestartTest {

    @Inject
    MongoClient mongo;

    @Test
    void nothingIsSentTwiceAcrossARestart() {
        RestartCheck.perform(mongo, "default");
    }
}
