package dialer.core.call;

/**
 * A disposition that was written, with what others must hear about it: the compliance guard (the
 * reservation, whether it was a conversation and with the right party, whether the number goes on
 * the do-not-call list) and the rest of the server (the promise or callback it created).
 */
public record DispositionWritten(long attemptId, long campaignId, Long reservationId, String code, boolean contact,
                                 boolean rightParty, long debtorId, String phone, boolean addsToDnc, Long promiseId,
                                 Long callbackId) {
}
