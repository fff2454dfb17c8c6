package dialer.compliance;

import dialer.compliance.rules.Presets;
import dialer.compliance.rules.RuleSet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random worlds for the property tests: a preset, a debtor's numbers in its country, a history of
 * attempts (every state and outcome, inbound conversations, calls on consumer requests), list
 * entries, consumer requests, and a proposed call at a random instant of 2024 (DST switch days
 * included). Everything follows from the seed, so a failing seed replays.
 */
final class RandomWorld {

    record Country(RuleSet rules, String country, String[] states, String[] phones) {
    }

    static final List<Country> COUNTRIES = List.of(
            new Country(Presets.US, "US", new String[] {"NY", "CA", "AZ", "TX", "MA", "WA", null},
                    new String[] {"+12125550123", "+13105550123", "+16025550123", "+19155550123", "+12065550123", "+16175550123"}),
            new Country(Presets.US_MA, "US", new String[] {"MA", null}, new String[] {"+16175550123", "+16175550199", "+12125550177"}),
            new Country(Presets.UK, "GB", new String[] {null}, new String[] {"+447700900123", "+442079460123", "+447700900456"}),
            new Country(Presets.CN, "CN", new String[] {null}, new String[] {"+8613812345678", "+8613912345678", "+862161234567"}),
            new Country(Presets.AU, "AU", new String[] {"NSW", "WA", "QLD", null},
                    new String[] {"+61291234567", "+61412345678", "+61892345678"}),
            new Country(Presets.IN, "IN", new String[] {null}, new String[] {"+919876543210", "+912223456789", "+919812345678"}));

    /** Instants the days around DST switches of the presets' zones are drawn from more often. */
    static final Instant[] DST_DAYS = {Instant.parse("2024-03-10T00:00:00Z"), Instant.parse("2024-11-03T00:00:00Z"),
            Instant.parse("2024-03-31T00:00:00Z"), Instant.parse("2024-10-27T00:00:00Z"), Instant.parse("2024-04-06T12:00:00Z"),
            Instant.parse("2024-10-05T12:00:00Z")};

    final SplittableRandom rnd;
    final Country country;
    final String debtor;
    final List<PastAttempt> history = new ArrayList<>();
    final List<ListEntry> lists = new ArrayList<>();
    final List<ConsumerRequest> asked = new ArrayList<>();
    final Instant now;
    CallRequest request;
    long nextId = 1;

    RandomWorld(long seed) {
        this(seed, "D1");
    }

    RandomWorld(long seed, String debtor) {
        this.debtor = debtor;
        rnd = new SplittableRandom(seed);
        country = COUNTRIES.get(rnd.nextInt(COUNTRIES.size()));
        now = rnd.nextInt(4) == 0
                ? DST_DAYS[rnd.nextInt(DST_DAYS.length)].plusSeconds(rnd.nextLong(-86_400, 2 * 86_400))
                : Instant.parse("2024-01-01T00:00:00Z").plusSeconds(rnd.nextLong(366L * 86_400));
        int n = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(14);
        for (int i = 0; i < n; i++) {
            history.add(attempt(now.minusSeconds(rnd.nextLong(60, (rnd.nextBoolean() ? 2 : 10) * 86_400L))));
        }
        if (rnd.nextInt(3) == 0) {
            asked.add(new ConsumerRequest(nextId++, rnd.nextInt(5) == 0 ? "D2" : debtor, debts(), phone(),
                    now.plusSeconds(rnd.nextLong(-40 * 60, 40 * 60)), now.minusSeconds(rnd.nextLong(0, 9 * 86_400L)),
                    now.minusSeconds(60), "agent", "disposition"));
        }
        if (rnd.nextInt(6) == 0) {
            lists.add(new ListEntry(nextId++, ListKind.DO_NOT_CALL, pick(null, "C1", "C2"), null, phone(), now.minusSeconds(86_400),
                    "test", null, null, pick(null, null, "K1", "K2")));
        }
        if (rnd.nextInt(4) == 0) {
            lists.add(new ListEntry(nextId++, ListKind.CONSENT, pick(null, "C1"), debtor, phone(), now.minusSeconds(86_400), "test",
                    rnd.nextBoolean() ? null : now.plusSeconds(rnd.nextLong(-86_400, 86_400)), null, null));
        }
        if (rnd.nextInt(12) == 0) {
            lists.add(new ListEntry(nextId++, pick(ListKind.CEASE_COMMUNICATION, ListKind.ATTORNEY, ListKind.NO_CALLS_AT_WORK),
                    pick(null, "C1", "C2"), debtor, null, now.minusSeconds(86_400), "test", null, null, null));
        }
        request = request(now);
    }

    @SafeVarargs
    final <T> T pick(T... values) {
        return values[rnd.nextInt(values.length)];
    }

    String phone() {
        return country.phones()[rnd.nextInt(country.phones().length)];
    }

    Set<String> debts() {
        return pick(Set.of(), Set.of("A1"), Set.of("A1"), Set.of("A2"), Set.of("A1", "A2"));
    }

    PhoneType type() {
        return rnd.nextInt(6) == 0 ? PhoneType.THIRD_PARTY : pick(PhoneType.OWN_MOBILE, PhoneType.HOME, PhoneType.WORK);
    }

    PastAttempt attempt(Instant start) {
        long id = nextId++;
        String who = rnd.nextInt(8) == 0 ? "D2" : debtor;
        if (rnd.nextInt(12) == 0) {
            return new PastAttempt(id, "inbound", who, debts(), phone(), PhoneType.HOME, start, start, AttemptState.COMPLETED,
                    CallOutcome.RIGHT_PARTY_CONTACT, start, start, true, null, false);
        }
        AttemptState state = pick(AttemptState.COMPLETED, AttemptState.COMPLETED, AttemptState.COMPLETED, AttemptState.COMPLETED,
                AttemptState.RESERVED, AttemptState.DIALED, AttemptState.RELEASED, AttemptState.EXPIRED);
        Instant validUntil = rnd.nextInt(10) == 0 ? null : start.plusSeconds(60);
        Instant dialed = state == AttemptState.RESERVED || (state != AttemptState.DIALED && rnd.nextInt(6) == 0)
                ? null : start.plusSeconds(rnd.nextInt(60));
        if (state == AttemptState.COMPLETED && dialed == null) {
            dialed = start.plusSeconds(5);
        }
        CallOutcome outcome = state == AttemptState.COMPLETED ? pick(CallOutcome.values())
                : state == AttemptState.EXPIRED && dialed != null ? CallOutcome.UNKNOWN : null;
        Instant ended = state == AttemptState.COMPLETED ? dialed.plusSeconds(rnd.nextInt(1, 900))
                : state == AttemptState.RELEASED ? start : null;
        Long req = rnd.nextInt(10) == 0 ? (long) rnd.nextInt(1, 4) : null;
        return new PastAttempt(id, pick("C1", "C2"), who, debts(), phone(), type(), start, ended, state, outcome, dialed, validUntil,
                false, req, req != null && rnd.nextBoolean());
    }

    CallRequest request(Instant at) {
        String phone = phone();
        CallRequest.Builder b = CallRequest.builder().campaign(pick("C1", "C2")).debtor(debtor).debts(debts()).lead("L1")
                .phone(phone, type()).path(pick(CallPath.values()));
        if (rnd.nextInt(3) > 0) {
            b.address(country.country(), country.states()[rnd.nextInt(country.states().length)], null);
        }
        if (rnd.nextInt(3) == 0) {
            b.creditor(pick("K1", "K2"));
        }
        if (rnd.nextInt(8) == 0) {
            EnumSet<AccountFlag> flags = EnumSet.noneOf(AccountFlag.class);
            flags.add(pick(AccountFlag.values()));
            b.flags(flags);
        }
        if (rnd.nextInt(6) == 0) {
            b.consent(new Consent(at.minus(Duration.ofDays(30)), rnd.nextBoolean() ? null : at.plusSeconds(rnd.nextLong(-86_400, 86_400)),
                    "test"));
        }
        b.debtorOwnNumbersExhausted(rnd.nextBoolean()).agentOnLine(rnd.nextInt(4) == 0);
        if (rnd.nextInt(3) == 0) {
            b.debtorOwnNumbers(List.of(country.phones()).subList(0, 1 + rnd.nextInt(2)));
        }
        return b.build();
    }

    @Override
    public String toString() {
        return country.rules().id() + " at " + now + ": " + request + ", history " + history + ", lists " + lists + ", asked " + asked;
    }
}
