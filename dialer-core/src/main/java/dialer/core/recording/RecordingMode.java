package dialer.core.recording;

import java.util.Locale;
import java.util.Optional;

/** Which of a campaign's connected calls are recorded: all of them, none, or those whose agent asks. */
public enum RecordingMode {
    ALL, NONE, ON_DEMAND;

    /** The mode named exactly (upper case), or empty for anything else. */
    public static Optional<RecordingMode> parse(Object value) {
        if (!(value instanceof String s)) {
            return Optional.empty();
        }
        for (RecordingMode m : values()) {
            if (m.name().equals(s)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Whether the call is recorded as soon as it is connected to the agent. */
    public boolean fromConnection() {
        return this == ALL;
    }

    /** Whether an agent may start a recording the campaign does not start by itself. */
    public boolean agentMayStart() {
        return this == ON_DEMAND;
    }

    public String describe() {
        return name().toLowerCase(Locale.ROOT);
    }
}
