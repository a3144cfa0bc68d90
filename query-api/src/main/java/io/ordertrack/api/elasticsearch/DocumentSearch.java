package io.ordertrack.api.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.TotalHits;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Pages and counts of the documents of one index (or alias) that a list of filters selects. The
 * filters always come from a repository, which puts the caller's tenant filter among them; an index
 * that does not exist yet holds nothing.
 */
public final class DocumentSearch {
    /** The most groups of one field a count holds. */
    private static final int MAX_GROUPS = 1_000;

    private final ElasticsearchClient client;
    private final String index;

    public DocumentSearch(ElasticsearchClient client, String index) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(index, "index");
    }

    /**
     * Up to how many selected documents a page counts exactly. Counting every one of a million
     * matches on every page would make Elasticsearch visit them all, where the first page of a
     * sorted list needs only the best few; the exact counts of the buckets are the counts' job.
     */
    public static final int EXACT_TOTAL_UP_TO = 10_000;

    /**
     * A page of documents, the number of all selected (exact when {@code totalExact}, else at least
     * that many: {@link #EXACT_TOTAL_UP_TO}), and the cursor of the next page.
     */
    public record Page(List<ObjectNode> documents, long total, boolean totalExact, String next) {
        public Page {
            documents = List.copyOf(documents);
        }
    }

    /** A field to group by, and the group of documents without it. */
    public record Grouping(String field, String missing) {
        public static Grouping of(String field) {
            return new Grouping(field, null);
        }
    }

    /** How many selected documents share one value of each grouping field. */
    public record GroupCount(List<String> values, long count) {}

    public Page page(
            List<Query> filters,
            List<SortOptions> sort,
            int size,
            Optional<List<FieldValue>> after) {
        try {
            SearchResponse<ObjectNode> response =
                    client.search(
                            s -> {
                                s.index(index)
                                        .ignoreUnavailable(true)
                                        .allowNoIndices(true)
                                        .query(q -> q.bool(b -> b.filter(filters)))
                                        .size(size)
                                        .sort(sort)
                                        .trackTotalHits(t -> t.count(EXACT_TOTAL_UP_TO));
                                after.ifPresent(s::searchAfter);
                                return s;
                            },
                            ObjectNode.class);
            List<Hit<ObjectNode>> hits = response.hits().hits();
            List<ObjectNode> documents =
                    hits.stream().map(Hit::source).filter(Objects::nonNull).toList();
            TotalHits total = response.hits().total();
            long count = total == null ? documents.size() : total.value();
            boolean exact = total == null || total.relation() == TotalHitsRelation.Eq;
            String next =
                    hits.size() == size && !hits.isEmpty()
                            ? PageCursor.encode(hits.get(hits.size() - 1).sort())
                            : null;
            return new Page(documents, count, exact, next);
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("Search of " + index + " failed", e);
        }
    }

    /** The selected documents counted by the values of the grouping fields, in that nesting. */
    public List<GroupCount> count(List<Query> filters, List<Grouping> groupings) {
        try {
            SearchResponse<Void> response =
                    client.search(
                            s ->
                                    s.index(index)
                                            .ignoreUnavailable(true)
                                            .allowNoIndices(true)
                                            .query(q -> q.bool(b -> b.filter(filters)))
                                            .size(0)
                                            .aggregations("group", terms(groupings, 0)),
                            Void.class);
            List<GroupCount> counts = new ArrayList<>();
            collect(response.aggregations().get("group"), List.of(), groupings.size(), counts);
            return counts;
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("Counts of " + index + " failed", e);
        }
    }

    private static Aggregation terms(List<Grouping> groupings, int level) {
        Grouping grouping = groupings.get(level);
        return Aggregation.of(
                a -> {
                    var terms =
                            a.terms(
                                    t -> {
                                        t.field(grouping.field()).size(MAX_GROUPS);
                                        if (grouping.missing() != null) {
                                            t.missing(grouping.missing());
                                        }
                                        return t;
                                    });
                    return level + 1 < groupings.size()
                            ? terms.aggregations(Map.of("group", terms(groupings, level + 1)))
                            : terms;
                });
    }

    private static void collect(
            Aggregate aggregate, List<String> above, int depth, List<GroupCount> counts) {
        if (aggregate == null || !aggregate.isSterms()) {
            return;
        }
        for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
            List<String> values = new ArrayList<>(above);
            values.add(bucket.key().stringValue());
            if (values.size() == depth) {
                counts.add(new GroupCount(List.copyOf(values), bucket.docCount()));
            } else {
                collect(bucket.aggregations().get("group"), values, depth, counts);
            }
        }
    }
}
