package io.ordertrack.simulator;

/**
 * A seller's account with a courier: the unit a courier's feed comes in, with its own API keys and
 * its own schedule of sending scans.
 */
record CourierAccount(String tenantId, String courier) {
    static CourierAccount of(OrderStory story) {
        return new CourierAccount(story.tenant().id(), story.courier());
    }
}
