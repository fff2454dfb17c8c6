package dialer.core.monitor;

import dialer.ami.DialplanLocation;
import dialer.core.Invalid;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a supervisor listens in to an agent, and where in the dialplan ([dialer-spy] in
 * extensions.conf) their phone leg goes for it.
 */
public enum MonitorMode {
    /** Silent: the supervisor hears the agent and the person; nobody hears the supervisor. */
    LISTEN("listen", "qESu"),
    /** Coaching: as LISTEN, and the agent (only the agent) hears the supervisor. */
    WHISPER("whisper", "qESuw"),
    /** The supervisor joins the call's conference: the person and the agent both hear them. */
    BARGE("barge", null);

    /** The dialplan context of supervisors' legs. */
    public static final String CONTEXT = "dialer-spy";

    private final String extension;
    private final String chanSpyOptions;

    MonitorMode(String extension, String chanSpyOptions) {
        this.extension = extension;
        this.chanSpyOptions = chanSpyOptions;
    }

    /** Where the supervisor's leg goes for this mode. */
    public DialplanLocation target() {
        return DialplanLocation.of(CONTEXT, extension);
    }

    /**
     * The options the dialplan gives ChanSpy for this mode (q quiet, E/S end with the agent's leg, u the
     * leg named by its unique id, w whisper); null for BARGE, which joins the conference instead of spying.
     */
    public String chanSpyOptions() {
        return chanSpyOptions;
    }

    /** Whether the agent must be on a call (barging joins the call's conference). */
    public boolean needsCall() {
        return this == BARGE;
    }

    /** The mode a request names, or a 400 naming the field. */
    public static MonitorMode parse(Object value, String field) {
        if (value instanceof String s) {
            for (MonitorMode m : values()) {
                if (m.name().equals(s.trim().toUpperCase(java.util.Locale.ROOT))) {
                    return m;
                }
            }
        }
        throw Invalid.of(field, "is required: one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
