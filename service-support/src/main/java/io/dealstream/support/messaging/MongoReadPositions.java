package io.dealstream.support.messaging;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

/**
 * {@link ReadPositions} kept in a MongoDB collection of the read model's own database, one document per partition:
 * {@code {_id: "deal-events/0", topic, partition, next}}. Raised with {@code $max}, so a position never goes back.
 */
public final class MongoReadPositions implements ReadPositions.Store {

    private final Supplier<MongoCollection<Document>> collection;

    /** @param collection the collection to use at each call (a read model that switches generations switches it) */
    public MongoReadPositions(Supplier<MongoCollection<Document>> collection) {
        this.collection = collection;
    }

    @Override
    public Map<TopicPartition, Long> load(Collection<TopicPartition> partitions) {
        List<String> ids = partitions.stream().map(MongoReadPositions::id).toList();
        Map<TopicPartition, Long> stored = new HashMap<>();
        for (Document d : collection.get().find(Filters.in("_id", ids))) {
            stored.put(new TopicPartition(d.getString("topic"), d.getInteger("partition")), d.getLong("next"));
        }
        return stored;
    }

    @Override
    public void raise(Map<TopicPartition, Long> next) {
        if (next.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> updates = new ArrayList<>(next.size());
        next.forEach((partition, offset) -> updates.add(new UpdateOneModel<>(Filters.eq("_id", id(partition)),
                Updates.combine(Updates.set("topic", partition.topic()), Updates.set("partition", partition.partition()),
                        Updates.max("next", offset)),
                new UpdateOptions().upsert(true))));
        collection.get().bulkWrite(updates);
    }

    private static String id(TopicPartition partition) {
        return partition.topic() + "/" + partition.partition();
    }
}
