package dialer.compliance.rules;

import dialer.compliance.AccountFlag;
import dialer.compliance.AttemptState;
import dialer.compliance.CallOutcome;
import dialer.compliance.CallPath;
import dialer.compliance.CallRequest;
import dialer.compliance.ConsumerRequest;
import dialer.compliance.Decision;
import dialer.compliance.ListEntry;
import dialer.compliance.ListKind;
import dialer.compliance.PastAttempt;
import dialer.compliance.PhoneType;
import dialer.compliance.RuleResult;
import dialer.compliance.Verdict;
import dialer.compliance.zone.CalleeZoneResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static dialer.compliance.CallOutcome.NO_ANSWER;
import static dialer.compliance.CallOutcome.RIGHT_PARTY_CONTACT;
import static dialer.compliance.PhoneType.HOME;
import static dialer.compliance.PhoneType.OWN_MOBILE;
import static dialer.compliance.PhoneType.THIRD_PARTY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's second pass, table-driven, each row naming its source: the consumer's own requests (a
 * time to be called, a callback inside Reg F's cool-down), conversations the consumer started,
 * the third-party gate reading the history, do-not-call requests of a whole creditor. The rows name
 * the failing rules exactly; an ALLOW that relies on a consumer request names it in a passing reason.
 */
class SecondPassTableTest {

    private static final CalleeZoneResolver ZONES = new CalleeZoneResolver();
    private static final String NY = "America/New_York";
    private static final String PHONE = "+12125550123";
    private static final String MOBILE = "+12125550177";
    private static final String OTHER = "+12125550199";

    record Case(String name, RuleSet rules, CallRequest request, List<PastAttempt> history, List<ListEntry> lists,
                List<ConsumerRequest> asked, Instant now, Verdict verdict, Set<String> failing, String cites) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Instant ny(String local) {
        return LocalDateTime.parse(local).atZone(ZoneId.of(NY)).toInstant();
    }

    private static final class Row {
        final String name;
        RuleSet rules = Presets.US;
        CallRequest.Builder request = CallRequest.builder().campaign("C1").debtor("D1").debts("A1").lead("L1")
                .phone(PHONE, HOME).address("US", "NY", "10001").path(CallPath.AUTOMATIC);
        final List<PastAttempt> history = new ArrayList<>();
        final List<ListEntry> lists = new ArrayList<>();
        final List<ConsumerRequest> asked = new ArrayList<>();
        Instant now;
        String cites;

        Row(String name) {
            this.name = name;
        }

        Row rules(RuleSet rs) {
            rules = rs;
            return this;
        }

        Row req(UnaryOperator<CallRequest.Builder> f) {
            request = f.apply(request);
            return this;
        }

        /** A finished outbound call of D1 at a New York local time. */
        Row call(String local, String phone, PhoneType type, CallOutcome outcome) {
            return attempt(local, phone, type, outcome, false, null, false);
        }

        Row attempt(String local, String phone, PhoneType type, CallOutcome outcome, boolean inbound, Long request, boolean excluded) {
            Instant t = ny(local);
            history.add(new PastAttempt(history.size() + 1, inbound ? "inbound" : "C1", "D1", Set.of("A1"), phone, type, t,
                    t.plusSeconds(60), AttemptState.COMPLETED, outcome, t, t.plusSeconds(60), inbound, request, excluded));
            return this;
        }

        Row inbound(String local, String phone) {
            return attempt(local, phone, HOME, RIGHT_PARTY_CONTACT, true, null, false);
        }

        /** Consumer request #id of D1: call {@code phone} at {@code local}, given at {@code givenLocal}, about {@code debts}. */
        Row asked(long id, String debtor, String phone, String local, String givenLocal, String... debts) {
            asked.add(new ConsumerRequest(id, debtor, Set.of(debts), phone, ny(local), ny(givenLocal), ny(givenLocal),
                    "agent7", "disposition 9" + id));
            return this;
        }

        Row dnc(String campaign, String creditor) {
            lists.add(new ListEntry(lists.size() + 1, ListKind.DO_NOT_CALL, campaign, null, PHONE, ny("2024-01-01T00:00"),
                    "the consumer asked", null, null, creditor));
            return this;
        }

        Row at(String local) {
            now = ny(local);
            return this;
        }

        Row citing(String text) {
            cites = text;
            return this;
        }

        Case allow() {
            return new Case(name, rules, request.build(), history, lists, asked, now, Verdict.ALLOW, Set.of(), cites);
        }

        Case block(String... failing) {
            return new Case(name, rules, request.build(), history, lists, asked, now, Verdict.BLOCK, Set.of(failing), cites);
        }
    }

    static Row row(String name) {
        return new Row(name);
    }

    /** Seven calls about A1 to D1's home number from Jan 3 to Jan 9, 10:00 New York, none answered. */
    static Row sevenCalls(Row r) {
        for (int d = 3; d <= 9; d++) {
            r.call("2024-01-0" + d + "T10:00", PHONE, HOME, NO_ANSWER);
        }
        return r;
    }

    static List<Case> cases() {
        List<Case> t = new ArrayList<>();
        // ---- 15 U.S.C. 1692c(a)(1): a time the consumer asked for, outside 8 a.m.-9 p.m. -----------------------
        t.add(row("1692c(a)(1): called at 21:30 as the consumer asked").asked(1, "D1", PHONE, "2024-01-09T21:30", "2024-01-09T11:00")
                .at("2024-01-09T21:30").citing("consumer request #1").allow());
        t.add(row("1692c(a)(1): 5 minutes early is inside the tolerance (house: -5 min)")
                .asked(1, "D1", PHONE, "2024-01-09T21:30", "2024-01-09T11:00").at("2024-01-09T21:25").allow());
        t.add(row("1692c(a)(1): 6 minutes early is not what was asked")
                .asked(1, "D1", PHONE, "2024-01-09T21:30", "2024-01-09T11:00").at("2024-01-09T21:24").block("us.hours"));
        t.add(row("1692c(a)(1): 30 minutes late is past the tolerance (house: +30 min, end excluded)")
                .asked(1, "D1", PHONE, "2024-01-09T21:30", "2024-01-09T11:00").at("2024-01-09T22:00").block("us.hours"));
        t.add(row("1692c(a)(1): consent for one number is not for another").req(b -> b.phone(OTHER, HOME))
                .asked(1, "D1", PHONE, "2024-01-09T21:30", "2024-01-09T11:00").at("2024-01-09T21:30").block("us.hours"));
        t.add(row("1692c(a)(1): another debtor's request on the same number permits nothing for this one")
                .asked(1, "D2", PHONE, "2024-01-09T21:30", "2024-01-09T11:00").at("2024-01-09T21:30").block("us.hours"));
        t.add(row("1692c(a)(1): a request about debt A1 does not cover a call about A1 and A2").req(b -> b.debts("A2"))
                .asked(1, "D1", PHONE, "2024-01-09T21:30", "2024-01-09T11:00", "A1").at("2024-01-09T21:30").block("us.hours"));
        t.add(row("1692c(a)(1): the request permits one call; once placed it is spent")
                .asked(1, "D1", PHONE, "2024-01-09T21:30", "2024-01-09T11:00")
                .attempt("2024-01-09T21:26", PHONE, HOME, NO_ANSWER, false, 1L, true)
                .at("2024-01-09T21:40").block("us.hours"));
        t.add(row("1692c(a)(1): the earliest unspent request is used when two overlap")
                .asked(1, "D1", PHONE, "2024-01-09T21:30", "2024-01-09T11:00").asked(2, "D1", PHONE, "2024-01-09T21:40", "2024-01-09T12:00")
                .attempt("2024-01-09T21:26", PHONE, HOME, NO_ANSWER, false, 1L, true)
                .at("2024-01-09T21:45").citing("consumer request #2").allow());
        t.add(row("CN conventions: no consumer exception to the 22:00-08:00 ban (house: stricter reading)").rules(Presets.CN)
                .req(b -> b.phone("+8613812345678", OWN_MOBILE).address("CN", null, null))
                .asked(1, "D1", "+8613812345678", "2024-01-09T09:30", "2024-01-08T20:00").at("2024-01-09T09:30").block("cn.hours"));
        // ---- 12 CFR 1006.14(b)(3)(i): a callback asked for within the 7-day period ------------------------------
        t.add(row("1006.14(b)(2)(i)(B): no call in the 7 days after a conversation (control row)")
                .call("2024-01-09T10:00", PHONE, HOME, RIGHT_PARTY_CONTACT).at("2024-01-11T15:00").block("us.regf.after-conversation"));
        t.add(row("1006.14(b)(3)(i): the callback the consumer asked for in the conversation is excluded from the cool-down")
                .call("2024-01-09T10:00", PHONE, HOME, RIGHT_PARTY_CONTACT).asked(3, "D1", PHONE, "2024-01-11T15:00", "2024-01-09T10:01")
                .at("2024-01-11T15:00").citing("consumer request #3").allow());
        t.add(row("1006.14(b)(3)(i): consent older than 7 days no longer excludes the call")
                .call("2024-01-09T10:00", PHONE, HOME, RIGHT_PARTY_CONTACT).asked(3, "D1", PHONE, "2024-01-11T15:00", "2024-01-04T10:00")
                .at("2024-01-11T15:00").block("us.regf.after-conversation"));
        t.add(row("1006.14(b)(3)(i): a second call the same afternoon is not the one asked for")
                .call("2024-01-09T10:00", PHONE, HOME, RIGHT_PARTY_CONTACT).asked(3, "D1", PHONE, "2024-01-11T15:00", "2024-01-09T10:01")
                .attempt("2024-01-11T15:00", PHONE, HOME, NO_ANSWER, false, 3L, true)
                .at("2024-01-11T15:20").block("us.regf.after-conversation"));
        t.add(sevenCalls(row("1006.14(b)(2)(i)(A): an 8th call in 7 days is blocked (control row)"))
                .at("2024-01-09T15:00").block("us.regf.7in7.dates", "us.regf.7in7.rolling"));
        t.add(sevenCalls(row("1006.14(b)(3)(i): the call the consumer asked for is not counted among the 7"))
                .asked(4, "D1", PHONE, "2024-01-09T15:00", "2024-01-09T10:00").at("2024-01-09T15:00").citing("consumer request #4").allow());
        t.add(sevenCalls(row("1006.14(b)(3)(i): a call placed on consent earlier is never counted afterwards"))
                .attempt("2024-01-02T10:00", PHONE, HOME, NO_ANSWER, false, 5L, true).at("2024-01-09T15:00")
                .block("us.regf.7in7.dates", "us.regf.7in7.rolling"));
        t.add(row("1006.14(b)(3)(i): six counted calls and one excluded leave room for a seventh")
                .call("2024-01-03T10:00", PHONE, HOME, NO_ANSWER).call("2024-01-04T10:00", PHONE, HOME, NO_ANSWER)
                .call("2024-01-05T10:00", PHONE, HOME, NO_ANSWER).call("2024-01-06T10:00", PHONE, HOME, NO_ANSWER)
                .call("2024-01-07T10:00", PHONE, HOME, NO_ANSWER).call("2024-01-08T10:00", PHONE, HOME, NO_ANSWER)
                .attempt("2024-01-09T10:00", PHONE, HOME, NO_ANSWER, false, 5L, true).at("2024-01-09T15:00").allow());
        t.add(row("940 CMR 7.04(1)(f): Massachusetts' 2 in 7 has no consent exclusion; the request still opens Reg F only")
                .rules(Presets.US_MA).req(b -> b.phone("+16175550123", HOME).address("US", "MA", "02108"))
                .call("2024-01-05T10:00", "+16175550123", HOME, NO_ANSWER).call("2024-01-08T10:00", "+16175550123", HOME, NO_ANSWER)
                .asked(4, "D1", "+16175550123", "2024-01-09T15:00", "2024-01-09T10:00").at("2024-01-09T15:00")
                .block("us-ma.2in7.dates", "us-ma.2in7.rolling"));
        // ---- inbound: a conversation the consumer started ----------------------------------------------------
        t.add(row("1006.14(b)(2)(i)(B): a conversation the consumer started by calling in starts the 7-day cool-down")
                .inbound("2024-01-09T10:00", PHONE).at("2024-01-10T12:00").citing("inbound conversation #1")
                .block("us.regf.after-conversation"));
        t.add(row("1006.14(b)(2)(i)(B): inbound from another of the debtor's numbers counts for the debtor and debt")
                .inbound("2024-01-09T10:00", OTHER).at("2024-01-15T12:00").block("us.regf.after-conversation"));
        t.add(row("1006.14(b)(2)(i)(B): day 8 after the inbound conversation is free").inbound("2024-01-09T10:00", PHONE)
                .at("2024-01-16T08:00").allow());
        t.add(row("1006.14(b)(2)(i)(A) counts calls placed: inbound conversations are none (with the cool-down over)")
                .inbound("2024-01-01T10:00", PHONE).inbound("2024-01-01T11:00", PHONE).call("2024-01-09T10:00", PHONE, HOME, NO_ANSWER)
                .at("2024-01-09T15:00").allow());
        t.add(row("house min-gap: an inbound call is no attempt of ours (UK preset, no conversation cool-down)").rules(Presets.UK)
                .req(b -> b.phone("+447700900123", OWN_MOBILE).address("GB", null, "SW1A 1AA"))
                .inbound("2024-01-09T06:58", "+447700900123").at("2024-01-09T07:00").allow());
        // ---- third parties: 15 U.S.C. 1692b, 12 CFR 1006.10; CN "only when the debtor cannot be reached" ----------
        t.add(row("1006.10 / house: debtor reached on their own number 10 days ago, no location call to a third party")
                .req(b -> b.phone(OTHER, THIRD_PARTY).debtorOwnNumbersExhausted(true).path(CallPath.MANUAL))
                .call("2023-12-30T10:00", PHONE, HOME, RIGHT_PARTY_CONTACT).at("2024-01-09T12:00").block("third-party.gate"));
        t.add(row("1006.10 / house: reached 31 days ago, own numbers exhausted and none known: allowed")
                .req(b -> b.phone(OTHER, THIRD_PARTY).debtorOwnNumbersExhausted(true).path(CallPath.MANUAL))
                .call("2023-12-09T10:00", PHONE, HOME, RIGHT_PARTY_CONTACT).at("2024-01-09T12:00").allow());
        t.add(row("1006.10 / house: the debtor called in 3 days ago, so they can be reached")
                .req(b -> b.phone(OTHER, THIRD_PARTY).debtorOwnNumbersExhausted(true).path(CallPath.MANUAL))
                .inbound("2024-01-06T10:00", PHONE).at("2024-01-09T12:00").block("third-party.gate"));
        t.add(row("CN conventions: the request's 'exhausted' is not trusted while an own number was never tried")
                .req(b -> b.phone(OTHER, THIRD_PARTY).debtorOwnNumbersExhausted(true).debtorOwnNumbers(PHONE, MOBILE).path(CallPath.MANUAL))
                .call("2024-01-08T10:00", PHONE, HOME, NO_ANSWER).at("2024-01-09T12:00").block("third-party.gate"));
        t.add(row("1006.10 / house: every own number tried in the last 7 days, nobody reached: allowed")
                .req(b -> b.phone(OTHER, THIRD_PARTY).debtorOwnNumbers(PHONE, MOBILE).path(CallPath.MANUAL))
                .call("2024-01-08T10:00", PHONE, HOME, NO_ANSWER).call("2024-01-08T11:00", MOBILE, OWN_MOBILE, CallOutcome.NOT_IN_SERVICE)
                .at("2024-01-09T12:00").allow());
        t.add(row("1006.10 / house: a try 8 days ago is not current")
                .req(b -> b.phone(OTHER, THIRD_PARTY).debtorOwnNumbers(PHONE, MOBILE).path(CallPath.MANUAL))
                .call("2024-01-01T10:00", PHONE, HOME, NO_ANSWER).call("2024-01-08T11:00", MOBILE, OWN_MOBILE, NO_ANSWER)
                .at("2024-01-09T12:00").block("third-party.gate"));
        t.add(row("1006.10 / house: a call of unknown outcome on an own number counts as reaching the debtor")
                .req(b -> b.phone(OTHER, THIRD_PARTY).debtorOwnNumbers(PHONE).path(CallPath.MANUAL))
                .call("2024-01-08T10:00", PHONE, HOME, CallOutcome.UNKNOWN).at("2024-01-09T12:00").block("third-party.gate"));
        // ---- do-not-call for a whole creditor --------------------------------------------------------------
        t.add(row("internal DNC: a request to the creditor holds for its other campaigns").req(b -> b.campaign("C2").creditor("K1"))
                .dnc(null, "K1").at("2024-01-09T12:00").block("dnc"));
        t.add(row("internal DNC: another creditor's request does not").req(b -> b.campaign("C2").creditor("K2"))
                .dnc(null, "K1").at("2024-01-09T12:00").allow());
        t.add(row("internal DNC: a campaign's request stays with its campaign").req(b -> b.campaign("C2").creditor("K1"))
                .dnc("C1", null).at("2024-01-09T12:00").allow());
        t.add(row("internal DNC: a global request holds for every creditor").req(b -> b.campaign("C2").creditor("K2"))
                .dnc(null, null).at("2024-01-09T12:00").block("dnc"));
        // ---- 15 U.S.C. 1692g(b): unverified dispute on a callback asked for by the consumer ------------------
        t.add(row("1692g(b): even a callback the consumer asked for waits for the verification")
                .req(b -> b.flags(AccountFlag.DISPUTE_UNVERIFIED).path(CallPath.MANUAL))
                .asked(1, "D1", PHONE, "2024-01-09T12:00", "2024-01-09T10:00").at("2024-01-09T12:00").block("dispute.unverified"));
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsTheTableSays(Case c) {
        var zones = ZONES.resolve(c.request(), c.rules().fallbackZones());
        EvaluationContext ctx = new EvaluationContext(c.request(), c.now(), zones, c.history(), c.lists(), c.asked());
        Decision d = c.rules().evaluate(ctx);
        assertThat(new TreeSet<>(d.failures().stream().map(RuleResult::ruleId).toList()))
                .as("failing rules; reasons: %s", d.failures()).isEqualTo(new TreeSet<>(c.failing()));
        assertThat(d.verdict()).isEqualTo(c.verdict());
        if (c.cites() != null) {
            assertThat(d.results().stream().map(RuleResult::reason)).as("a reason names it").anyMatch(r -> r.contains(c.cites()));
        }
        if (c.verdict() == Verdict.ALLOW) {
            Instant until = c.rules().validUntil(ctx, Duration.ofSeconds(60));
            assertThat(until).as("an allowed call stays valid a while").isAfter(c.now());
            ctx.consumerRequest().ifPresent(q -> assertThat(until).as("never past the request").isBeforeOrEqualTo(q.closesAt()));
        }
    }
}
