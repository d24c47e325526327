package io.dealstream.forecast.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** forecast-service's configuration (prefix {@code forecast}); thresholds default to DOMAIN.md's. */
@ConfigMapping(prefix = "forecast")
public interface ForecastConfig {

    /** Days without stage progress after which an open deal is STALLED (DOMAIN.md: 30). */
    @WithDefault("30")
    int stalledDays();

    /** Days after the previous activity (or the opening) by which the next follow-up is due (DOMAIN.md: 15). */
    @WithDefault("15")
    int followUpDays();

    /** Key-person risk: share of reps counted as the top (DOMAIN.md: 20%). */
    @WithDefault("0.20")
    java.math.BigDecimal topShare();

    /** Key-person risk: days in which only the owner had activity with an account to call it single-threaded. */
    @WithDefault("90")
    int singleThreadedDays();

    /**
     * Rebuild: events read from Kafka per fold step (at most one step per reader and two more are in memory at once).
     */
    @WithDefault("5000")
    int rebuildBatchSize();

    /**
     * Rebuild: threads that read and parse, each with its own Kafka consumer on a share of the partitions (one
     * folding thread takes their batches; a stream's events stay in order, as a stream is in one partition).
     */
    @WithDefault("2")
    int rebuildReaders();

    /**
     * Rebuild: documents held in memory before they are written (each is written once per stay in memory); they are
     * written earlier when the heap fills (half of it held after collections, or three quarters in use).
     */
    @WithDefault("100000")
    int rebuildDocumentsInMemory();

    /** Live projection: most events folded and written in one batch. */
    @WithDefault("2000")
    int liveBatchSize();

    /** Live projection: events waiting to be written above which a consumer waits for its own before taking more. */
    @WithDefault("5000")
    int liveBacklog();

    /** Live projection: documents kept in memory between batches (saves reading them again; least recently used go). */
    @WithDefault("20000")
    int liveDocumentsInMemory();

    /**
     * Queries: deals read and folded into a forecast or funnel at a time (keyset pages on {@code _id}): a
     * company-wide figure holds one page of deals in memory, not the company's.
     */
    @WithDefault("1000")
    int queryPageSize();

    /** Projections: threads that send bulk writes at once (1: on the projection's own thread). */
    @WithDefault("2")
    int writeThreads();

    /**
     * Queries: read-model documents kept decoded (per version) between queries, least recently used dropped first.
     * A manager's forecast page polled again re-decodes only the deals that changed.
     */
    @WithDefault("5000")
    int decodedDocumentsCached();

    default Thresholds thresholds() {
        return new Thresholds(stalledDays(), followUpDays(), topShare(), singleThreadedDays());
    }

    /** The thresholds the pure calculations take. */
    record Thresholds(int stalledDays, int followUpDays, java.math.BigDecimal topShare, int singleThreadedDays) {
        public static final Thresholds DEFAULTS = new Thresholds(30, 15, new java.math.BigDecimal("0.20"), 90);
    }
}
