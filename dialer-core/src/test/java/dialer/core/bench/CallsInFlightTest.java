package dialer.core.bench;

import dialer.ami.CallOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CallsInFlightTest {

    @Test
    void callTimeIsClippedToTheWindow() {
        List<CallsInFlight.Span> spans = List.of(new CallsInFlight.Span(0, 4_000), new CallsInFlight.Span(3_000, 12_000),
                new CallsInFlight.Span(9_000, Long.MAX_VALUE), new CallsInFlight.Span(11_000, 11_500));
        // window [2 s, 10 s): 2 s + 7 s + 1 s + 0
        assertThat(CallsInFlight.lineMillis(spans, 2_000, 10_000)).isEqualTo(10_000.0);
    }

    @Test
    void aPersonIsInFlightUntilConnectedAndAMachineUntilDetected() throws InterruptedException {
        CallsInFlight calls = new CallsInFlight();
        long from = System.currentTimeMillis();
        calls.callPlaced(1, 10);
        calls.callPlaced(1, 11);
        calls.callResolved(1, 10, CallOutcome.ANSWERED_HUMAN);
        calls.callResolved(1, 11, CallOutcome.ANSWERED_MACHINE);
        Thread.sleep(50);
        long mid = System.currentTimeMillis();
        calls.callConnected(1, 10, 99);
        // its end after it landed changes nothing
        calls.callEnded(1, 10);
        Thread.sleep(50);
        long to = System.currentTimeMillis();
        // the person (10) was still in flight until mid, the machine (11) landed at once
        assertThat(calls.lineMillis(from, to)).isBetween((double) (mid - from) - 5, (double) (mid - from) + 20);
        assertThat(calls.lineMillis(mid + 1, to)).isZero();
    }
}
