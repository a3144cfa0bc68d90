/**
 * What the job accepts from its feeds: the rules an event must meet (EventValidation), the limits
 * on size and time (RecordLimits), and phone numbers in one form (PhoneNumbers).
 */
package io.ordertrack.domain.input;
