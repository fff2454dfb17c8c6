package dialer.core.portrait;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The debtor's portrait: what the system knows of them, in figures an agent reads at a glance before
 * saying hello. Numbers are partly masked. Built by {@link PortraitReader}; see the README's "The
 * debtor's portrait" for each figure's definition.
 *
 * @param campaignId   the campaign whose segment rules and list the portrait used (null: none known, defaults)
 * @param zone         the debtor's time zone on file (null: each number's own zone is used)
 * @param campaignRules whether the segment rules are the campaign's own (false: the shipped defaults)
 */
public record Portrait(long debtorId, Instant asOf, Long campaignId, String zone, Overdue overdue, Buckets buckets,
                       Payments payments, Promises promises, Contacts contacts, BestHours bestHours, List<String> debtorFlags,
                       SegmentRules.Segment segment, boolean campaignRules) {

    public record Account(long id, String ref, String product, BigDecimal amountOverdue, int daysOverdue, String bucket,
                          List<String> flags) {
    }

    /** Totals over the debtor's accounts; {@code oldestDaysOverdue} is the most days any account is overdue. */
    public record Overdue(BigDecimal total, int oldestDaysOverdue, List<Account> accounts) {
    }

    /** A recorded bucket change; {@code from} null is the account's first bucket seen. */
    public record BucketChange(long accountId, String from, String to, Instant at) {
    }

    /**
     * The worst bucket of the debtor's accounts now, its trend over {@link PortraitFigures#TREND_DAYS} days
     * (WORSENING, IMPROVING, STABLE; UNKNOWN without a bucket), whether any account ever moved to a better
     * bucket (a cure: then this is not the first delinquency), and the latest changes, newest first.
     */
    public record Buckets(String worst, String trend, boolean everCured, List<BucketChange> recent) {
    }

    /** {@code small90Days}: payments in the 90 days under the campaign's small-payment share of the total overdue. */
    public record Payments(LocalDate lastPaidOn, BigDecimal lastAmount, BigDecimal paid90Days, int count90Days,
                           int small90Days, int countEver) {
    }

    /**
     * Promises made (all of them), open, kept, broken, cancelled; {@code partial}: broken with something
     * paid (kept in part); {@code brokenInARow}: the latest settled promises broken, counted back to the last kept one.
     */
    public record Promises(int made, int open, int kept, int broken, int cancelled, int partial, int brokenInARow) {
    }

    /** Attempts on one number (masked). */
    public record NumberContacts(long phoneId, String number, String type, int attempts, int conversations,
                                 int rightPartyContacts) {
    }

    /** Attempts at one local hour of the callee (0-23). */
    public record HourContacts(int hour, int attempts, int conversations, int rightPartyContacts) {
    }

    /** The latest call an agent talked on: when, at what local time for the callee, the number (masked), who, how it ended. */
    public record LastConversation(Instant at, String localTime, String number, String agent, String disposition) {
    }

    public record Contacts(int attempts, int rightPartyContacts, int conversations, List<NumberContacts> byNumber,
                           List<HourContacts> byLocalHour, LastConversation last) {
    }

    /** One of the best local hours: the learned chance of a right-party contact, and the debtor's own attempts there. */
    public record BestHour(int hour, double chance, int ownAttempts, int ownRightPartyContacts) {
    }

    /** Best hours, best first; {@code listAttempts}: the list's attempts learned from, as of {@code listAsOf} (null: not read yet). */
    public record BestHours(List<BestHour> hours, long listAttempts, Instant listAsOf) {
    }
}
