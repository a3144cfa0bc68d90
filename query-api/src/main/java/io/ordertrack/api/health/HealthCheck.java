package io.ordertrack.api.health;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Elasticsearch's health, then the job's heartbeat judged by {@link HealthRules}. */
public final class HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);

    private final ElasticsearchHealth elasticsearch;
    private final JobStatusRepository jobStatus;
    private final HealthThresholds thresholds;
    private final Clock clock;

    public HealthCheck(
            ElasticsearchHealth elasticsearch,
            JobStatusRepository jobStatus,
            HealthThresholds thresholds,
            Clock clock) {
        this.elasticsearch = elasticsearch;
        this.jobStatus = jobStatus;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    public HealthReport check() {
        var elasticsearchDown = elasticsearch.down();
        if (elasticsearchDown.isPresent()) {
            return elasticsearchDown.get();
        }
        try {
            return HealthRules.judge(jobStatus.latest(), clock.instant(), thresholds);
        } catch (Exception e) {
            LOG.warn("Reading the job's heartbeat failed: {}", e.toString());
            return HealthReport.elasticsearchDown("the job's heartbeat cannot be read");
        }
    }
}
