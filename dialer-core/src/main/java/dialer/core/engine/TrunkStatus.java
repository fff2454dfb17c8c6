package dialer.core.engine;

/** A carrier trunk's health: {@code healthy}, or {@code reason} why it dials nothing now. */
public record TrunkStatus(String trunk, boolean healthy, String reason) {
}
