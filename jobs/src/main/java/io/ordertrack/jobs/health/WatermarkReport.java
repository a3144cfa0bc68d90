package io.ordertrack.jobs.health;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Turns the watermarks of one input into records for the heartbeat, at most once a second per
 * subtask, and drops the input's events. An operator rather than a function: functions see
 * watermarks only along with events, and an idle input has none.
 *
 * @param <T> the input's events
 */
public final class WatermarkReport<T> extends AbstractStreamOperator<InputWatermark>
        implements OneInputStreamOperator<T, InputWatermark> {
    private static final long serialVersionUID = 1L;
    private static final long REPORT_EVERY_MS = 1_000;

    private final String topic;
    private transient long lastReportedAt;
    private transient long watermark = Long.MIN_VALUE;

    public WatermarkReport(String topic) {
        this.topic = topic;
    }

    @Override
    public void processElement(StreamRecord<T> element) {}

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark);
        watermark = mark.getTimestamp();
        long now = System.currentTimeMillis();
        if (now - lastReportedAt >= REPORT_EVERY_MS) {
            lastReportedAt = now;
            report(false);
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        super.processWatermarkStatus(status);
        report(status.isIdle());
    }

    private void report(boolean idle) {
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        output.collect(new StreamRecord<>(new InputWatermark(topic, subtask, watermark, idle)));
    }
}
