package io.ordertrack.local;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the versions of every document of an index while a test runs, reading them all again and
 * again: a document ever seen at a lower version than before has regressed. What a dashboard
 * polling the index would have seen.
 */
final class VersionWatch implements AutoCloseable {
    private static final int MAX_DOCUMENTS = 10_000;

    private final ElasticsearchClient client;
    private final String index;
    private final Map<String, Long> highest = new HashMap<>();
    private final List<String> regressions = new ArrayList<>();
    private final Thread thread;
    private volatile boolean watching = true;
    private long passes;

    private VersionWatch(ElasticsearchClient client, String index) {
        this.client = client;
        this.index = index;
        this.thread = new Thread(this::watch, "version-watch-" + index);
        thread.setDaemon(true);
    }

    static VersionWatch start(ElasticsearchClient client, String index) {
        VersionWatch watch = new VersionWatch(client, index);
        watch.thread.start();
        return watch;
    }

    private void watch() {
        while (watching) {
            try {
                List<Hit<Void>> hits =
                        client.search(
                                        s ->
                                                s.index(index)
                                                        .ignoreUnavailable(true)
                                                        .size(MAX_DOCUMENTS)
                                                        .source(source -> source.fetch(false))
                                                        .version(true),
                                        Void.class)
                                .hits()
                                .hits();
                record(hits);
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // Elasticsearch may be down on purpose; the next pass reads again.
                sleepQuietly();
            }
        }
    }

    private synchronized void record(List<Hit<Void>> hits) {
        for (Hit<Void> hit : hits) {
            long version = hit.version() == null ? 0 : hit.version();
            Long before = highest.put(hit.id(), version);
            if (before != null && version < before) {
                regressions.add(hit.id() + " went from version " + before + " to " + version);
                highest.put(hit.id(), before);
            }
        }
        passes++;
    }

    /** Every regression seen, and how many times the whole index was read. */
    synchronized List<String> regressions() {
        return List.copyOf(regressions);
    }

    synchronized long passes() {
        return passes;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        watching = false;
        thread.interrupt();
        thread.join(10_000);
    }
}
