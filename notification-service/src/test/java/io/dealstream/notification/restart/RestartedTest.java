package io.dealstream.notification.restart;

import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The other half of {@link RestartCheck}, in an application instance of its own (another test profile). */
@QuarkusTest
@TestProfile(RestartedTest.Restarted.class)
class RestartedTest {

    /** Another profile, so Quarkus stops the application and starts it again for this class. */
    public static class Restarted implements QuarkusTestProfile {
    }

    @Inject
    MongoClient mongo;

    @Test
    void nothingIsSentTwiceAcrossARestart() {
        RestartCheck.perform(mongo, "restarted");
    }
}
