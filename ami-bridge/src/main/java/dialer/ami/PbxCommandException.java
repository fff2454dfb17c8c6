package dialer.ami;

/** A command Asterisk refused, did not answer in time, or could not be sent. */
public class PbxCommandException extends RuntimeException {

    public PbxCommandException(String message) {
        super(message);
    }

    public PbxCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
