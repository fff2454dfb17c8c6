package dialer.compliance;

/** Flags the server knows about a debtor or account, passed in each {@link CallRequest}. */
public enum AccountFlag {
    /** The debt is disputed: no automatic dialing until it is resolved. */
    DISPUTE,
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
