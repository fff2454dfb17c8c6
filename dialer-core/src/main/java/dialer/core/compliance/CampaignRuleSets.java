package dialer.core.compliance;

import dialer.compliance.CallOutcome;
import dialer.compliance.rules.CallingWindow;
import dialer.compliance.rules.CountWindow;
import dialer.compliance.rules.Counted;
import dialer.compliance.rules.FrequencyLimit;
import dialer.compliance.rules.HolidayCalendar;
import dialer.compliance.rules.LooseningOverride;
import dialer.compliance.rules.Presets;
import dialer.compliance.rules.RuleSet;
import dialer.compliance.rules.Scope;
import dialer.core.campaign.Campaign;
import dialer.core.campaign.ComplianceSettings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A campaign's rule set: its preset, the campaign's tightenings, and any audited loosening. */
public final class CampaignRuleSets {

    /** A stored loosening: the preset rule {@code ruleId} no longer applies to the campaign. */
    public record Override(String ruleId, String actor, String reason, Instant at) {
    }

    private CampaignRuleSets() {
    }

    public static String ruleSetId(long campaignId) {
        return "campaign-" + campaignId;
    }

    public static RuleSet build(Campaign campaign, List<Override> overrides) {
        ComplianceSettings s = campaign.compliance();
        RuleSet.Builder rules = RuleSet.basedOn(Presets.byCode(s.preset()), ruleSetId(campaign.id()));
        String source = "campaign " + campaign.id() + " setting";
        if (s.maxAttemptsPerDebtorPerDay() != null) {
            rules.add(FrequencyLimit.of("campaign.attempts-per-day", source, Scope.DEBTOR, Counted.ATTEMPTS,
                    s.maxAttemptsPerDebtorPerDay(), CountWindow.localDays(1)));
        }
        if (s.callingFrom() != null || !s.closedDates().isEmpty()) {
            Map<LocalDate, String> closed = new LinkedHashMap<>();
            s.closedDates().forEach(d -> closed.put(d, "campaign closed"));
            CallingWindow.Hours hours = s.callingFrom() != null
                    ? new CallingWindow.Hours(s.callingFrom(), s.callingUntil())
                    : new CallingWindow.Hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
            rules.add(CallingWindow.daily("campaign.hours", source, hours, HolidayCalendar.dates(closed)));
        }
        for (Override o : overrides) {
            rules.loosen(new LooseningOverride(o.ruleId(), null, o.actor(), o.reason(), o.at()));
        }
        return rules.build();
    }

    /**
     * What the guard counts for a finished call, from its disposition. The system codes come from the
     * AMI bridge's mapping of originate reasons and Q.850 causes (OutcomeMapping): INVALID_NUMBER
     * (unallocated, no route, number changed, invalid format) and CONGESTION (no circuit, network out
     * of order, switching congestion) did not connect to the dialed number; FAILED is anything the
     * bridge could not classify, so whether it connected is unknown and the guard counts it.
     */
    public static CallOutcome outcomeOf(String code, boolean contact, boolean rightParty) {
        return switch (code) {
            case "BUSY" -> CallOutcome.BUSY;
            case "NO_ANSWER" -> CallOutcome.NO_ANSWER;
            case "MACHINE" -> CallOutcome.MACHINE;
            case "ABANDONED" -> CallOutcome.ABANDONED;
            case "CALLEE_HUNG_UP" -> CallOutcome.ANSWERED;
            case "INVALID_NUMBER" -> CallOutcome.NOT_IN_SERVICE;
            case "CONGESTION" -> CallOutcome.NETWORK_FAILURE;
            case "FAILED" -> CallOutcome.FAILED;
            // the callee's side turned the call away (SIP 603/608, 403): the call reached their phone or network
            case "DECLINED", "REJECTED" -> CallOutcome.FAILED;
            // forwarded elsewhere, or a dial string the carrier refused: the number was never reached
            case "REDIRECTED", "NUMBER_FORMAT_REFUSED" -> CallOutcome.NETWORK_FAILURE;
            default -> rightParty ? CallOutcome.RIGHT_PARTY_CONTACT : contact ? CallOutcome.CONVERSATION : CallOutcome.ANSWERED;
        };
    }
}
