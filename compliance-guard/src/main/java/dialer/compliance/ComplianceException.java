package dialer.compliance;

/**
 * The guard could not reach or use its database. A caller must treat it as BLOCK: no decision, no call.
 */
public class ComplianceException extends RuntimeException {
    public ComplianceException(String message, Throwable cause) {
        super(message, cause);
    }
}
