package dialer.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds in-memory past attempts for rule tests. Times are given as local date-times in a zone. */
public final class History {

    private final List<PastAttempt> attempts = new ArrayList<>();
    private final ZoneId zone;
    private long nextId = 1;

    private History(ZoneId zone) {
        this.zone = zone;
    }

    public static History in(String zone) {
        return new History(ZoneId.of(zone));
    }

    public Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    /** A completed call to {@code phone} of debtor {@code debtor} about {@code debts}. */
    public History call(String localStart, String debtor, String phone, PhoneType type, CallOutcome outcome, String... debts) {
        Instant start = at(localStart);
        attempts.add(new PastAttempt(nextId++, "C1", debtor, Set.of(debts), phone, type, start,
                start.plus(Duration.ofMinutes(1)), AttemptState.COMPLETED, outcome));
        return this;
    }

    public History state(String localStart, String debtor, String phone, PhoneType type, AttemptState state, String... debts) {
        Instant start = at(localStart);
        attempts.add(new PastAttempt(nextId++, "C1", debtor, Set.of(debts), phone, type, start,
                state == AttemptState.RELEASED ? start : null, state, null));
        return this;
    }

    /** A reservation granted at {@code localStart}, valid until {@code localValidUntil}, not (yet) marked dialed. */
    public History reserved(String localStart, String localValidUntil, String debtor, String phone, PhoneType type,
                            AttemptState state, String... debts) {
        attempts.add(new PastAttempt(nextId++, "C1", debtor, Set.of(debts), phone, type, at(localStart), null, state, null,
                null, at(localValidUntil)));
        return this;
    }

    /** A reservation granted at {@code localStart} and marked dialed at {@code localDialed}; ended when {@code outcome} is set. */
    public History dialed(String localStart, String localDialed, String debtor, String phone, PhoneType type, AttemptState state,
                          CallOutcome outcome, String... debts) {
        Instant dialed = at(localDialed);
        attempts.add(new PastAttempt(nextId++, "C1", debtor, Set.of(debts), phone, type, at(localStart),
                outcome == null ? null : dialed.plus(Duration.ofMinutes(1)), state, outcome, dialed, at(localStart).plusSeconds(60)));
        return this;
    }

    public List<PastAttempt> list() {
        return List.copyOf(attempts);
    }
}
