package dialer.core.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A campaign as stored.
 *
 * @param dialString      how to reach a number; {@code {number}} is replaced by its digits
 *                        (E.164 without '+'), e.g. {@code PJSIP/{number}@trunk}
 * @param holdLimitMs     how long a detected person may wait for an agent after detection
 * @param simulatedCallees the demo and the tests: callee behaviour is chosen per call
 * @param ownListId       the campaign's own list, for files posted straight to the campaign
 * @param schedule        when the campaign dials (null: whenever the compliance guard allows)
 * @param priority        the order the queue is called in
 * @param maxAttemptsPerNumber attempts on one number before the next number of the debtor is tried
 * @param amdFalsePositiveRate the expected share of the people who answer whom machine detection takes for a machine
 *                        (hung up on: abandoned for the regulator); the pacer takes it out of its budget
 * @param wrapUpLimitSeconds how long an agent may take over a disposition before the system writes
 *                        NO_DISPOSITION and makes the agent ready again (0: no limit)
 * @param amd             the answering-machine detection's settings, handed to AMD() on each call
 */
public record Campaign(long id, String name, DialMode dialMode, CampaignStatus status, String dialString,
                       String callerId, String defaultRegion, int ringTimeoutSeconds, boolean detectMachines,
                       int holdLimitMs, String safeHarborPrompt, int maxAttempts, BigDecimal maxAbandonRate,
                       boolean simulatedCallees, ComplianceSettings compliance, Long ownListId, CampaignSchedule schedule,
                       PriorityOrder priority, int maxAttemptsPerNumber, int wrapUpLimitSeconds, Instant createdAt,
                       BigDecimal amdFalsePositiveRate, AmdSettings amd) {

    public Campaign {
        amd = amd == null ? AmdSettings.TUNED : amd;
    }

    /** A campaign with the tuned AMD settings. */
    public Campaign(long id, String name, DialMode dialMode, CampaignStatus status, String dialString,
                    String callerId, String defaultRegion, int ringTimeoutSeconds, boolean detectMachines,
                    int holdLimitMs, String safeHarborPrompt, int maxAttempts, BigDecimal maxAbandonRate,
                    boolean simulatedCallees, ComplianceSettings compliance, Long ownListId, CampaignSchedule schedule,
                    PriorityOrder priority, int maxAttemptsPerNumber, int wrapUpLimitSeconds, Instant createdAt,
                    BigDecimal amdFalsePositiveRate) {
        this(id, name, dialMode, status, dialString, callerId, defaultRegion, ringTimeoutSeconds, detectMachines, holdLimitMs,
                safeHarborPrompt, maxAttempts, maxAbandonRate, simulatedCallees, compliance, ownListId, schedule, priority,
                maxAttemptsPerNumber, wrapUpLimitSeconds, createdAt, amdFalsePositiveRate, AmdSettings.TUNED);
    }

    /** A campaign whose machine detection is taken to hear no person as a machine. */
    public Campaign(long id, String name, DialMode dialMode, CampaignStatus status, String dialString, String callerId,
                    String defaultRegion, int ringTimeoutSeconds, boolean detectMachines, int holdLimitMs, String safeHarborPrompt,
                    int maxAttempts, BigDecimal maxAbandonRate, boolean simulatedCallees, ComplianceSettings compliance,
                    Long ownListId, CampaignSchedule schedule, PriorityOrder priority, int maxAttemptsPerNumber,
                    int wrapUpLimitSeconds, Instant createdAt) {
        this(id, name, dialMode, status, dialString, callerId, defaultRegion, ringTimeoutSeconds, detectMachines, holdLimitMs,
                safeHarborPrompt, maxAttempts, maxAbandonRate, simulatedCallees, compliance, ownListId, schedule, priority,
                maxAttemptsPerNumber, wrapUpLimitSeconds, createdAt, BigDecimal.ZERO);
    }

    /** The zone of the campaign's calendar day (abandonment today, daily figures): its schedule's, else UTC. */
    public ZoneId calendarZone() {
        return schedule == null ? ZoneOffset.UTC : schedule.zone();
    }

    /** The dial string for one E.164 number. */
    /** The trunk the campaign dials through (its dial string is {@code PJSIP/{number}@<trunk>}), or null. */
    public String trunk() {
        return CampaignDraft.trunkOf(dialString);
    }

    public String dialStringFor(String e164) {
        return dialString.replace("{number}", e164.startsWith("+") ? e164.substring(1) : e164);
    }
}
