package dialer.ami;

import java.util.Objects;

/** A place in the dialplan: context, extension, priority. */
public record DialplanLocation(String context, String exten, int priority) {

    public DialplanLocation {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(exten, "exten");
        if (priority < 1) {
            throw new IllegalArgumentException("priority must be 1 or more, was " + priority);
        }
    }

    public static DialplanLocation of(String context, String exten) {
        return new DialplanLocation(context, exten, 1);
    }
}
