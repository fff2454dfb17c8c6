package dialer.compliance.rules;

import dialer.compliance.CallRequest;
import dialer.compliance.ConsumerRequest;
import dialer.compliance.ListEntry;
import dialer.compliance.ListKind;
import dialer.compliance.PastAttempt;
import dialer.compliance.zone.CalleeZones;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything a rule may look at: the request, the instant, the callee's zones, the past attempts
 * touching this debtor or this number, and the active list entries for this debtor or number
 * (global, of this campaign or of its creditor), and the debtor's consumer requests.
 */
public record EvaluationContext(CallRequest request, Instant now, CalleeZones zones, List<PastAttempt> history,
                                List<ListEntry> lists, List<ConsumerRequest> consumerRequests) {

    public EvaluationContext {
        history = List.copyOf(history);
        lists = List.copyOf(lists);
        consumerRequests = consumerRequests == null ? List.of() : List.copyOf(consumerRequests);
    }

    /** A context without consumer requests. */
    public EvaluationContext(CallRequest request, Instant now, CalleeZones zones, List<PastAttempt> history,
                             List<ListEntry> lists) {
        this(request, now, zones, history, lists, List.of());
    }

    /**
     * The consumer request this call would be placed on: one that covers this debtor, number, debts
     * and instant ({@link ConsumerRequest#covers}) and that no earlier call used (a call placed on a
     * request, reserved and not released or lapsed, spends it). The earliest requested first.
     */
    public Optional<ConsumerRequest> consumerRequest() {
        return consumerRequests.stream()
                .filter(q -> q.covers(request, now))
                .filter(q -> history.stream().noneMatch(a -> a.consumerRequestId() != null
                        && a.consumerRequestId() == q.id() && a.counts(now)))
                .min(Comparator.comparing(ConsumerRequest::requestedFor).thenComparingLong(ConsumerRequest::id));
    }

    /** {@link #consumerRequest()} when the call also falls within its 7-day consent period (12 CFR 1006.14(b)(3)(i)). */
    public Optional<ConsumerRequest> regFConsent() {
        return consumerRequest().filter(q -> q.withinRegFConsentPeriod(now));
    }

    /** Active entries of a list that concern this request's debtor (for debtor lists) or number (for phone lists). */
    public Stream<ListEntry> entries(ListKind kind) {
        return lists.stream()
                .filter(e -> e.kind() == kind)
                .filter(e -> e.holdsFor(request.campaignId(), request.creditorId()))
                .filter(e -> e.activeAt(now))
                .filter(e -> switch (kind) {
                    case DO_NOT_CALL -> request.phone().equals(e.phone());
                    case CONSENT -> request.phone().equals(e.phone()) && request.debtorId().equals(e.debtorId());
                    default -> request.debtorId().equals(e.debtorId());
                });
    }
}
