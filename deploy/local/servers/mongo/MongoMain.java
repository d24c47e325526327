import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB wire-protocol server for machines without a real {@code mongod}.
 *
 * <p>Run as a single source file (JEP 330), with mongo-java-server and its H2 backend on the class path:
 * <pre>java -cp '.dealstream/lib/mongo/*' deploy/local/servers/mongo/MongoMain.java DBFILE HOST PORT</pre>
 *
 * <p>The H2 (MVStore) file keeps the data across restarts. The oplog is enabled so that change streams work.
 * SIGTERM closes the server and the store cleanly (shutdown hook), so nothing written is lost.
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

        H2Backend backend = new H2Backend(dbFile.toString());
        MongoServer server = new MongoServer(backend);
        server.enableOplog(); // must come before bind: change streams read the oplog
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
