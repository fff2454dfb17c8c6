package dialer.ami.asterisk;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The answer of {@code core show uptime seconds} as Asterisk 22 prints it. */
class DialplanFactsTest {

    @Test
    void readsTheUptimeInSeconds() {
        assertThat(DialplanFacts.uptimeSeconds(List.of("System uptime: 5306", "Last reload: 120"))).isEqualTo(5306L);
        assertThat(DialplanFacts.uptimeSeconds(List.of("  System uptime: 3  "))).isEqualTo(3L);
    }

    @Test
    void anythingElseIsUnknown() {
        assertThat(DialplanFacts.uptimeSeconds(List.of("No such command 'core show uptime seconds'"))).isNull();
        assertThat(DialplanFacts.uptimeSeconds(List.of("System uptime: 3 seconds"))).as("the form without 'seconds'").isNull();
        assertThat(DialplanFacts.uptimeSeconds(List.of())).isNull();
        assertThat(DialplanFacts.uptimeSeconds(null)).isNull();
    }
}
