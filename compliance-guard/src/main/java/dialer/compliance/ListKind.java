package dialer.compliance;

/** The lists the guard keeps in PostgreSQL (see {@link ContactLists}). */
public enum ListKind {
    /** A number not to be called (global or per campaign). Keyed by phone. */
    DO_NOT_CALL,
    /** The debtor asked to cease communication. Keyed by debtor. */
    CEASE_COMMUNICATION,
    /** The debtor is represented by an attorney. Keyed by debtor. */
    ATTORNEY,
    /** No calls to the debtor's WORK numbers. Keyed by debtor. */
    NO_CALLS_AT_WORK,
    /** The debtor consented to calls on this number, until an optional expiry. Keyed by debtor and phone. */
    CONSENT;

    public boolean keyedByPhone() {
        return this == DO_NOT_CALL || this == CONSENT;
    }

    public boolean keyedByDebtor() {
        return this != DO_NOT_CALL;
    }
}
