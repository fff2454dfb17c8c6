package dialer.core.call;

/**
 * A disposition that was written, with what the compliance guard must hear about it: the
 * reservation of the call and whether it was a conversation, with the right party or not.
 */
public record DispositionWritten(long attemptId, long campaignId, Long reservationId, String code, boolean contact,
                                 boolean rightParty) {
}
