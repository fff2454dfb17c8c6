package dialer.compliance.rules;

import dialer.compliance.AccountFlag;
import dialer.compliance.AttemptState;
import dialer.compliance.CallOutcome;
import dialer.compliance.CallPath;
import dialer.compliance.CallRequest;
import dialer.compliance.Consent;
import dialer.compliance.Decision;
import dialer.compliance.History;
import dialer.compliance.ListEntry;
import dialer.compliance.ListKind;
import dialer.compliance.PastAttempt;
import dialer.compliance.PhoneType;
import dialer.compliance.RuleResult;
import dialer.compliance.Verdict;
import dialer.compliance.zone.CalleeZoneResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static dialer.compliance.CallOutcome.ABANDONED;
import static dialer.compliance.CallOutcome.ANSWERED;
import static dialer.compliance.CallOutcome.CONVERSATION;
import static dialer.compliance.CallOutcome.MACHINE;
import static dialer.compliance.CallOutcome.NO_ANSWER;
import static dialer.compliance.CallOutcome.RIGHT_PARTY_CONTACT;
import static dialer.compliance.PhoneType.HOME;
import static dialer.compliance.PhoneType.OWN_MOBILE;
import static dialer.compliance.PhoneType.THIRD_PARTY;
import static dialer.compliance.PhoneType.WORK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every preset against a table of cases: hours at their edges, DST switch days, numbers and
 * addresses in several zones, midnight/week/month boundaries, leap days, limits, cool-downs, lists
 * and flags. Each row names the failing rules exactly and the next allowed instant.
 */
class PresetTableTest {

    private static final CalleeZoneResolver ZONES = new CalleeZoneResolver();
    private static final String NY = "America/New_York";
    private static final String US_PHONE = "+12125550123";
    private static final String US_OTHER = "+12125550199";
    private static final String CN_PHONE = "+8613812345678";
    private static final String AU_PHONE = "+61291234567";
    private static final String UK_PHONE = "+447700900123";
    private static final String IN_PHONE = "+919876543210";
    private static final String IN_OTHER = "+912223456789";

    /** One row of the table. {@code next} null with a BLOCK means "no time can be given". */
    record Case(String name, RuleSet rules, CallRequest request, List<PastAttempt> history, List<ListEntry> lists,
                Instant now, Verdict verdict, Set<String> failing, Instant next) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final class Row {
        final String name;
        RuleSet rules;
        CallRequest.Builder request;
        History history;
        final List<ListEntry> lists = new ArrayList<>();
        Instant now;
        Verdict verdict;
        Set<String> failing = Set.of();
        Instant next;

        Row(String name, RuleSet rules, CallRequest.Builder request, String zone) {
            this.name = name;
            this.rules = rules;
            this.request = request;
            this.history = History.in(zone);
        }

        Row req(UnaryOperator<CallRequest.Builder> f) {
            request = f.apply(request);
            return this;
        }

        Row hist(UnaryOperator<History> f) {
            history = f.apply(history);
            return this;
        }

        Row list(ListKind kind, String debtor, String phone) {
            lists.add(new ListEntry(lists.size() + 1, kind, null, debtor, phone, Instant.parse("2024-01-01T00:00:00Z"),
                    "test", null, null));
            return this;
        }

        Row at(String local, String zone) {
            now = local(local, zone);
            return this;
        }

        Row at(String local) {
            now = history.at(local);
            return this;
        }

        Case allow() {
            verdict = Verdict.ALLOW;
            return build();
        }

        Case block(String next, String zone, String... rules) {
            verdict = Verdict.BLOCK;
            failing = Set.of(rules);
            this.next = next == null ? null : local(next, zone);
            return build();
        }

        Case build() {
            return new Case(name, rules, request.build(), history.list(), lists, now, verdict, failing, next);
        }
    }

    static Instant local(String localDateTime, String zone) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant();
    }

    static Row us(String name) {
        return new Row(name, Presets.US, CallRequest.builder().campaign("C1").debtor("D1").debts("A1").lead("L1")
                .phone(US_PHONE, HOME).address("US", "NY", "10001").path(CallPath.AUTOMATIC), NY);
    }

    static Row usMa(String name) {
        return new Row(name, Presets.US_MA, CallRequest.builder().campaign("C1").debtor("D1").debts("A1").lead("L1")
                .phone("+16175550123", HOME).address("US", "MA", "02108").path(CallPath.AUTOMATIC), NY);
    }

    static Row cn(String name) {
        return new Row(name, Presets.CN, CallRequest.builder().campaign("C1").debtor("D1").debts("A1").lead("L1")
                .phone(CN_PHONE, OWN_MOBILE).address("CN", null, null), "Asia/Shanghai");
    }

    static Row au(String name) {
        return new Row(name, Presets.AU, CallRequest.builder().campaign("C1").debtor("D1").debts("A1").lead("L1")
                .phone(AU_PHONE, HOME).address("AU", "NSW", "2000"), "Australia/Sydney");
    }

    static Row uk(String name) {
        return new Row(name, Presets.UK, CallRequest.builder().campaign("C1").debtor("D1").debts("A1").lead("L1")
                .phone(UK_PHONE, OWN_MOBILE).address("GB", null, "SW1A 1AA"), "Europe/London");
    }

    static Row in(String name) {
        return new Row(name, Presets.IN, CallRequest.builder().campaign("C1").debtor("D1").debts("A1").lead("L1")
                .phone(IN_PHONE, OWN_MOBILE).address("IN", null, null), "Asia/Kolkata");
    }

    static List<Case> cases() {
        List<Case> t = new ArrayList<>();
        // ---- US: hours 08:00-21:00 local -------------------------------------------------------------
        t.add(us("US 07:59 is before the window").at("2024-01-09T07:59").block("2024-01-09T08:00", NY, "us.hours"));
        t.add(us("US 08:00 opens the window").at("2024-01-09T08:00").allow());
        t.add(us("US 20:59:59 is the last allowed second").at("2024-01-09T20:59:59").allow());
        t.add(us("US 21:00 closes the window").at("2024-01-09T21:00").block("2024-01-10T08:00", NY, "us.hours"));
        t.add(us("US 22:05 is a lawsuit").at("2024-01-09T22:05").block("2024-01-10T08:00", NY, "us.hours"));
        t.add(us("US DST spring-forward day, 07:59 EDT").at("2024-03-10T07:59").block("2024-03-10T08:00", NY, "us.hours"));
        t.add(us("US DST spring-forward day, 08:00 EDT").at("2024-03-10T08:00").allow());
        t.add(us("US DST spring-forward night, 02:30 does not exist").at("2024-03-10T03:30")
                .block("2024-03-10T08:00", NY, "us.hours"));
        t.add(us("US DST fall-back day, 07:30 EST").at("2024-11-03T07:30").block("2024-11-03T08:00", NY, "us.hours"));
        t.add(us("US DST fall-back night, repeated 01:30").at("2024-11-03T01:30").block("2024-11-03T08:00", NY, "us.hours"));
        // ---- US: zones from several sources ------------------------------------------------------------
        t.add(us("US TX without ZIP spans Central and Mountain: 07:30 CT").req(b -> b.phone("+15125550123", HOME)
                        .address("US", "TX", null)).at("2024-01-09T07:30", "America/Chicago")
                .block("2024-01-09T09:00", "America/Chicago", "us.hours"));
        t.add(us("US TX without ZIP: 20:30 CT is 19:30 MT").req(b -> b.phone("+15125550123", HOME)
                .address("US", "TX", null)).at("2024-01-09T20:30", "America/Chicago").allow());
        t.add(us("US TX without ZIP: 21:00 CT closes").req(b -> b.phone("+15125550123", HOME)
                        .address("US", "TX", null)).at("2024-01-09T21:00", "America/Chicago")
                .block("2024-01-10T09:00", "America/Chicago", "us.hours"));
        t.add(us("US TX ZIP 787 (Austin) narrows to Central: 08:30 CT").req(b -> b.phone("+15125550123", HOME)
                .address("US", "TX", "78701")).at("2024-01-09T08:30", "America/Chicago").allow());
        t.add(us("US El Paso number and ZIP 799: Mountain only, 08:00 MT").req(b -> b.phone("+19155550123", HOME)
                .address("US", "TX", "79901")).at("2024-01-09T08:00", "America/Denver").allow());
        t.add(us("US NY number, CA address: 07:30 PT is too early").req(b -> b.address("US", "CA", "94103"))
                .at("2024-01-09T07:30", "America/Los_Angeles").block("2024-01-09T08:00", "America/Los_Angeles", "us.hours"));
        t.add(us("US NY number, CA address: 20:30 ET is 17:30 PT").req(b -> b.address("US", "CA", "94103"))
                .at("2024-01-09T20:30").allow());
        t.add(us("US NY number, CA address: 21:00 ET closes for both").req(b -> b.address("US", "CA", "94103"))
                .at("2024-01-09T21:00").block("2024-01-10T08:00", "America/Los_Angeles", "us.hours"));
        t.add(us("US KY number mapped to Eastern, KY address adds Central: 20:30 CT").req(b -> b.phone("+12705550123", HOME)
                        .address("US", "KY", null)).at("2024-01-09T20:30", "America/Chicago")
                .block("2024-01-10T08:00", "America/Chicago", "us.hours"));
        t.add(us("US explicit zone Pacific adds to a NY number").req(b -> b.zone("America/Los_Angeles").address(null, null, null))
                .at("2024-01-09T10:30").block("2024-01-09T11:00", NY, "us.hours"));
        t.add(us("US unknown zone falls back to every US zone (Honolulu last to open)")
                .req(b -> b.phone("+80012345678", HOME).address(null, null, null))
                .at("2024-01-09T12:00").block("2024-01-09T13:00", NY, "us.hours"));
        RuleSet safe = RuleSet.basedOn(Presets.US, "US-safe").fallbackWindow(CallingWindow.daily("safe.unknown-zone",
                "campaign: 10:00-19:00 in every fallback zone", CallingWindow.Hours.of("10:00", "19:00"), HolidayCalendar.NONE)).build();
        Row unknown = us("US unknown zone with a safe fallback window: 10:00 Honolulu");
        unknown.rules = safe;
        t.add(unknown.req(b -> b.phone("+80012345678", HOME).address(null, null, null))
                .at("2024-01-09T14:00").block("2024-01-09T15:00", NY, "safe.unknown-zone"));
        Row known = us("US known zone: the fallback window does not apply");
        known.rules = safe;
        t.add(known.at("2024-01-09T08:30").allow());
        // ---- US: Reg F 7-in-7 (per person and debt), leap days ----------------------------------------------
        t.add(us("US 7 attempts in 7 days blocks until the first leaves both windows").hist(h -> sevenDaily(h, "2024-01-03", "A1"))
                .at("2024-01-09T15:00").block("2024-01-10T10:00", NY, "us.regf.7in7.dates", "us.regf.7in7.rolling"));
        t.add(us("US 6 attempts in 7 days allow a 7th").hist(h -> h.call("2024-01-04T10:00", "D1", US_PHONE, HOME, NO_ANSWER, "A1")
                .call("2024-01-05T10:00", "D1", US_PHONE, HOME, NO_ANSWER, "A1").call("2024-01-06T10:00", "D1", US_PHONE, HOME, NO_ANSWER, "A1")
                .call("2024-01-07T10:00", "D1", US_PHONE, HOME, NO_ANSWER, "A1").call("2024-01-08T10:00", "D1", US_PHONE, HOME, NO_ANSWER, "A1")
                .call("2024-01-09T10:00", "D1", US_PHONE, HOME, NO_ANSWER, "A1")).at("2024-01-09T15:00").allow());
        t.add(us("US a released reservation does not count").hist(h -> sevenDaily(h, "2024-01-03", "A1")
                .state("2024-01-02T10:00", "D1", US_PHONE, HOME, AttemptState.RELEASED, "A1"))
                .at("2024-01-10T10:00").allow());
        t.add(us("US calls about another debt do not count for this one").hist(h -> sevenDaily(h, "2024-01-03", "B1"))
                .at("2024-01-09T15:00").allow());
        t.add(us("US a call about two debts is limited by each").req(b -> b.debts("B1"))
                .hist(h -> sevenDaily(h, "2024-01-03", "B1"))
                .at("2024-01-09T15:00").block("2024-01-10T10:00", NY, "us.regf.7in7.dates", "us.regf.7in7.rolling"));
        t.add(us("US leap day: 7 calls Feb 23-29 block on Feb 29").hist(h -> sevenDaily(h, "2024-02-23", "A1"))
                .at("2024-02-29T15:00").block("2024-03-01T10:00", NY, "us.regf.7in7.dates", "us.regf.7in7.rolling"));
        t.add(us("US leap day: Mar 1 10:30 the Feb 23 call has left").hist(h -> sevenDaily(h, "2024-02-23", "A1"))
                .at("2024-03-01T10:30").allow());
        t.add(us("US an in-progress reservation counts towards 7-in-7").hist(h -> sixDailyThenPending(h))
                .at("2024-01-09T15:00").block(null, NY, "us.regf.7in7.dates", "us.regf.7in7.rolling", "one-call-at-a-time"));
        // ---- US: Reg F 7-in-7 counts calls that connect to the dialed number, 12 CFR 1006.14(b)(3)(ii) ----------
        t.add(us("US 1006.14(b)(3)(ii): a busy call did not connect and is not counted")
                .hist(h -> sevenDailyFirstEnding(h, CallOutcome.BUSY)).at("2024-01-09T15:00").allow());
        t.add(us("US 1006.14(b)(3)(ii): a not-in-service (unallocated/disconnected) call is not counted")
                .hist(h -> sevenDailyFirstEnding(h, CallOutcome.NOT_IN_SERVICE)).at("2024-01-09T15:00").allow());
        t.add(us("US 1006.14(b)(3)(ii): a network failure that did not reach the number is not counted")
                .hist(h -> sevenDailyFirstEnding(h, CallOutcome.NETWORK_FAILURE)).at("2024-01-09T15:00").allow());
        t.add(us("US 1006.14(b)(3)(ii) comment: a call that reached voicemail connected and counts")
                .hist(h -> sevenDailyFirstEnding(h, MACHINE)).at("2024-01-09T15:00")
                .block("2024-01-10T10:00", NY, "us.regf.7in7.dates", "us.regf.7in7.rolling"));
        t.add(us("US 1006.14(b)(3)(ii): a call that rang unanswered reached the number and counts")
                .hist(h -> sevenDailyFirstEnding(h, NO_ANSWER)).at("2024-01-09T15:00")
                .block("2024-01-10T10:00", NY, "us.regf.7in7.dates", "us.regf.7in7.rolling"));
        t.add(us("US 1006.14(b)(3)(ii): FAILED, unknown whether it connected, counts (conservative)")
                .hist(h -> sevenDailyFirstEnding(h, CallOutcome.FAILED)).at("2024-01-09T15:00")
                .block("2024-01-10T10:00", NY, "us.regf.7in7.dates", "us.regf.7in7.rolling"));
        t.add(us("US 1006.14(b)(3)(ii): an expired reservation of unknown outcome counts")
                .hist(h -> sevenDailyFirstEnding(h, null)).at("2024-01-09T15:00")
                .block("2024-01-10T10:00", NY, "us.regf.7in7.dates", "us.regf.7in7.rolling"));
        RuleSet everyAttempt = RuleSet.basedOn(Presets.US, "US-every-attempt").add(Presets.regF7in7CountingEveryAttempt().get(0))
                .add(Presets.regF7in7CountingEveryAttempt().get(1)).build();
        Row conservative = us("US 1006.14(b)(2)(i)(A) conservative mode: the busy call counts too");
        conservative.rules = everyAttempt;
        t.add(conservative.hist(h -> sevenDailyFirstEnding(h, CallOutcome.BUSY)).at("2024-01-09T15:00")
                .block("2024-01-10T10:00", NY, "us.regf.7in7.all.dates", "us.regf.7in7.all.rolling"));
        t.add(usMa("US-MA 940 CMR 7.04(1)(f) counts a busy attempt (\"communications\" read as attempts)")
                .hist(h -> h.call("2024-01-08T10:00", "D1", "+16175550123", HOME, CallOutcome.BUSY, "A1")
                        .call("2024-01-09T10:00", "D1", "+16175550123", HOME, CallOutcome.NOT_IN_SERVICE, "A1"))
                .at("2024-01-09T15:00").block("2024-01-15T10:00", NY, "us-ma.2in7.dates", "us-ma.2in7.rolling"));
        // ---- reservations: validity, crash-orphans, the instant a call counts from (guard README "Reservations") ----
        t.add(us("US 1006.14(b)(2)(i)(A): a reservation that lapsed undialed was no call (7th call allowed)")
                .hist(h -> sixDailyThen(h).reserved("2024-01-09T14:00", "2024-01-09T14:01", "D1", US_PHONE, HOME,
                        AttemptState.EXPIRED, "A1")).at("2024-01-09T15:00").allow());
        t.add(us("US 1006.14(b)(2)(i)(A): a reserved call past its validity can no longer be dialed: not counted, not in progress")
                .hist(h -> sixDailyThen(h).reserved("2024-01-09T14:00", "2024-01-09T14:01", "D1", US_PHONE, HOME,
                        AttemptState.RESERVED, "A1")).at("2024-01-09T15:00").allow());
        t.add(us("US 1006.14(b)(2)(i)(A): a reservation still valid counts and is in progress")
                .hist(h -> sixDailyThen(h).reserved("2024-01-09T14:59:30", "2024-01-09T15:00:30", "D1", US_PHONE, HOME,
                        AttemptState.RESERVED, "A1")).at("2024-01-09T15:00")
                .block(null, NY, "us.regf.7in7.dates", "us.regf.7in7.rolling", "one-call-at-a-time", "min-gap.number"));
        t.add(us("US 1006.14(b)(2)(i)(A): a call lost by a crash after its dial counts as one call")
                .hist(h -> sixDailyThen(h).dialed("2024-01-09T14:00", "2024-01-09T14:00:50", "D1", US_PHONE, HOME,
                        AttemptState.EXPIRED, null, "A1")).at("2024-01-09T15:00")
                .block("2024-01-10T10:00", NY, "us.regf.7in7.dates", "us.regf.7in7.rolling"));
        t.add(us("US 1006.14(b)(2)(i)(A) rolling: a call counts from its dial, 50 s after its reservation (1 s before: blocked)")
                .hist(h -> h.dialed("2024-01-03T09:59:10", "2024-01-03T10:00:00", "D1", US_PHONE, HOME, AttemptState.COMPLETED,
                        NO_ANSWER, "A1").call("2024-01-04T10:00", "D1", US_OTHER, OWN_MOBILE, NO_ANSWER, "A1")
                        .call("2024-01-05T10:00", "D1", US_OTHER, OWN_MOBILE, NO_ANSWER, "A1")
                        .call("2024-01-06T10:00", "D1", US_OTHER, OWN_MOBILE, NO_ANSWER, "A1")
                        .call("2024-01-07T10:00", "D1", US_OTHER, OWN_MOBILE, NO_ANSWER, "A1")
                        .call("2024-01-08T10:00", "D1", US_OTHER, OWN_MOBILE, NO_ANSWER, "A1")
                        .call("2024-01-09T10:00", "D1", US_OTHER, OWN_MOBILE, NO_ANSWER, "A1"))
                .at("2024-01-10T09:59:30").block("2024-01-10T10:00", NY, "us.regf.7in7.rolling"));
        t.add(uk("UK Ofcom Annex 1: the 72 h after an abandoned call count from the call's end, not its reservation")
                .hist(h -> h.dialed("2024-01-08T09:59:10", "2024-01-08T10:00:00", "D1", UK_PHONE, OWN_MOBILE,
                        AttemptState.COMPLETED, ABANDONED, "A1"))
                .at("2024-01-11T10:00:30").block("2024-01-11T10:01", "Europe/London", "uk.ofcom.abandoned-72h"));
        // ---- US: Reg F conversation cool-down, the conversation day is day 1 --------------------------------
        t.add(us("US 7-day cool-down after a conversation, last day (also a DST day)")
                .hist(h -> h.call("2024-03-04T15:00", "D1", US_PHONE, HOME, RIGHT_PARTY_CONTACT, "A1"))
                .at("2024-03-10T20:00").block("2024-03-11T08:00", NY, "us.regf.after-conversation"));
        t.add(us("US cool-down over on day 8 at 08:00")
                .hist(h -> h.call("2024-03-04T15:00", "D1", US_PHONE, HOME, RIGHT_PARTY_CONTACT, "A1"))
                .at("2024-03-11T08:00").allow());
        t.add(us("US talking to a third party at the debtor's number starts no cool-down")
                .hist(h -> h.call("2024-03-04T15:00", "D1", US_PHONE, HOME, CONVERSATION, "A1"))
                .at("2024-03-05T15:00").allow());
        t.add(us("US 1006.14(b)(2)(i)(B) needs a conversation: a call lost by a crash (dialed, expired) starts no cool-down")
                .hist(h -> h.state("2024-03-04T15:00", "D1", US_PHONE, HOME, AttemptState.EXPIRED, "A1"))
                .at("2024-03-05T15:00").allow());
        t.add(us("US 1006.14(b)(2)(i)(B): a call completed with outcome UNKNOWN still starts the cool-down (worst case)")
                .hist(h -> h.call("2024-03-04T15:00", "D1", US_PHONE, HOME, CallOutcome.UNKNOWN, "A1"))
                .at("2024-03-05T15:00").block("2024-03-11T08:00", NY, "us.regf.after-conversation"));
        // ---- US: consent, flags, lists, third parties, gaps ----------------------------------------------
        t.add(us("US automatic call to a mobile needs consent").req(b -> b.phone(US_PHONE, OWN_MOBILE))
                .at("2024-01-09T12:00").block(null, NY, "us.tcpa.consent"));
        t.add(us("US manual call to a mobile needs no consent").req(b -> b.phone(US_PHONE, OWN_MOBILE).path(CallPath.MANUAL))
                .at("2024-01-09T12:00").allow());
        t.add(us("US expired consent").req(b -> b.phone(US_PHONE, OWN_MOBILE).consent(new Consent(
                        Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z"), "web form")))
                .at("2024-01-09T12:00").block(null, NY, "us.tcpa.consent"));
        t.add(us("US valid consent").req(b -> b.phone(US_PHONE, OWN_MOBILE).consent(new Consent(
                        Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"), "web form")))
                .at("2024-01-09T12:00").allow());
        t.add(us("US stored consent").req(b -> b.phone(US_PHONE, OWN_MOBILE)).list(ListKind.CONSENT, "D1", US_PHONE)
                .at("2024-01-09T12:00").allow());
        t.add(us("US disputed account: no automatic dialing").req(b -> b.flags(AccountFlag.DISPUTE))
                .at("2024-01-09T12:00").block(null, NY, "flags.no-automatic"));
        t.add(us("US disputed account: a retry is automatic too").req(b -> b.flags(AccountFlag.DISPUTE).path(CallPath.RETRY))
                .at("2024-01-09T12:00").block(null, NY, "flags.no-automatic"));
        t.add(us("US disputed account: an agent may dial by hand").req(b -> b.flags(AccountFlag.DISPUTE).path(CallPath.MANUAL))
                .at("2024-01-09T12:00").allow());
        t.add(us("47 U.S.C. 227(b)(1)(A)(iii): a system-dialed callback to a mobile is autodialed and needs consent")
                .req(b -> b.phone(US_PHONE, OWN_MOBILE).path(CallPath.CALLBACK))
                .at("2024-01-09T12:00").block(null, NY, "us.tcpa.consent"));
        t.add(us("47 U.S.C. 227(b)(1)(A)(iii): a callback to a mobile with stored consent").req(b -> b.phone(US_PHONE, OWN_MOBILE)
                .path(CallPath.CALLBACK)).list(ListKind.CONSENT, "D1", US_PHONE).at("2024-01-09T12:00").allow());
        t.add(us("house policy: a system-dialed callback of a disputed account is automatic dialing")
                .req(b -> b.flags(AccountFlag.DISPUTE).path(CallPath.CALLBACK))
                .at("2024-01-09T12:00").block(null, NY, "flags.no-automatic"));
        t.add(us("15 U.S.C. 1692g(b): an unverified dispute blocks a manual call").req(b -> b.flags(AccountFlag.DISPUTE_UNVERIFIED)
                .path(CallPath.MANUAL)).at("2024-01-09T12:00").block(null, NY, "dispute.unverified"));
        t.add(us("15 U.S.C. 1692g(b): an unverified dispute blocks a preview call").req(b -> b.flags(AccountFlag.DISPUTE_UNVERIFIED)
                .path(CallPath.PREVIEW)).at("2024-01-09T12:00").block(null, NY, "dispute.unverified"));
        t.add(us("15 U.S.C. 1692g(b): an unverified dispute blocks a predictive call (no automatic-flag rule needed)")
                .req(b -> b.flags(AccountFlag.DISPUTE_UNVERIFIED)).at("2024-01-09T12:00").block(null, NY, "dispute.unverified"));
        t.add(us("12 CFR 1006.38(d)(2): an unverified dispute blocks a call to a third party too")
                .req(b -> b.flags(AccountFlag.DISPUTE_UNVERIFIED).phone(US_OTHER, THIRD_PARTY).debtorOwnNumbersExhausted(true)
                        .path(CallPath.MANUAL)).at("2024-01-09T12:00").block(null, NY, "dispute.unverified"));
        t.add(cn("CN preset (house policy): an unverified dispute blocks a manual call").req(b -> b.flags(AccountFlag.DISPUTE_UNVERIFIED)
                .path(CallPath.MANUAL)).at("2024-01-09T12:00").block(null, null, "dispute.unverified"));
        t.add(us("US cease-communication blocks even a manual call").req(b -> b.flags(AccountFlag.CEASE_COMMUNICATION)
                .path(CallPath.MANUAL)).at("2024-01-09T12:00").block(null, NY, "cease-communication"));
        t.add(us("US attorney on the stored list blocks a callback").req(b -> b.path(CallPath.CALLBACK))
                .list(ListKind.ATTORNEY, "D1", null).at("2024-01-09T12:00").block(null, NY, "attorney"));
        t.add(us("US no calls at work: WORK number").req(b -> b.phone(US_PHONE, WORK).flags(AccountFlag.NO_CALLS_AT_WORK))
                .at("2024-01-09T12:00").block(null, NY, "no-calls-at-work"));
        t.add(us("US no calls at work: HOME number is fine").req(b -> b.flags(AccountFlag.NO_CALLS_AT_WORK))
                .at("2024-01-09T12:00").allow());
        t.add(us("US do-not-call list").list(ListKind.DO_NOT_CALL, null, US_PHONE).at("2024-01-09T12:00")
                .block(null, NY, "dnc"));
        t.add(us("US third party while the debtor's numbers are not exhausted").req(b -> b.phone(US_OTHER, THIRD_PARTY))
                .at("2024-01-09T12:00").block(null, NY, "third-party.gate"));
        t.add(us("US third party once the debtor's numbers are exhausted").req(b -> b.phone(US_OTHER, THIRD_PARTY)
                .debtorOwnNumbersExhausted(true)).at("2024-01-09T12:00").allow());
        t.add(us("US third party already spoken to once").req(b -> b.phone(US_OTHER, THIRD_PARTY).debtorOwnNumbersExhausted(true))
                .hist(h -> h.call("2023-12-01T12:00", "D1", US_OTHER, THIRD_PARTY, CONVERSATION, "A1"))
                .at("2024-01-09T12:00").block("2024-11-30T12:00", NY, "us.third-party.once"));
        t.add(us("US 5-minute gap after the last call to the number").hist(h -> h.call("2024-01-09T11:55", "D1", US_PHONE, HOME, NO_ANSWER, "A1"))
                .at("2024-01-09T12:00").block("2024-01-09T12:01", NY, "min-gap.number"));
        // ---- US-MA: 2 per 7 days at personal numbers, 2 per 30 days elsewhere -------------------------------
        t.add(usMa("MA 2 home calls in 7 days").hist(h -> h.call("2024-01-05T10:00", "D1", "+16175550123", HOME, NO_ANSWER, "A1")
                        .call("2024-01-08T10:00", "D1", "+16175550123", HOME, NO_ANSWER, "A1"))
                .at("2024-01-09T12:00").block("2024-01-12T10:00", NY, "us-ma.2in7.dates", "us-ma.2in7.rolling"));
        t.add(usMa("MA a work number is counted apart").req(b -> b.phone("+16175550199", WORK))
                .hist(h -> h.call("2024-01-05T10:00", "D1", "+16175550123", HOME, NO_ANSWER, "A1")
                        .call("2024-01-08T10:00", "D1", "+16175550123", HOME, NO_ANSWER, "A1"))
                .at("2024-01-09T12:00").allow());
        t.add(usMa("MA 2 work calls in 30 days").req(b -> b.phone("+16175550199", WORK))
                .hist(h -> h.call("2023-12-20T10:00", "D1", "+16175550199", WORK, NO_ANSWER, "A1")
                        .call("2024-01-02T10:00", "D1", "+16175550199", WORK, NO_ANSWER, "A1"))
                .at("2024-01-09T12:00").block("2024-01-19T10:00", NY, "us-ma.2in30.other"));
        // ---- UK: Ofcom -------------------------------------------------------------------------------------
        String london = "Europe/London";
        t.add(uk("UK abandoned 71 h ago: no redial, even with an agent").req(b -> b.agentOnLine(true))
                .hist(h -> h.call("2024-01-06T13:00", "D1", UK_PHONE, OWN_MOBILE, ABANDONED, "A1"))
                .at("2024-01-09T12:00").block("2024-01-09T13:01", london, "uk.ofcom.abandoned-72h"));
        t.add(uk("UK abandoned 73 h ago").hist(h -> h.call("2024-01-06T11:00", "D1", UK_PHONE, OWN_MOBILE, ABANDONED, "A1"))
                .at("2024-01-09T12:00").allow());
        t.add(uk("UK machine 23 h ago, no agent").hist(h -> h.call("2024-01-08T13:00", "D1", UK_PHONE, OWN_MOBILE, MACHINE, "A1"))
                .at("2024-01-09T12:00").block("2024-01-09T13:01", london, "uk.ofcom.amd-24h"));
        t.add(uk("UK machine 23 h ago, agent guaranteed").req(b -> b.agentOnLine(true))
                .hist(h -> h.call("2024-01-08T13:00", "D1", UK_PHONE, OWN_MOBILE, MACHINE, "A1"))
                .at("2024-01-09T12:00").allow());
        t.add(uk("UK 21:00 (BST)").at("2024-07-09T21:00", london).block("2024-07-10T08:00", london, "uk.hours"));
        t.add(uk("UK mobile without a mapped zone uses the address / fallback").req(b -> b.address(null, null, null))
                .at("2024-07-09T07:59", london).block("2024-07-09T08:00", london, "uk.hours"));
        // ---- CN --------------------------------------------------------------------------------------------
        String sh = "Asia/Shanghai";
        t.add(cn("CN 22:00 is forbidden").at("2024-01-09T22:00").block("2024-01-10T08:00", sh, "cn.hours"));
        t.add(cn("CN 07:59 is forbidden").at("2024-01-09T07:59").block("2024-01-09T08:00", sh, "cn.hours"));
        t.add(cn("CN 21:59 is allowed").at("2024-01-09T21:59").allow());
        t.add(cn("CN 3 connected calls today").hist(h -> h.call("2024-01-09T09:00", "D1", CN_PHONE, OWN_MOBILE, ANSWERED, "A1")
                        .call("2024-01-09T11:00", "D1", "+8613900000000", OWN_MOBILE, MACHINE, "A1")
                        .call("2024-01-09T13:00", "D1", CN_PHONE, OWN_MOBILE, RIGHT_PARTY_CONTACT, "A1"))
                .at("2024-01-09T15:00").block("2024-01-10T08:00", sh, "cn.connected.debtor.day"));
        t.add(cn("CN 2 connected and 3 unanswered").hist(h -> h.call("2024-01-09T09:00", "D1", CN_PHONE, OWN_MOBILE, ANSWERED, "A1")
                        .call("2024-01-09T10:00", "D1", CN_PHONE, OWN_MOBILE, NO_ANSWER, "A1")
                        .call("2024-01-09T11:00", "D1", CN_PHONE, OWN_MOBILE, NO_ANSWER, "A1")
                        .call("2024-01-09T12:00", "D1", CN_PHONE, OWN_MOBILE, NO_ANSWER, "A1")
                        .call("2024-01-09T13:00", "D1", CN_PHONE, OWN_MOBILE, ANSWERED, "A1"))
                .at("2024-01-09T15:00").allow());
        t.add(cn("CN 6 attempts to the number today").hist(h -> sixToday(h, CN_PHONE))
                .at("2024-01-09T20:00").block("2024-01-10T08:00", sh, "cn.attempts.number.day"));
        t.add(cn("CN 6 attempts to another number of the debtor").hist(h -> sixToday(h, "+8613900000000"))
                .at("2024-01-09T20:00").allow());
        t.add(cn("CN midnight boundary: yesterday's 3 connected calls no longer count")
                .hist(h -> h.call("2024-01-09T20:00", "D1", CN_PHONE, OWN_MOBILE, ANSWERED, "A1")
                        .call("2024-01-09T20:30", "D1", CN_PHONE, OWN_MOBILE, ANSWERED, "A1")
                        .call("2024-01-09T21:00", "D1", CN_PHONE, OWN_MOBILE, ANSWERED, "A1"))
                .at("2024-01-10T08:00").allow());
        t.add(cn("CN third party while the debtor is reachable").req(b -> b.phone("+8613700000000", THIRD_PARTY))
                .at("2024-01-09T12:00").block(null, sh, "third-party.gate"));
        t.add(cn("CN third party when unreachable, one connected call per day").req(b -> b.phone("+8613700000000", THIRD_PARTY)
                        .debtorOwnNumbersExhausted(true))
                .hist(h -> h.call("2024-01-09T09:00", "D1", "+8613700000000", THIRD_PARTY, ANSWERED, "A1"))
                .at("2024-01-09T12:00").block("2024-01-10T08:00", sh, "cn.third-party.day"));
        // ---- AU --------------------------------------------------------------------------------------------
        String syd = "Australia/Sydney";
        t.add(au("AU weekday 07:30 opens").at("2024-01-08T07:30").allow());
        t.add(au("AU Saturday 07:30 is too early").at("2024-01-13T07:30").block("2024-01-13T09:00", syd, "au.hours"));
        t.add(au("AU Sunday 09:00 opens").at("2024-01-14T09:00").allow());
        t.add(au("AU Friday 21:00 closes until Saturday 09:00").at("2024-01-12T21:00").block("2024-01-13T09:00", syd, "au.hours"));
        t.add(au("AU Christmas and Boxing Day are closed").at("2024-12-25T10:00").block("2024-12-27T07:30", syd, "au.hours"));
        t.add(au("AU Good Friday closed; Easter Saturday is not national").at("2024-03-29T10:00")
                .block("2024-03-30T09:00", syd, "au.hours"));
        t.add(au("AU Easter Monday closed").at("2024-04-01T10:00").block("2024-04-02T07:30", syd, "au.hours"));
        t.add(au("AU Anzac Day on a Saturday: the Monday substitute is closed too").at("2026-04-27T10:00")
                .block("2026-04-28T07:30", syd, "au.hours"));
        t.add(au("AU DST starts on a Sunday: 08:59 AEDT").at("2024-10-06T08:59").block("2024-10-06T09:00", syd, "au.hours"));
        t.add(au("AU Broken Hill postcode adds Central time").req(b -> b.address("AU", "NSW", "2880"))
                .at("2024-01-09T07:45").block("2024-01-09T08:00", syd, "au.hours"));
        t.add(au("AU 3 contacts in a week for this account").hist(h -> h.call("2024-01-08T10:00", "D1", AU_PHONE, HOME, RIGHT_PARTY_CONTACT, "A1")
                        .call("2024-01-09T10:00", "D1", AU_PHONE, HOME, CONVERSATION, "A1")
                        .call("2024-01-10T10:00", "D1", AU_PHONE, HOME, RIGHT_PARTY_CONTACT, "A1"))
                .at("2024-01-12T10:00").block("2024-01-15T10:00", syd, "au.contacts.week"));
        t.add(au("AU attempts without contact are not contacts").hist(h -> h.call("2024-01-08T10:00", "D1", AU_PHONE, HOME, NO_ANSWER, "A1")
                        .call("2024-01-09T10:00", "D1", AU_PHONE, HOME, NO_ANSWER, "A1")
                        .call("2024-01-10T10:00", "D1", AU_PHONE, HOME, MACHINE, "A1")
                        .call("2024-01-11T10:00", "D1", AU_PHONE, HOME, RIGHT_PARTY_CONTACT, "A1"))
                .at("2024-01-12T10:00").allow());
        // ACCC/ASIC guideline part 2 s4: a workplace number only in the debtor's working hours (house: 9-5 weekdays)
        t.add(au("AU workplace number Monday 08:00: the general hours are open, working hours not yet")
                .req(b -> b.phone(AU_PHONE, WORK)).at("2024-01-08T08:00").block("2024-01-08T09:00", syd, "au.hours.workplace"));
        t.add(au("AU home number Monday 08:00: working hours hold for workplace numbers only")
                .req(b -> b.phone(AU_PHONE, HOME)).at("2024-01-08T08:00").allow());
        t.add(au("AU workplace number 16:59 allowed").req(b -> b.phone(AU_PHONE, WORK)).at("2024-01-08T16:59").allow());
        t.add(au("AU workplace number Friday 17:00 closes until Monday 09:00")
                .req(b -> b.phone(AU_PHONE, WORK)).at("2024-01-12T17:00").block("2024-01-15T09:00", syd, "au.hours.workplace"));
        t.add(au("AU workplace number Saturday 10:00: no working hours at the weekend")
                .req(b -> b.phone(AU_PHONE, WORK)).at("2024-01-13T10:00").block("2024-01-15T09:00", syd, "au.hours.workplace"));
        t.add(au("AU 10 contacts in a month").hist(PresetTableTest::tenContactsEveryThreeDays)
                .at("2024-01-29T11:00").block("2024-02-01T10:00", syd, "au.contacts.month"));
        // ---- IN --------------------------------------------------------------------------------------------
        String kol = "Asia/Kolkata";
        t.add(in("IN 18:59 allowed").at("2024-01-09T18:59").allow());
        t.add(in("IN 19:00 closes").at("2024-01-09T19:00").block("2024-01-10T08:00", kol, "in.hours"));
        t.add(in("IN 07:59 too early").at("2024-01-09T07:59").block("2024-01-09T08:00", kol, "in.hours"));
        t.add(in("IN RBI FPC 'no persistent calling' (house 3/day): 2 attempts today allow a 3rd")
                .hist(h -> h.call("2024-01-09T09:00", "D1", IN_PHONE, OWN_MOBILE, NO_ANSWER, "A1")
                        .call("2024-01-09T11:00", "D1", IN_OTHER, HOME, CallOutcome.BUSY, "A1"))
                .at("2024-01-09T13:00").allow());
        t.add(in("IN RBI FPC 'no persistent calling' (house 3/day): a 4th attempt waits for the next local day")
                .hist(h -> h.call("2024-01-09T09:00", "D1", IN_PHONE, OWN_MOBILE, NO_ANSWER, "A1")
                        .call("2024-01-09T11:00", "D1", IN_OTHER, HOME, CallOutcome.BUSY, "A1")
                        .call("2024-01-09T12:00", "D1", IN_PHONE, OWN_MOBILE, MACHINE, "A1"))
                .at("2024-01-09T13:00").block("2024-01-10T08:00", kol, "in.attempts.debtor.day"));
        t.add(in("IN RBI FPC (house): after a conversation, no more calls that day, on any number")
                .hist(h -> h.call("2024-01-09T09:00", "D1", IN_PHONE, OWN_MOBILE, RIGHT_PARTY_CONTACT, "A1"))
                .req(b -> b.phone(IN_OTHER, HOME)).at("2024-01-09T15:00")
                .block("2024-01-10T08:00", kol, "in.conversation.debtor.day"));
        t.add(in("IN RBI FPC (house 10 per 7 x 24 h): the 11th attempt in a week waits for the first to roll out")
                .hist(PresetTableTest::tenInAWeek).at("2024-01-09T10:00")
                .block("2024-01-10T09:00", kol, "in.attempts.debtor.week"));
        t.add(in("IN RBI 2022 circular (house): one conversation per third-party number per 7 x 24 h")
                .req(b -> b.phone(IN_OTHER, THIRD_PARTY).debtorOwnNumbersExhausted(true))
                .hist(h -> h.call("2024-01-05T10:00", "D9", IN_OTHER, THIRD_PARTY, CONVERSATION, "B9"))
                .at("2024-01-09T10:00").block("2024-01-12T10:00", kol, "in.third-party.week"));
        return t;
    }

    private static History sevenDaily(History h, String firstDate, String debt) {
        java.time.LocalDate d = java.time.LocalDate.parse(firstDate);
        for (int i = 0; i < 7; i++) {
            h.call(d.plusDays(i) + "T10:00", "D1", i % 2 == 0 ? US_PHONE : US_OTHER, i % 2 == 0 ? HOME : OWN_MOBILE, NO_ANSWER, debt);
        }
        return h;
    }

    /** Seven daily calls from Jan 3 at 10:00; the first ends with {@code first} (null: expired, outcome unknown). */
    private static History sevenDailyFirstEnding(History h, CallOutcome first) {
        if (first == null) {
            h.state("2024-01-03T10:00", "D1", US_PHONE, HOME, AttemptState.EXPIRED, "A1");
        } else {
            h.call("2024-01-03T10:00", "D1", US_PHONE, HOME, first, "A1");
        }
        for (int i = 1; i < 7; i++) {
            h.call("2024-01-0" + (3 + i) + "T10:00", "D1", US_OTHER, OWN_MOBILE, NO_ANSWER, "A1");
        }
        return h;
    }

    /** Ten attempts of debtor D1 from Jan 3 09:00 Kolkata, about every 16 hours, inside the calling hours. */
    private static History tenInAWeek(History h) {
        String[] at = {"2024-01-03T09:00", "2024-01-03T17:00", "2024-01-04T09:00", "2024-01-04T17:00", "2024-01-05T09:00",
                "2024-01-06T09:00", "2024-01-07T09:00", "2024-01-07T17:00", "2024-01-08T09:00", "2024-01-08T17:00"};
        for (String t : at) {
            h.call(t, "D1", IN_PHONE, OWN_MOBILE, NO_ANSWER, "A1");
        }
        return h;
    }

    private static History sixDailyThen(History h) {
        for (int i = 0; i < 6; i++) {
            h.call("2024-01-0" + (3 + i) + "T10:00", "D1", US_OTHER, OWN_MOBILE, NO_ANSWER, "A1");
        }
        return h;
    }

    private static History sixDailyThenPending(History h) {
        for (int i = 0; i < 6; i++) {
            h.call("2024-01-0" + (3 + i) + "T10:00", "D1", US_PHONE, HOME, NO_ANSWER, "A1");
        }
        return h.state("2024-01-09T14:59", "D1", US_OTHER, OWN_MOBILE, AttemptState.DIALED, "A1");
    }

    private static History sixToday(History h, String phone) {
        for (int i = 0; i < 6; i++) {
            h.call("2024-01-09T1" + i + ":00", "D1", phone, OWN_MOBILE, NO_ANSWER, "A1");
        }
        return h;
    }

    private static History tenContactsEveryThreeDays(History h) {
        java.time.LocalDate d = java.time.LocalDate.parse("2024-01-01");
        for (int i = 0; i < 10; i++) {
            h.call(d.plusDays(3L * i) + "T10:00", "D1", AU_PHONE, HOME, RIGHT_PARTY_CONTACT, "A1");
        }
        return h;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void presetDecidesAsTheTableSays(Case c) {
        var zones = ZONES.resolve(c.request(), c.rules().fallbackZones());
        Decision d = c.rules().evaluate(new EvaluationContext(c.request(), c.now(), zones, c.history(), c.lists()));
        Set<String> failing = new TreeSet<>(d.failures().stream().map(RuleResult::ruleId).toList());
        assertThat(failing).as("failing rules; reasons: %s", d.failures()).isEqualTo(new TreeSet<>(c.failing()));
        assertThat(d.verdict()).isEqualTo(c.verdict());
        assertThat(d.results()).hasSize(c.rules().rules().size());
        if (c.verdict() == Verdict.BLOCK) {
            assertThat(d.nextAllowedAt()).as("next allowed; zones %s; reasons %s", d.zoneSources(), d.failures())
                    .isEqualTo(c.next());
            for (RuleResult f : d.failures()) {
                assertThat(f.reason()).as("reason names no full number").doesNotContain(c.request().phone());
            }
            if (d.nextAllowedAt() != null) {
                Decision then = c.rules().evaluate(new EvaluationContext(c.request(), d.nextAllowedAt(), zones, c.history(), c.lists()));
                assertThat(then.verdict()).as("at the next allowed instant the same request passes: %s", then.failures())
                        .isEqualTo(Verdict.ALLOW);
                Decision before = c.rules().evaluate(new EvaluationContext(c.request(), d.nextAllowedAt().minusSeconds(1), zones,
                        c.history(), c.lists()));
                assertThat(before.verdict()).as("one second earlier it is still blocked").isEqualTo(Verdict.BLOCK);
            }
        } else {
            assertThat(d.nextAllowedAt()).isEqualTo(c.now());
        }
    }
}
