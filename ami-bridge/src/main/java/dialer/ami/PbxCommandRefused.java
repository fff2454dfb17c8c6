package dialer.ami;

/**
 * Asterisk answered the command with an error: it was not carried out (for an Originate: nothing
 * was dialed).
 */
public class PbxCommandRefused extends PbxCommandException {

    public PbxCommandRefused(String message) {
        super(message);
    }
}
