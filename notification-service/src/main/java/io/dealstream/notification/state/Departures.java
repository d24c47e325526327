package io.dealstream.notification.state;

import io.dealstream.support.security.DepartedStaff;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Who has departed, as staff-events told: their tokens are refused here too (service-support's filter). */
@ApplicationScoped
public class Departures implements DepartedStaff {

    private final ReactiveMongoCollection<Document> staff;

    public Departures(ReactiveMongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.staff = mongo.getDatabase(database).getCollection(Collections.STAFF);
    }

    @Override
    public Uni<Boolean> departed(UUID staffId) {
        return staff.find(new Document("_id", staffId.toString()).append("departed", true)).collect().first()
                .map(d -> d != null);
    }
}
