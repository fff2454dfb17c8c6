package dialer.core.script;

/** Who the agent is speaking with, and why the call is hard: what a script is chosen for. */
public enum Situation {
    /** The debtor themself. */
    RIGHT_PARTY,
    /** Someone else: a relative, a colleague, a flatmate. Nothing about the debt may be said. */
    THIRD_PARTY,
    /** The debtor, whose last promise was broken. */
    BROKEN_PROMISE,
    /** The debtor, who says they cannot pay (job loss, illness). */
    HARDSHIP
}
