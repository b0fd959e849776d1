package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of queries that did not fit one page, kept for their {@code nextRecordsUrl} follow-ups. Bounded: at most
 * {@value #MAX_CURSORS} cursors, each kept {@link #TIME_TO_LIVE}; the oldest go first. Thread-safe.
 */
final class QueryCursors {

    static final int MAX_CURSORS = 200;
    static final Duration TIME_TO_LIVE = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();
    private long lastNumber;

    /** The rows of one query and the page size its caller asked for. */
    record Cursor(List<ObjectNode> rows, int totalSize, int batchSize, Instant openedAt) {
    }

    QueryCursors(Clock clock) {
        this.clock = clock;
    }

    /** Keeps the rows and answers the query locator that names them. */
    synchronized String open(List<ObjectNode> rows, int totalSize, int batchSize) {
        expire();
        while (cursors.size() >= MAX_CURSORS) {
            Iterator<String> oldest = cursors.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        String locator = SalesforceIds.make("01g", ++lastNumber);
        cursors.put(locator, new Cursor(rows, totalSize, batchSize, clock.instant()));
        return locator;
    }

    /** The cursor behind a locator, or null when it is unknown or expired. */
    synchronized Cursor get(String locator) {
        expire();
        return cursors.get(locator);
    }

    synchronized void clear() {
        cursors.clear();
    }

    private void expire() {
        Instant oldestKept = clock.instant().minus(TIME_TO_LIVE);
        cursors.values().removeIf(cursor -> cursor.openedAt().isBefore(oldestKept));
    }
}
