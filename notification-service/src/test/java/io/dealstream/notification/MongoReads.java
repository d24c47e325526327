package io.dealstream.notification;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;

/**
 * What the service reads from MongoDB while a test listens: each {@code find} or {@code getMore} reply, with its
 * collection and how many documents it carried. A command listener on the service's own MongoDB client (Quarkus
 * registers every {@link CommandListener} bean), so it sees the real conversation with the real server.
 */
@ApplicationScoped
public class MongoReads implements CommandListener {

    /** One reply to a read. */
    public record Read(String collection, String command, int documents) {
    }

    private final Map<Integer, String> started = new ConcurrentHashMap<>();
    private final List<Read> reads = new CopyOnWriteArrayList<>();
    private volatile boolean listening;

    public void listen() {
        reads.clear();
        listening = true;
    }

    /** Stops listening; the reads since {@link #listen()}. */
    public List<Read> stop() {
        listening = false;
        return List.copyOf(reads);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!listening) {
            return;
        }
        BsonDocument command = event.getCommand();
        String collection = switch (event.getCommandName()) {
            case "find" -> command.getString("find").getValue();
            case "getMore" -> command.getString("collection").getValue();
            default -> null;
        };
        if (collection != null) {
            started.put(event.getRequestId(), collection);
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        String collection = started.remove(event.getRequestId());
        if (collection == null) {
            return;
        }
        BsonDocument cursor = event.getResponse().getDocument("cursor");
        int documents = cursor.containsKey("firstBatch") ? cursor.getArray("firstBatch").size()
                : cursor.getArray("nextBatch").size();
        reads.add(new Read(collection, event.getCommandName(), documents));
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        started.remove(event.getRequestId());
    }
}
