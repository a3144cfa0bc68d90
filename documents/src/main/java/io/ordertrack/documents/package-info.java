/**
 * The contract between the job, which writes Elasticsearch documents, and the query API, which
 * reads them: the indices and their mappings ({@link io.ordertrack.documents.Index}), how an index
 * is created behind its alias ({@link io.ordertrack.documents.IndexBootstrap}), the vocabularies
 * documents are filtered on (buckets, store stages, channel states, payment modes) and the sellers'
 * time zone. A renamed bucket or a new field changes this module, and both sides follow.
 */
package io.ordertrack.documents;
