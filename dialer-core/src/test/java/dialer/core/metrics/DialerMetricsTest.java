package dialer.core.metrics;

import dialer.core.engine.DialerEngine;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DialerMetricsTest {

    @Test
    void aCampaignWithNothingLiveLeftReadsZeroCallsInProgressNotItsLastValues() {
        try (DialerMetrics metrics = new DialerMetrics()) {
            Map<String, Integer> stages = new LinkedHashMap<>(Map.of("ringing", 3, "screening", 1, "waiting", 1, "connected", 2));
            metrics.live(new DialerEngine.CampaignLive(7, true, List.of(), stages, 1.5, 2.0, "predictive", 10));
            assertThat(metrics.scrape()).contains("dialer_calls_in_progress{campaign=\"7\",stage=\"ringing\"} 3.0")
                    .contains("dialer_lines_per_agent{campaign=\"7\"} 1.5");

            metrics.idle(7);

            String scraped = metrics.scrape();
            for (String stage : DialerEngine.CampaignLive.STAGES) {
                assertThat(scraped).contains("dialer_calls_in_progress{campaign=\"7\",stage=\"" + stage + "\"} 0.0");
            }
            assertThat(scraped).contains("dialer_lines_per_agent{campaign=\"7\"} 0.0");
        }
    }

    @Test
    void theConnectDelayIsATimerWithItsPercentiles() {
        try (DialerMetrics metrics = new DialerMetrics()) {
            for (int i = 1; i <= 100; i++) {
                metrics.connectDelay(7, i == 100 ? 2_500 : 20 + i);
            }
            String scraped = metrics.scrape();
            assertThat(scraped).contains("dialer_connect_delay_seconds_count{campaign=\"7\"} 100")
                    .containsPattern("dialer_connect_delay_seconds\\{campaign=\"7\",quantile=\"0.5\"} 0\\.0[67]")
                    .contains("dialer_connect_delay_seconds_max{campaign=\"7\"} 2.5");
        }
    }
}
