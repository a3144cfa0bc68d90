/**
 * What the job accepts from its feeds beyond the rules every event must meet (the schemas module's
 * EventValidation, shared with the API's ingest gateway): the limits on size and time
 * (RecordLimits), and phone numbers in one form (PhoneNumbers).
 */
package io.ordertrack.domain.input;
