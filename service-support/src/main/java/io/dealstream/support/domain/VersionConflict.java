package io.dealstream.support.domain;

/** The stream is not at the version the caller expected ({@code If-Match}): answered 412. */
public class VersionConflict extends RuntimeException {

    private final long expected;
    private final long actual;

    public VersionConflict(long expected, long actual) {
        super("expected version " + expected + " but the resource is at version " + actual, null, false, false);
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
