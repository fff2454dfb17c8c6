package dialer.compliance.rules;

import dialer.compliance.CallRequest;
import dialer.compliance.ListEntry;
import dialer.compliance.ListKind;
import dialer.compliance.PastAttempt;
import dialer.compliance.zone.CalleeZones;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything a rule may look at: the request, the instant, the callee's zones, the past attempts
 * touching this debtor or this number, and the active list entries for this debtor or number
 * (global or of this campaign).
 */
public record EvaluationContext(CallRequest request, Instant now, CalleeZones zones, List<PastAttempt> history,
                                List<ListEntry> lists) {

    public EvaluationContext {
        history = List.copyOf(history);
        lists = List.copyOf(lists);
    }

    /** Active entries of a list that concern this request's debtor (for debtor lists) or number (for phone lists). */
    public Stream<ListEntry> entries(ListKind kind) {
        return lists.stream()
                .filter(e -> e.kind() == kind)
                .filter(e -> e.campaignId() == null || e.campaignId().equals(request.campaignId()))
                .filter(e -> e.activeAt(now))
                .filter(e -> switch (kind) {
                    case DO_NOT_CALL -> request.phone().equals(e.phone());
                    case CONSENT -> request.phone().equals(e.phone()) && request.debtorId().equals(e.debtorId());
                    default -> request.debtorId().equals(e.debtorId());
                });
    }
}
