package dialer.core.compliance;

import dialer.compliance.AccountFlag;
import dialer.compliance.CallOutcome;
import dialer.compliance.CallPath;
import dialer.compliance.CallRequest;
import dialer.compliance.ComplianceGuard;
import dialer.compliance.Consent;
import dialer.compliance.Decision;
import dialer.compliance.PhoneType;
import dialer.compliance.Reservation;
import dialer.compliance.rules.NoConcurrentCalls;
import dialer.compliance.rules.RuleSet;
import dialer.compliance.rules.RuleSetRegistry;
import dialer.core.call.QueuedLead;
import dialer.core.campaign.Campaign;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The one way a debtor's call gets permission to leave: every path (automatic, retry, callback,
 * preview, manual) builds its request here and dials only with a granted reservation. Blocking
 * calls; the engine runs them on worker threads.
 */
public final class ComplianceGate {

    private static final Duration CALL_IN_PROGRESS_RETRY = Duration.ofMinutes(2);

    private final ComplianceGuard guard;
    private final RuleSetRegistry ruleSets = new RuleSetRegistry();
    /** Each campaign's creditor (for creditor-wide do-not-call entries), as last registered; any thread. */
    private final Map<Long, String> creditors = new ConcurrentHashMap<>();

    public ComplianceGate(DataSource dataSource, Clock clock) {
        this.guard = ComplianceGuard.builder(dataSource).clock(clock).ruleSets(ruleSets).recordPreviews(true).build();
    }

    public ComplianceGuard guard() {
        return guard;
    }

    /** (Re)builds a campaign's rule set; takes effect for the next decision. */
    public void register(Campaign campaign, List<CampaignRuleSets.Override> overrides) {
        ruleSets.assign(CampaignRuleSets.ruleSetId(campaign.id()), campaign.compliance().preset(),
                CampaignRuleSets.build(campaign, overrides));
        if (campaign.compliance().creditor() == null) {
            creditors.remove(campaign.id());
        } else {
            creditors.put(campaign.id(), campaign.compliance().creditor());
        }
    }

    public RuleSet ruleSet(long campaignId) {
        return ruleSets.forCampaign(CampaignRuleSets.ruleSetId(campaignId));
    }

    /** Read-only check while filling the queue; recorded in the decision log. */
    public Decision preview(QueuedLead lead, CallPath path) {
        return guard.preview(request(lead, path));
    }

    /** The binding check at originate: a granted reservation holds the slot. */
    public Reservation reserve(QueuedLead lead, CallPath path) {
        return guard.reserve(request(lead, path));
    }

    /**
     * The same inside the caller's transaction on {@code c}: the reservation commits with what the
     * caller writes beside it (the attempt row), or not at all.
     */
    public Reservation reserve(Connection c, QueuedLead lead, CallPath path) throws SQLException {
        return guard.reserve(c, request(lead, path));
    }

    /**
     * When to try a blocked call again: the guard's next allowed instant; for a call blocked only
     * because another call to the debtor or number is in progress, shortly after (that call will
     * end); null when only a change (a list entry, a flag, consent) can allow it.
     */
    public Instant retryAt(long campaignId, Decision d, Instant now) {
        if (d.nextAllowedAt() != null) {
            return d.nextAllowedAt();
        }
        RuleSet rules = ruleSet(campaignId);
        boolean onlyBusy = d.failures().stream().allMatch(f -> f.nextAllowedAt() != null
                || rules.rule(f.ruleId()) instanceof NoConcurrentCalls);
        if (!onlyBusy) {
            return null;
        }
        Instant latest = now.plus(CALL_IN_PROGRESS_RETRY);
        for (var f : d.failures()) {
            if (f.nextAllowedAt() != null && f.nextAllowedAt().isAfter(latest)) {
                latest = f.nextAllowedAt();
            }
        }
        return latest;
    }

    /**
     * Before the originate: dial only if this returns. Throws
     * {@link dialer.compliance.ReservationExpiredException} when the reservation is no longer valid.
     */
    public void markDialed(long reservationId) {
        guard.markDialed(reservationId);
    }

    public void complete(long reservationId, CallOutcome outcome) {
        guard.complete(reservationId, outcome);
    }

    /** Only for a call that was certainly never dialed. */
    public void release(long reservationId, String reason) {
        guard.release(reservationId, reason);
    }

    /** Only for a call marked dialed that the PBX then certainly refused to place. */
    public void releaseRefused(long reservationId, String reason) {
        guard.releaseRefused(reservationId, reason);
    }

    public int recoverStale(Duration olderThan) {
        return guard.recoverStale(olderThan);
    }

    CallRequest request(QueuedLead lead, CallPath path) {
        CallRequest.Builder b = CallRequest.builder()
                .campaign(CampaignRuleSets.ruleSetId(lead.campaignId()))
                .debtor("debtor-" + lead.debtorId())
                .lead("lead-" + lead.leadId())
                .phone(lead.e164(), PhoneType.valueOf(lead.phoneType()))
                .path(path)
                .debtorOwnNumbersExhausted(lead.ownNumbersExhausted())
                .debtorOwnNumbers(lead.ownNumbers())
                .creditor(creditors.get(lead.campaignId()));
        List<String> debts = new ArrayList<>();
        lead.accountIds().forEach(id -> debts.add("account-" + id));
        b.debts(debts);
        if (lead.timeZone() != null) {
            b.zone(lead.timeZone());
        }
        if (lead.country() != null) {
            b.address(lead.country(), lead.state(), lead.postalCode());
        }
        List<AccountFlag> flags = new ArrayList<>();
        for (String f : lead.flags()) {
            flags.add(AccountFlag.valueOf(f));
        }
        b.flags(flags);
        if (lead.consentGivenAt() != null) {
            b.consent(new Consent(lead.consentGivenAt(), lead.consentExpiresAt(), lead.consentSource()));
        }
        return b.build();
    }
}
