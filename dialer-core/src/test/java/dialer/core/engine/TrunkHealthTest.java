package dialer.core.engine;

import dialer.ami.CallEvent;
import dialer.core.trunk.Trunk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrunkHealthTest {

    private final Instant t = Instant.parse("2026-12-06T15:00:00Z");
    private final List<String> told = new ArrayList<>();
    private TrunkHealth health;

    private static Trunk trunk(String name, boolean register) {
        return new Trunk(1, name, "sip.carrier.example", 5060, "udp", register ? "acct" : null, register ? "pw" : null, register,
                "sip.carrier.example", "CAMPAIGN", null, 2, 3, "ulaw", null, 60, 10, "admin", Instant.EPOCH, Instant.EPOCH);
    }

    @BeforeEach
    void setUp() {
        ManualEngineThread thread = new ManualEngineThread(new FakeClock(t));
        EngineEvents events = new EngineEvents(thread);
        events.add(new EngineListener() {
            @Override
            public void trunkHealthChanged(String trunk, boolean healthy, String reason) {
                told.add(trunk + " " + (healthy ? "up" : "down: " + reason));
            }
        });
        health = new TrunkHealth(thread, events);
        health.configured(List.of(trunk("carrier", true)), t);
    }

    @Test
    void aNewTrunkIsToldHealthyOnce() {
        assertThat(told).containsExactly("carrier up");
        health.configured(List.of(trunk("carrier", true)), t);
        assertThat(told).hasSize(1);
        assertThat(health.down("carrier", t)).isNull();
        assertThat(health.down("not-a-dialer-trunk", t)).isNull();
    }

    @Test
    void anUnansweredQualifyStopsDialingUntilItAnswersAgain() {
        health.peer(new CallEvent.PeerHealth(CallEvent.PeerHealth.Source.CONTACT, "carrier-aor", "Unreachable", false,
                "qualify of sip:sip.carrier.example:5060: Unreachable", t));
        assertThat(health.down("carrier", t)).contains("qualify");
        health.peer(new CallEvent.PeerHealth(CallEvent.PeerHealth.Source.CONTACT, "carrier-aor", "Reachable", true, "", t));
        assertThat(health.down("carrier", t)).isNull();
        assertThat(told).hasSize(3).last().isEqualTo("carrier up");
    }

    @Test
    void aRefusedRegistrationStopsDialing() {
        health.peer(new CallEvent.PeerHealth(CallEvent.PeerHealth.Source.REGISTRATION, "sip:sip.carrier.example:5060", "Rejected",
                false, "registration to sip:sip.carrier.example:5060: Rejected", t));
        assertThat(health.down("carrier", t)).contains("registration");
        health.peer(new CallEvent.PeerHealth(CallEvent.PeerHealth.Source.REGISTRATION, "sip:sip.carrier.example:5060",
                "Registered", true, "", t));
        assertThat(health.down("carrier", t)).isNull();
    }

    @Test
    void callsFailingAtTheTrunkPauseItThenItIsTriedAgain() {
        health.callFailed("carrier", "SIP 401", t);
        assertThat(health.down("carrier", t.plusSeconds(1))).contains("SIP 401");
        assertThat(health.down("carrier", t.plus(TrunkHealth.CALL_FAILURE_PAUSE))).isNull();
        assertThat(told).containsExactly("carrier up", "carrier down: calls fail at the trunk: SIP 401", "carrier up");
    }

    @Test
    void itsCapsLimitCallsUpAndCallsPerSecond() {
        assertThat(health.room("carrier", 0, 1000)).isEqualTo(2);
        assertThat(health.room("carrier", 2, 1000)).isZero();
        health.placing("carrier", 1000);
        health.placing("carrier", 1100);
        health.placing("carrier", 1200);
        assertThat(health.room("carrier", 0, 1300)).as("3 per second used").isZero();
        assertThat(health.room("carrier", 0, 2150)).isEqualTo(2);
        assertThat(health.room("other", 100, 0)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aFixedCallerIdPolicyReplacesTheCampaignsCallerId() {
        Trunk fixed = new Trunk(2, "fixed", "h", 5060, "udp", null, null, false, "h", "FIXED", "+442071234567", 5, 5, "ulaw",
                null, 60, 10, "admin", Instant.EPOCH, Instant.EPOCH);
        health.configured(List.of(trunk("carrier", true), fixed), t);
        assertThat(health.callerId("fixed", "+15550001111")).isEqualTo("+442071234567");
        assertThat(health.callerId("carrier", "+15550001111")).isEqualTo("+15550001111");
        assertThat(health.callerId(null, "+15550001111")).isEqualTo("+15550001111");
    }
}
