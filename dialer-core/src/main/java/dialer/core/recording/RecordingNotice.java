package dialer.core.recording;

import dialer.ami.DialplanLocation;
import dialer.ami.OriginateRequest;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The call that plays a campaign's recording notice into a connected call: a Local channel whose
 * second half ([dialer-recording-notice]) plays the sound and hangs up, and whose first half, once
 * answered, joins the call's conference ([dialer-notice-join]) as a quiet, unmarked member that leaves
 * with the person (end_marked). The person and the agent both hear it, and so does the recording
 * (MixMonitor on the person's channel). It is placed only after the person is in the conference, so
 * it never delays their connection to the agent.
 *
 * <p>Its call id is {@code ntc<attempt id>}: no engine part knows it, so the engine ignores its events
 * (callees' ids are {@code c<attempt id>}, agents' legs {@code a<agent id>x...}, supervisors' {@code spy...}).
 */
public final class RecordingNotice {

    static final String CALL_PREFIX = "ntc";
    /** The second half answers at once: a longer wait means Asterisk is in trouble. */
    static final Duration RING_TIMEOUT = Duration.ofSeconds(10);
    static final String DIAL_STRING = "Local/s@dialer-recording-notice/n";
    static final DialplanLocation JOIN = DialplanLocation.of("dialer-notice-join", "s");
    private static final Pattern CONFERENCE = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private RecordingNotice() {
    }

    public static String callIdOf(long attemptId) {
        return CALL_PREFIX + attemptId;
    }

    /** The originate that plays {@code prompt} (a {@link NoticePrompt}) into {@code conference} ({@code agent-<extension>}). */
    static OriginateRequest request(long attemptId, String conference, String prompt) {
        if (!CONFERENCE.matcher(conference).matches()) {
            throw new IllegalArgumentException("not a conference name: " + conference);
        }
        if (!NoticePrompt.valid(prompt)) {
            throw new IllegalArgumentException("not a sound name: " + prompt);
        }
        return new OriginateRequest(callIdOf(attemptId), DIAL_STRING, JOIN, RING_TIMEOUT, null, false,
                Map.of("DIALER_ROLE", "notice", "DIALER_NOTICE", prompt, "DIALER_NOTICE_CONF", conference));
    }
}
