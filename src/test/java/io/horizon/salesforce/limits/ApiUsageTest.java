package io.horizon.salesforce.limits;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ApiUsageTest {

    private final ApiUsage usage = new ApiUsage(Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC), 10);
    private final Logger logger = (Logger) LoggerFactory.getLogger(ApiUsage.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logged);
    }

    @Test
    void readsTheLastReportedUsage() {
        usage.record("api-usage=18/15000");
        usage.record("per-app-api-usage=2/500(appName=x), api-usage=25/15000");

        assertThat(usage.asJson().path("used").asLong()).isEqualTo(25);
        assertThat(usage.asJson().path("max").asLong()).isEqualTo(15000);
        assertThat(usage.asJson().path("at").asText()).isEqualTo("2026-12-03T10:00:00Z");
    }

    @Test
    void knowsNothingBeforeAnAnswerAndIgnoresHeadersWithoutUsage() {
        usage.record(null);
        usage.record("per-app-api-usage=2/500(appName=x)");

        assertThat(usage.asJson()).isNull();
        assertThat(usage.allowsScheduledWork()).isTrue();
    }

    @Test
    void scheduledWorkPausesBelowTheReserveWithOneWarningAndResumesAfterTheReset() {
        usage.record("api-usage=13400/15000");
        boolean beforeReserve = usage.allowsScheduledWork();
        usage.record("api-usage=13600/15000");
        usage.record("api-usage=13700/15000");
        boolean inReserve = usage.allowsScheduledWork();
        usage.record("api-usage=20/15000");

        assertThat(beforeReserve).isTrue();
        assertThat(inReserve).isFalse();
        assertThat(usage.allowsScheduledWork()).isTrue();
        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN).hasSize(1);
    }
}
