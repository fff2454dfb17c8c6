package dialer.core.engine;

import dialer.core.call.DispositionWritten;

/** What became of an agent's disposition: written now, or kept until the database can take it. */
public sealed interface DispositionAnswer {

    record Written(DispositionWritten written) implements DispositionAnswer {
    }

    /** The database could not be reached: the disposition is kept by this node and written as soon as it can be. */
    record Kept(long attemptId, String why) implements DispositionAnswer {
    }
}
