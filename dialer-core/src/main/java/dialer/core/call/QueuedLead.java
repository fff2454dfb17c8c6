package dialer.core.call;

import java.time.Instant;
import java.util.List;

/**
 * A lead taken into a node's queue of next calls, with everything the compliance guard must know
 * to judge a call to it: who, which accounts, which number and what kind, where the callee lives,
 * flags, and consent. A callback's call also says which callback, and which agent it is for.
 */
public record QueuedLead(long leadId, long campaignId, long debtorId, String debtorName, int attemptsMade,
                         List<Long> accountIds, List<String> flags, long phoneId, String e164, String phoneType,
                         boolean ownNumbersExhausted, String timeZone, String country, String state, String postalCode,
                         String consentSource, Instant consentGivenAt, Instant consentExpiresAt, Long callbackId,
                         Long ownerAgentId, List<String> ownNumbers) {

    public QueuedLead {
        ownNumbers = ownNumbers == null ? List.of() : List.copyOf(ownNumbers);
    }

    public QueuedLead(long leadId, long campaignId, long debtorId, String debtorName, int attemptsMade,
                      List<Long> accountIds, List<String> flags, long phoneId, String e164, String phoneType,
                      boolean ownNumbersExhausted, String timeZone, String country, String state, String postalCode,
                      String consentSource, Instant consentGivenAt, Instant consentExpiresAt, Long callbackId,
                      Long ownerAgentId) {
        this(leadId, campaignId, debtorId, debtorName, attemptsMade, accountIds, flags, phoneId, e164, phoneType,
                ownNumbersExhausted, timeZone, country, state, postalCode, consentSource, consentGivenAt, consentExpiresAt,
                callbackId, ownerAgentId, List.of());
    }

    /** The same lead, as the call of a callback (owned by an agent, or by the team when null). */
    public QueuedLead forCallback(long callback, Long owner) {
        return new QueuedLead(leadId, campaignId, debtorId, debtorName, attemptsMade, accountIds, flags, phoneId, e164,
                phoneType, ownNumbersExhausted, timeZone, country, state, postalCode, consentSource, consentGivenAt,
                consentExpiresAt, callback, owner, ownNumbers);
    }
}
