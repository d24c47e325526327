package io.dealstream.notification.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.dealstream.notification.rules.WeeklyReview;
import io.dealstream.notification.state.Collections;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Generated weekly funnel reviews, kept as the snapshot the manager was sent (one per team and ISO week). */
@ApplicationScoped
public class WeeklyReviews {

    private final MongoCollection<Document> reviews;
    private final ObjectMapper json;

    public WeeklyReviews(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                         ObjectMapper json) {
        this.reviews = mongo.getDatabase(database).getCollection(Collections.WEEKLY_REVIEWS);
        this.json = json;
    }

    void indexes(@Observes StartupEvent start) {
        reviews.createIndex(Indexes.ascending("managerId", "week"));
    }

    /**
     * Keeps the first snapshot of a team's week and returns the snapshot kept: this one, or the one a run before (or an
     * overlapping run) kept, which a later run does not change. The review's notification is built from what this
     * returns, so the inbox and the kept review always agree.
     */
    public WeeklyReview keep(WeeklyReview review) {
        String id = id(review.teamId(), review.week());
        try {
            reviews.insertOne(Document.parse(json.writeValueAsString(review)).append("_id", id));
            return review;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return kept(id);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private WeeklyReview kept(String id) {
        Document kept = reviews.find(Filters.eq("_id", id)).first();
        kept.remove("_id");
        try {
            return json.readValue(kept.toJson(), WeeklyReview.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Which of these teams' reviews of a week (team id and ISO week) are kept already. */
    public Set<String> kept(Collection<String> ids) {
        Set<String> out = new HashSet<>();
        if (!ids.isEmpty()) {
            reviews.find(Filters.in("_id", List.copyOf(ids))).projection(Projections.include("_id"))
                    .forEach(d -> out.add(d.getString("_id")));
        }
        return out;
    }

    /** A team's review of a week, as kept. */
    public static String id(UUID teamId, String week) {
        return teamId + "|" + week;
    }

    /** The reviews of a manager's teams in one ISO week. */
    public List<JsonNode> of(UUID managerId, String week) {
        List<JsonNode> out = new ArrayList<>();
        reviews.find(Filters.and(Filters.eq("managerId", managerId.toString()), Filters.eq("week", week)))
                .sort(Sorts.ascending("_id")).forEach(d -> {
                    d.remove("_id");
                    try {
                        out.add(json.readTree(d.toJson()));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return out;
    }
}
