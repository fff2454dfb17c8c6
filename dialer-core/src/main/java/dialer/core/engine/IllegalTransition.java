package dialer.core.engine;

/** A call or an agent was asked to move where its state table does not go: a bug, never a fact to record. */
final class IllegalTransition extends IllegalStateException {
    IllegalTransition(String what, Enum<?> from, Enum<?> to) {
        super(what + ": no transition from " + from + " to " + to);
    }
}
