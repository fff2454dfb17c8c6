package dialer.ami;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AMI OriginateResponse reasons, SIP response statuses and Q.850 hang-up causes, mapped to {@link
 * CallOutcome}s.
 *
 * <p>Originate reasons (Asterisk's last control frame): 0 no such channel / failed, 1 hung up,
 * 3 ringing timed out, 4 answered, 5 busy, 8 congestion. Asterisk turns a SIP status into a Q.850
 * cause that loses what matters to a collections dialer (403, 603 and 401 all become 21 "call
 * rejected"; a 302 followed as a forward ends as a plain hang-up), so the SIP status (the Hangup
 * event's {@code TechCause}) decides when there is one.
 */
public final class OutcomeMapping {

    private OutcomeMapping() {
    }

    /** The outcome an unsuccessful originate's reason decides alone, or null when the cause must tell. */
    public static CallOutcome fromOriginateReason(int reason) {
        return switch (reason) {
            case 3 -> CallOutcome.NO_ANSWER;
            case 5 -> CallOutcome.BUSY;
            case 8 -> CallOutcome.CONGESTION;
            default -> null;
        };
    }

    /** The outcome a Q.850 hang-up cause of an unanswered call means. */
    public static CallOutcome fromHangupCause(int cause) {
        return switch (cause) {
            // unallocated number, no route to network/destination, number changed
            case 1, 2, 3, 22 -> CallOutcome.INVALID_NUMBER;
            // invalid number format: our dial string, as often as the number
            case 28 -> CallOutcome.NUMBER_FORMAT_REFUSED;
            case 17 -> CallOutcome.BUSY;
            // no user responding, no answer, subscriber absent
            case 18, 19, 20 -> CallOutcome.NO_ANSWER;
            case 21 -> CallOutcome.REJECTED;
            // no circuit available, network out of order, temporary failure, switching congestion,
            // requested channel not available, resources unavailable
            case 34, 38, 41, 42, 44, 47 -> CallOutcome.CONGESTION;
            default -> CallOutcome.FAILED;
        };
    }

    /**
     * The outcome a SIP final response of an unanswered call means, or null when the status says
     * nothing more than its Q.850 cause (0: no SIP status known).
     */
    public static CallOutcome fromSipStatus(int status) {
        if (status >= 300 && status < 400) {
            return CallOutcome.REDIRECTED;
        }
        return switch (status) {
            // our credentials were refused: the trunk's fault, not the callee's
            case 401, 407 -> CallOutcome.TRUNK_FAILURE;
            case 403 -> CallOutcome.REJECTED;
            // not found, gone, does not exist anywhere, ambiguous
            case 404, 410, 485, 604 -> CallOutcome.INVALID_NUMBER;
            case 484 -> CallOutcome.NUMBER_FORMAT_REFUSED;
            case 486, 600 -> CallOutcome.BUSY;
            // request timeout, temporarily unavailable, terminated (our own CANCEL at the ring timeout)
            case 408, 480, 487 -> CallOutcome.NO_ANSWER;
            // decline, unwanted, rejected
            case 603, 607, 608 -> CallOutcome.DECLINED;
            case 500, 502, 503, 504 -> CallOutcome.CONGESTION;
            default -> null;
        };
    }

    /** The outcome of an unanswered call from its SIP status (when known) and its Q.850 cause. */
    public static CallOutcome of(int sipStatus, int cause) {
        CallOutcome bySip = fromSipStatus(sipStatus);
        return bySip != null ? bySip : fromHangupCause(cause);
    }

    private static final Pattern STATUS = Pattern.compile("(?<!\\d)([1-6]\\d\\d)(?!\\d)");

    /**
     * The SIP status in a Hangup event's {@code TechCause} (e.g. {@code 486}, or a text naming it
     * such as {@code SIP 486 Busy Here}); 0 when there is none.
     */
    public static int sipStatusOf(String techCause) {
        if (techCause == null || techCause.isBlank()) {
            return 0;
        }
        Matcher m = STATUS.matcher(techCause);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
