package io.ordertrack.jobs.elasticsearch;

/**
 * A JSON document to index under a deterministic id, with the external version that orders writes:
 * Elasticsearch keeps the highest version, so a replayed or late write never overwrites a newer
 * document. A Flink POJO.
 */
public class IndexedDocument {
    private String id;
    private long version;
    private byte[] json;

    public IndexedDocument() {}

    public IndexedDocument(String id, long version, byte[] json) {
        this.id = id;
        this.version = version;
        this.json = json;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }

    public byte[] getJson() {
        return json;
    }

    public void setJson(byte[] json) {
        this.json = json;
    }
}
