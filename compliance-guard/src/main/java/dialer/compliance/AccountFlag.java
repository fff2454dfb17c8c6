package dialer.compliance;

/** Flags the server knows about a debtor or account, passed in each {@link CallRequest}. */
public enum AccountFlag {
    /**
     * The debt is disputed and the dispute was verified (or otherwise answered): no automatic dialing,
     * an agent may call by hand. An unverified dispute is {@link #DISPUTE_UNVERIFIED}.
     */
    DISPUTE,
    /**
     * The consumer disputed the debt within the validation period and the debt collector has not yet
     * sent the verification: no collection call at all, on any path, until it is verified (15 U.S.C.
     * 1692g(b); 12 CFR 1006.34(b)(5), 1006.38(d)(2)). Replace it with {@link #DISPUTE} once verified.
     */
    DISPUTE_UNVERIFIED,
    /** An open complaint: no automatic dialing. */
    COMPLAINT,
    /** A sensitive case (hardship, illness, bereavement): no automatic dialing. */
    SENSITIVE,
    /** A VIP account handled by hand: no automatic dialing. */
    VIP,
    /** The debtor asked in writing to stop communication: no calls at all. */
    CEASE_COMMUNICATION,
    /** The debtor is represented by an attorney for this debt: no calls to the debtor. */
    ATTORNEY_REPRESENTED,
    /** Calls at the place of work are not allowed: no calls to WORK numbers. */
    NO_CALLS_AT_WORK
}
