package dialer.core.auth;

/** What a person may do. */
public enum Role {
    /** Works calls at the console: their own session, calls and the debtors on them. */
    AGENT,
    /** Watches and steers the campaigns they supervise. */
    SUPERVISOR,
    /** Configures everything: campaigns, lists, rules, users. */
    ADMIN
}
