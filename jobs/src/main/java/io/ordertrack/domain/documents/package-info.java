/**
 * The Elasticsearch documents the job writes, built from its state: orders, alerts, stock, delivery
 * cohorts and routing verdicts. The indices and shared vocabularies are in the documents module
 * (io.ordertrack.documents).
 */
package io.ordertrack.domain.documents;
