package dialer.ami.asterisk;

import dialer.ami.CallEvent;
import org.asteriskjava.manager.event.ContactStatusEvent;
import org.asteriskjava.manager.event.RegistryEvent;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Turns Asterisk's qualify and registration events into {@link CallEvent.PeerHealth}. */
final class PeerHealthFeed {

    private PeerHealthFeed() {
    }

    /** A contact's qualify result; only Reachable and Unreachable say anything of its health. */
    static Optional<CallEvent> contact(ContactStatusEvent e, Instant at) {
        String status = e.getContactStatus();
        if (status == null || e.getAor() == null) {
            return Optional.empty();
        }
        boolean reachable = status.equalsIgnoreCase("Reachable");
        if (!reachable && !status.equalsIgnoreCase("Unreachable")) {
            return Optional.empty();
        }
        return Optional.of(new CallEvent.PeerHealth(CallEvent.PeerHealth.Source.CONTACT, e.getAor(), status,
                reachable, "qualify of " + e.getUri() + ": " + status, at));
    }

    /** An outbound registration's state; in progress (request or auth sent) says nothing yet. */
    static Optional<CallEvent> registration(RegistryEvent e, Instant at) {
        String status = e.getStatus();
        if (status == null || e.getDomain() == null) {
            return Optional.empty();
        }
        String s = status.toLowerCase(Locale.ROOT);
        if (s.contains("sent")) {
            return Optional.empty();
        }
        boolean registered = s.equals("registered");
        return Optional.of(new CallEvent.PeerHealth(CallEvent.PeerHealth.Source.REGISTRATION, e.getDomain(), status,
                registered, "registration to " + e.getDomain() + ": " + status
                + (e.getCause() == null || e.getCause().isBlank() ? "" : " (" + e.getCause() + ")"), at));
    }
}
