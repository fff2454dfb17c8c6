package dialer.compliance.rules;

import dialer.compliance.CallRequest;
import dialer.compliance.PastAttempt;

import java.util.ArrayList;
import java.util.List;

/** Which past attempts a limit or cool-down looks at. */
public enum Scope {
    /** Every attempt to this debtor, on any number, by any campaign. */
    DEBTOR,
    /**
     * Attempts to this debtor about each debt of the request, counted per debt (Reg F counts per
     * person and debt). An attempt recorded without debts counts for every debt; a request without
     * debts is counted per debtor.
     */
    DEBT,
    /** Every attempt to this phone number, whoever it was for. */
    PHONE,
    /** Attempts by this campaign to this debtor. */
    CAMPAIGN;

    /** A named group of past attempts a limit applies to. */
    public record Group(String label, List<PastAttempt> attempts) {
    }

    public List<Group> groups(CallRequest r, List<PastAttempt> history) {
        List<Group> groups = new ArrayList<>(Math.max(1, r.debtIds().size()));
        switch (this) {
            case DEBTOR -> groups.add(new Group("debtor " + r.debtorId(),
                    history.stream().filter(a -> a.debtorId().equals(r.debtorId())).toList()));
            case DEBT -> {
                if (r.debtIds().isEmpty()) {
                    groups.add(new Group("debtor " + r.debtorId() + " (no debt given)",
                            history.stream().filter(a -> a.debtorId().equals(r.debtorId())).toList()));
                } else {
                    for (String debt : r.debtIds().stream().sorted().toList()) {
                        groups.add(new Group("debtor " + r.debtorId() + " about debt " + debt,
                                history.stream().filter(a -> a.debtorId().equals(r.debtorId())
                                        && (a.debtIds().isEmpty() || a.debtIds().contains(debt))).toList()));
                    }
                }
            }
            case PHONE -> groups.add(new Group("this number",
                    history.stream().filter(a -> a.phone().equals(r.phone())).toList()));
            case CAMPAIGN -> groups.add(new Group("debtor " + r.debtorId() + " in campaign " + r.campaignId(),
                    history.stream().filter(a -> a.debtorId().equals(r.debtorId())
                            && a.campaignId().equals(r.campaignId())).toList()));
        }
        return groups;
    }
}
