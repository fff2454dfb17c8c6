package dialer.core.recording;

import java.util.regex.Pattern;

/**
 * The recording notice a campaign may play at the start of each recorded call ("this call may be
 * recorded for quality and training"): an Asterisk sound name, passed to the dialplan's Playback.
 * Letters, digits, '-' and '_' in up to four '/'-separated parts (no leading slash, so no absolute
 * path; no dot, so no extension and no climbing out of the sounds directory), at most 100 characters.
 */
public final class NoticePrompt {

    public static final int MAX_LENGTH = 100;
    private static final Pattern SOUND = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+){0,3}");

    private NoticePrompt() {
    }

    /** Whether {@code value} is a sound name the dialplan may play. */
    public static boolean valid(Object value) {
        return value instanceof String s && s.length() <= MAX_LENGTH && SOUND.matcher(s).matches();
    }
}
