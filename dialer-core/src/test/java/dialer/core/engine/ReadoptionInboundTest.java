package dialer.core.engine;

import dialer.ami.CallEvent;
import dialer.core.call.OpenAttempts.OpenAttempt;
import dialer.core.call.PlacedCall;
import dialer.core.campaign.DialMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A debtor's call to us left open by a crashed run stays an inbound call when it is followed again:
 * a caller still waiting whom the dialplan then gives up on is a missed call, never an abandonment of
 * the outbound campaign, and a caller whose number matched nobody is followed too.
 */
class ReadoptionInboundTest {

    private static final Instant EARLIER = Instant.parse("2026-12-01T18:59:30Z");

    private static OpenAttempt waitingCaller(EngineFixture f, long attemptId, long debtorId) {
        PlacedCall placed = new PlacedCall(attemptId, 1, 0, debtorId, debtorId == 0 ? 0 : 3000 + attemptId, "+12125550" + attemptId,
                null, null, 0, "INBOUND");
        f.db.attempts.put(attemptId, placed);
        return new OpenAttempt(placed, EngineFixture.PBX, "ANSWERED", "ANSWERED_HUMAN", null, EARLIER, EARLIER.plusSeconds(1), null,
                null, null);
    }

    private final EngineFixture f = new EngineFixture(f -> {
        f.addCampaign(1, DialMode.PREDICTIVE, 30);
        f.db.leftOpen.add(waitingCaller(f, 601, 77));
        f.db.leftOpen.add(waitingCaller(f, 602, 0));
    });

    @Test
    void aWaitingCallerTheDialplanGivesUpOnIsAMissedCallNotAnAbandonment() {
        assertThat(f.pbx.adopted).as("no machine detection for callers").containsExactlyInAnyOrder("c601 classified", "c602 classified");
        f.emit(new CallEvent.Abandoned("c601", EARLIER.plusSeconds(61)));
        f.emit(new CallEvent.HungUp("c601", "dlr-c601-1", 16, EARLIER.plusSeconds(70)));
        assertThat(f.db.dispositions.get(601L)).isEqualTo("INBOUND_MISSED");
        assertThat(f.heard).noneMatch(h -> h.startsWith("abandoned 601"));
        f.emit(new CallEvent.HungUp("c602", "dlr-c602-1", 16, EARLIER.plusSeconds(20)));
        assertThat(f.db.dispositions.get(602L)).isEqualTo("INBOUND_HUNG_UP");
    }
}
