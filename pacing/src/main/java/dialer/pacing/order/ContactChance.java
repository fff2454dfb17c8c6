package dialer.pacing.order;

/** The chance that a dial on a debtor at their local hour is a right-party contact. */
@FunctionalInterface
public interface ContactChance {

    double score(long debtorId, int localHour);
}
