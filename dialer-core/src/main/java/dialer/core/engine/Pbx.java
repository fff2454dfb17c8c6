package dialer.core.engine;

import dialer.ami.CallControl;

/** One Asterisk the dialer drives, by name. */
public record Pbx(String name, CallControl control) {
}
