package dialer.ami.asterisk;

import dialer.ami.CallTracker;
import org.asteriskjava.manager.event.ConfbridgeJoinEvent;
import org.asteriskjava.manager.event.ConfbridgeLeaveEvent;
import dialer.ami.OutcomeMapping;
import org.asteriskjava.manager.event.DialStateEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;

import java.time.Instant;

/** Hands the AMI events about calls to the {@link CallTracker}, each as the fact it reports. */
final class TrackerFeed {

    private TrackerFeed() {
    }

    /** Whether {@code event} was one about calls (and the tracker took it). */
    static boolean feed(CallTracker tracker, ManagerEvent event, Instant at) {
        if (event instanceof OriginateResponseEvent e) {
            tracker.originateResponse(e.getUniqueId(), "Success".equalsIgnoreCase(e.getResponse()),
                    e.getReason() == null ? 0 : e.getReason(), at);
        } else if (event instanceof org.asteriskjava.manager.event.HangupEvent e) {
            int sipStatus = e instanceof HangupEvent withTechCause ? OutcomeMapping.sipStatusOf(withTechCause.getTechCause()) : 0;
            tracker.hangup(e.getUniqueId(), e.getCause() == null ? 0 : e.getCause(), sipStatus, at);
        } else if (event instanceof DialStateEvent e) {
            tracker.progress(e.getDestUniqueId(), e.getDialStatus(), at);
        } else if (event instanceof NewStateEvent e) {
            tracker.channelState(e.getUniqueId(), e.getChannelStateDesc(), at);
        } else if (event instanceof DialerAmdEvent e) {
            tracker.machineDetection(e.getUniqueId(), e.getStatus(), e.getCause() == null ? "" : e.getCause(), at);
        } else if (event instanceof DialerWaitingEvent e) {
            tracker.waitingForAgent(e.getUniqueId(), at);
        } else if (event instanceof DialerAbandonedEvent e) {
            tracker.abandoned(e.getUniqueId(), at);
        } else if (event instanceof DialerSafeHarborEvent e) {
            tracker.safeHarbor(e.getUniqueId(), e.getStatus(), at);
        } else if (event instanceof ConfbridgeJoinEvent e) {
            tracker.joinedConference(e.getConference(), e.getUniqueId(), at);
        } else if (event instanceof ConfbridgeLeaveEvent e) {
            tracker.leftConference(e.getConference(), e.getUniqueId(), at);
        } else {
            return false;
        }
        return true;
    }

    /** When Asterisk says the event happened (its own clock), or now when it does not say. */
    static Instant timestampOf(ManagerEvent event) {
        Double ts = event.getTimestamp();
        if (ts == null) {
            return Instant.now();
        }
        long micros = Math.round(ts * 1_000_000);
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    }
}
