package io.ordertrack.jobs.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One heartbeat of the job: written when a task attempt starts and on every completed checkpoint,
 * as the job-status document of its consumer group (one per deployment). A partial document: the
 * one written at start leaves the last checkpoint of the previous attempt in place, so a job
 * restarting in a loop shows an ever older checkpoint.
 *
 * @param consumerGroup the deployment, and the document's id
 * @param jobName the Flink job's name
 * @param writtenAt when it was written
 * @param restarts how often the job restarted since it was deployed (the task's attempt number)
 * @param attemptStartedAt when the current attempt started
 * @param checkpointId the checkpoint just completed, or null for the heartbeat at start
 * @param watermarks event time reached per input topic (epoch ms); topics without one are left out
 */
record Heartbeat(
        String consumerGroup,
        String jobName,
        Instant writtenAt,
        int restarts,
        Instant attemptStartedAt,
        Long checkpointId,
        Map<String, Long> watermarks) {

    /**
     * The fields to write, with the consumer lag per topic ({@code lag} empty when it could not be
     * measured: the topics then carry no lag rather than a wrong one).
     */
    Map<String, Object> document(List<String> topics, Map<String, Long> lag) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("consumerGroup", consumerGroup);
        document.put("jobName", jobName);
        document.put("writtenAt", writtenAt.toString());
        document.put("restarts", restarts);
        document.put("attemptStartedAt", attemptStartedAt.toString());
        if (checkpointId != null) {
            document.put("lastCheckpointId", checkpointId);
            document.put("lastCheckpointAt", writtenAt.toString());
        }
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (String topic : topics) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("topic", topic);
            Long watermark = watermarks.get(topic);
            if (watermark != null) {
                input.put("watermark", Instant.ofEpochMilli(watermark).toString());
            }
            Long topicLag = lag.get(topic);
            if (topicLag != null) {
                input.put("lag", topicLag);
            }
            inputs.add(input);
        }
        document.put("inputs", inputs);
        return document;
    }
}
