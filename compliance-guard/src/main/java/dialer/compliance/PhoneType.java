package dialer.compliance;

/** What kind of number a call goes to. The first three belong to the debtor. */
public enum PhoneType {
    OWN_MOBILE, HOME, WORK, THIRD_PARTY;

    /** The debtor's own numbers: everything but {@link #THIRD_PARTY}. */
    public boolean debtorsOwn() {
        return this != THIRD_PARTY;
    }
}
