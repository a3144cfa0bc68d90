package io.ordertrack.jobs.health;

/**
 * How far event time has come on one subtask of one input: what {@link WatermarkReport} tells the
 * heartbeat.
 *
 * @param topic the input topic
 * @param subtask the reporting subtask
 * @param watermark the subtask's watermark (epoch ms)
 * @param idle whether the subtask's partitions are idle, so its watermark holds nothing back
 */
public record InputWatermark(String topic, int subtask, long watermark, boolean idle) {}
