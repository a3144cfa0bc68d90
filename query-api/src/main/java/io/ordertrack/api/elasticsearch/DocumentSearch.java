package io.ordertrack.api.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
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
    /** Groups read per round of a count: a page of a composite aggregation, never more buckets. */
    private static final int GROUPS_PER_ROUND = 1_000;

    /** The most values of a nested field counted under one value of a field. */
    private static final int NESTED_VALUES_PER_VALUE = 10_000;

    private final ElasticsearchClient client;
    private final String index;
    private final SearchLimits limits;

    public DocumentSearch(ElasticsearchClient client, String index, SearchLimits limits) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(index, "index");
        this.limits = Objects.requireNonNull(limits, "limits");
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

    /**
     * A field to group by, the group of documents without it (or null for none), and the query
     * parameter that filters by it (or null for none): the one a client narrows a count with.
     */
    public record Grouping(String field, String missing, String parameter) {
        public static Grouping of(String field) {
            return new Grouping(field, null, null);
        }

        /** This grouping, putting documents without the field in a group of that name. */
        public Grouping orMissing(String missing) {
            return new Grouping(field, missing, parameter);
        }

        /** This grouping, whose field the query parameter filters by. */
        public Grouping filteredBy(String parameter) {
            return new Grouping(field, missing, parameter);
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
                    FilteredSearch.search(
                            client,
                            index,
                            limits,
                            filters,
                            s -> {
                                s.size(size)
                                        .sort(sort)
                                        .trackTotalHits(t -> t.count(EXACT_TOTAL_UP_TO));
                                after.ifPresent(s::searchAfter);
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

    /** Documents read per round of {@link #all}. */
    private static final int DOCUMENTS_PER_ROUND = 1_000;

    /**
     * Every selected document in the sort's order (which must end in a unique field), read in
     * rounds; at most {@code most + 1}, so that a caller can tell there were more than it takes.
     *
     * @param fields the fields of each document to read; none for all of them
     * @throws IOException when Elasticsearch could not answer
     */
    public <T> List<T> all(
            List<Query> filters,
            List<SortOptions> sort,
            List<String> fields,
            int most,
            Class<T> type)
            throws IOException {
        List<T> all = new ArrayList<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> cursor = after;
            int round = (int) Math.min(DOCUMENTS_PER_ROUND, (long) most + 1 - all.size());
            List<Hit<T>> hits =
                    FilteredSearch.search(
                                    client,
                                    index,
                                    limits,
                                    filters,
                                    s -> {
                                        s.size(round).sort(sort);
                                        if (!fields.isEmpty()) {
                                            s.source(f -> f.filter(i -> i.includes(fields)));
                                        }
                                        if (cursor != null) {
                                            s.searchAfter(cursor);
                                        }
                                    },
                                    type)
                            .hits()
                            .hits();
            hits.stream().map(Hit::source).filter(Objects::nonNull).forEach(all::add);
            if (hits.size() < round || all.size() > most) {
                return all;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    /**
     * The selected documents counted by the values of the grouping fields, in that order, read in
     * rounds of a composite aggregation so that no number of groups can exceed Elasticsearch's
     * bucket limit.
     *
     * @throws TooManyGroupsException past {@link SearchLimits#maxGroups()}, naming the parameter of
     *     the grouping field with the most values among those gathered
     */
    public List<GroupCount> count(List<Query> filters, List<Grouping> groupings) {
        List<GroupCount> counts = new ArrayList<>();
        Map<String, FieldValue> after = null;
        do {
            CompositeAggregate round = countRound(filters, groupings, after);
            if (round == null) {
                return counts; // no index yet
            }
            for (CompositeBucket bucket : round.buckets().array()) {
                List<String> values = new ArrayList<>();
                for (int level = 0; level < groupings.size(); level++) {
                    FieldValue value = bucket.key().get(source(level));
                    values.add(
                            value == null || value.isNull()
                                    ? groupings.get(level).missing()
                                    : value._toJsonString());
                }
                counts.add(new GroupCount(values, bucket.docCount()));
            }
            if (counts.size() > limits.maxGroups()) {
                throw tooMany(counts, groupings);
            }
            after = round.buckets().array().size() < GROUPS_PER_ROUND ? null : round.afterKey();
        } while (after != null && !after.isEmpty());
        return counts;
    }

    /** Of the nested objects under a value of a field: how many, and how many match a query. */
    public record NestedCount(String value, String nestedValue, long count, long matching) {}

    /**
     * Per value of {@code field} of the selected documents, per value of {@code nestedField} of
     * their nested objects under {@code path}: how many nested objects, and how many of them match
     * {@code matching} (e.g. per courier, per hub of their failed attempts: the attempts, and the
     * suspicious ones). At most the limits' groups; more answer 400.
     */
    public List<NestedCount> nestedCounts(
            List<Query> filters, String field, String path, String nestedField, Query matching) {
        int most = Math.min(limits.maxGroups(), NESTED_VALUES_PER_VALUE);
        Map<String, Aggregation> measures =
                Map.of(
                        "nested",
                        Aggregation.of(
                                a ->
                                        a.nested(n -> n.path(path))
                                                .aggregations(
                                                        "values",
                                                        v ->
                                                                v.terms(
                                                                                t ->
                                                                                        t.field(
                                                                                                        path
                                                                                                                + "."
                                                                                                                + nestedField)
                                                                                                .size(
                                                                                                        most
                                                                                                                + 1))
                                                                        .aggregations(
                                                                                "matching",
                                                                                m ->
                                                                                        m.filter(
                                                                                                matching)))));
        List<NestedCount> counts = new ArrayList<>();
        Map<String, FieldValue> after = null;
        do {
            CompositeAggregate round;
            try {
                round =
                        FilteredSearch.groups(
                                client,
                                index,
                                limits,
                                filters,
                                List.of(
                                        Map.of(
                                                "value",
                                                CompositeAggregationSource.of(
                                                        c -> c.terms(t -> t.field(field))))),
                                GROUPS_PER_ROUND,
                                Optional.ofNullable(after),
                                measures);
            } catch (IOException e) {
                throw new ElasticsearchUnavailableException("Counts of " + index + " failed", e);
            }
            if (round == null) {
                return counts; // no index yet
            }
            for (CompositeBucket bucket : round.buckets().array()) {
                String value = bucket.key().get("value")._toJsonString();
                List<StringTermsBucket> nested =
                        bucket.aggregations()
                                .get("nested")
                                .nested()
                                .aggregations()
                                .get("values")
                                .sterms()
                                .buckets()
                                .array();
                if (nested.size() > most) {
                    throw new TooManyGroupsException(most, null, nested.size());
                }
                for (StringTermsBucket inner : nested) {
                    counts.add(
                            new NestedCount(
                                    value,
                                    inner.key().stringValue(),
                                    inner.docCount(),
                                    inner.aggregations().get("matching").filter().docCount()));
                }
            }
            if (counts.size() > limits.maxGroups()) {
                throw new TooManyGroupsException(limits.maxGroups(), null, counts.size());
            }
            after = round.buckets().array().size() < GROUPS_PER_ROUND ? null : round.afterKey();
        } while (after != null && !after.isEmpty());
        return counts;
    }

    private TooManyGroupsException tooMany(List<GroupCount> counts, List<Grouping> groupings) {
        String parameter = null;
        long mostValues = 0;
        for (int level = 0; level < groupings.size(); level++) {
            int at = level;
            long values = counts.stream().map(count -> count.values().get(at)).distinct().count();
            if (groupings.get(level).parameter() != null && values > mostValues) {
                parameter = groupings.get(level).parameter();
                mostValues = values;
            }
        }
        return new TooManyGroupsException(limits.maxGroups(), parameter, mostValues);
    }

    private CompositeAggregate countRound(
            List<Query> filters, List<Grouping> groupings, Map<String, FieldValue> after) {
        List<Map<String, CompositeAggregationSource>> sources = new ArrayList<>();
        for (int level = 0; level < groupings.size(); level++) {
            Grouping grouping = groupings.get(level);
            sources.add(
                    Map.of(
                            source(level),
                            CompositeAggregationSource.of(
                                    c ->
                                            c.terms(
                                                    t ->
                                                            t.field(grouping.field())
                                                                    .missingBucket(
                                                                            grouping.missing()
                                                                                    != null)))));
        }
        try {
            return FilteredSearch.groups(
                    client,
                    index,
                    limits,
                    filters,
                    sources,
                    GROUPS_PER_ROUND,
                    Optional.ofNullable(after),
                    Map.of());
        } catch (IOException e) {
            throw new ElasticsearchUnavailableException("Counts of " + index + " failed", e);
        }
    }

    private static String source(int level) {
        return "g" + level;
    }
}
