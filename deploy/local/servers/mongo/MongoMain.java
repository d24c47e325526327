import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB wire-protocol server for machines without a real {@code mongod}.
 *
 * <p>Run as a single source file (JEP 330), with mongo-java-server and its H2 backend on the class path:
 * <pre>java -cp '.dealstream/lib/mongo/*' deploy/local/servers/mongo/MongoMain.java DBFILE HOST PORT</pre>
 *
 * <p>The H2 (MVStore) file keeps the data across restarts. SIGTERM closes the server and the store cleanly (shutdown
 * hook), so nothing written is lost.
 *
 * <p>No oplog: no service uses change streams, and the stand-in's oplog doubled the cost of every write (each insert
 * and update also wrote an oplog document, kept forever in the file). The MVStore page cache is raised from its 16 MB
 * default (env {@code DEALSTREAM_MONGO_CACHE_MB}, default 256): with a smaller one, reads went to the file for pages
 * of collections that had just been written. Both measured in docs/benchmarks.md (forecast rebuild).
 */
public class MongoMain {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: MongoMain DBFILE HOST PORT");
            System.exit(2);
        }
        Path dbFile = Path.of(args[0]).toAbsolutePath();
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        Files.createDirectories(dbFile.getParent());

        int cacheMb = Integer.parseInt(System.getenv().getOrDefault("DEALSTREAM_MONGO_CACHE_MB", "256"));
        MVStore store = new MVStore.Builder().fileName(dbFile.toString()).cacheSize(cacheMb).open();
        H2Backend backend = new H2Backend(store);
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        System.out.printf("mongo-java-server listening on %s:%d, data in %s%n", host, port, dbFile);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("mongo-java-server shutting down");
            server.shutdown(); // stops listening, then closes the backend (commits the MVStore)
            stopped.countDown();
        }, "mongo-shutdown"));
        stopped.await();
    }
}
