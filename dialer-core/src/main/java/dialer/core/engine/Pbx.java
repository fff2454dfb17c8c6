package dialer.core.engine;

import dialer.ami.CallControl;

/** One Asterisk the dialer drives, by name, with the caps on what it is asked to carry. */
public record Pbx(String name, CallControl control, PbxLimits limits) {

    public Pbx(String name, CallControl control) {
        this(name, control, PbxLimits.DEFAULT);
    }
}
