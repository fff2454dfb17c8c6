package dialer.ami;

/**
 * The command never reached Asterisk (no connection, or the write failed before the command was
 * whole): nothing was carried out, as when Asterisk refuses it (for an Originate: nothing was dialed).
 */
public class PbxCommandNotSent extends PbxCommandRefused {

    public PbxCommandNotSent(String message) {
        super(message);
    }
}
