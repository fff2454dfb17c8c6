package dialer.core.call;

import java.time.Instant;

/** An attempt as the API shows it, with its disposition when there is one. */
public record AttemptView(long id, long campaignId, long leadId, long debtorId, String debtorExternalId, String phone,
                          String state, String outcome, Long agentId, String detail, Integer hangupCause,
                          Instant originatedAt, Instant answeredAt, Instant connectedAt, Instant endedAt,
                          String disposition, String dispositionKind, String note, String safeHarbor,
                          String callPath) {
}
