package dialer.compliance.rules;

import dialer.compliance.CallOutcome;
import dialer.compliance.CallPath;
import dialer.compliance.PhoneType;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dialer.compliance.PhoneType.HOME;
import static dialer.compliance.PhoneType.OWN_MOBILE;
import static dialer.compliance.PhoneType.THIRD_PARTY;
import static dialer.compliance.PhoneType.WORK;

/**
 * The shipped presets: US (with the state overlays MA and WA), US-MA, UK, CN, AU, IN. Every number's source is in the rule's
 * {@code source()} and in the table of compliance-guard/README.md. Where a text can be read two
 * ways, the preset takes the stricter reading and says so.
 */
public final class Presets {

    private Presets() {
    }

    private static final String HOUSE = "house policy";
    private static final PhoneType[] DEBTORS_NUMBERS = {OWN_MOBILE, HOME, WORK};

    /** Rules every preset carries: lists, flags, third parties, one call at a time, a minimum gap. */
    private static RuleSet.Builder common(RuleSet.Builder b, String cease, String attorney, String work, String thirdParty) {
        return b.add(new DoNotCall("dnc", "internal do-not-call lists (global and per campaign)"))
                .add(DebtorRestriction.ceaseCommunication("cease-communication", cease))
                .add(DebtorRestriction.attorney("attorney", attorney))
                .add(DebtorRestriction.noCallsAtWork("no-calls-at-work", work))
                .add(AutomaticDialingFlags.standard("flags.no-automatic", HOUSE + ": dispute, complaint, sensitive and VIP accounts are dialed by hand only"))
                .add(new UnverifiedDispute("dispute.unverified", "15 U.S.C. 1692g(b); 12 CFR 1006.34(b)(5), 1006.38(d)(2): collection stops "
                        + "until a dispute received within the validation period is verified (US); " + HOUSE + " elsewhere"))
                .add(new ThirdPartyGate("third-party.gate", thirdParty))
                .add(new NoConcurrentCalls("one-call-at-a-time", HOUSE))
                .add(CoolDown.afterAnyAttempt("min-gap.number", HOUSE + " (cf. ACCC/ASIC guideline 2021 part 2 s5: no quick re-queueing by automated diallers)",
                        Scope.PHONE, CountWindow.rolling(Duration.ofMinutes(5))));
    }

    /**
     * What Reg F's 7-in-7 counts: every call placed, less the calls that did not connect to the dialed
     * number (12 CFR 1006.14(b)(3)(ii)). {@link Counted#ATTEMPTS} (every placed call) stays available
     * for campaigns that want the conservative count.
     */
    public static final Counted REG_F_COUNTING = Counted.CALLS_CONNECTING_TO_NUMBER;
    private static final String REG_F_NOT_CONNECTED = "calls that did not connect to the dialed number (busy, not in service, "
            + "network failure) not counted, 12 CFR 1006.14(b)(3)(ii)";

    /**
     * Massachusetts: 940 CMR 7.04(1)(f), for a debtor whose address is in MA, in any rule set based on
     * {@link #US}; preset {@link #US_MA} applies it to every debtor.
     */
    public static final StateOverlay US_MA_OVERLAY = StateOverlay.of("US", "MA",
            FrequencyLimit.of("us-ma.2in7.dates", "940 CMR 7.04(1)(f): 2 per 7-day period to the residence, cell or other personal number, for each debt",
                    Scope.DEBT, Counted.ATTEMPTS, 2, CountWindow.localDays(7)).onlyFor(OWN_MOBILE, HOME),
            FrequencyLimit.of("us-ma.2in7.rolling", "940 CMR 7.04(1)(f), rolling 7 x 24 h reading",
                    Scope.DEBT, Counted.ATTEMPTS, 2, CountWindow.rolling(Duration.ofDays(7))).onlyFor(OWN_MOBILE, HOME),
            FrequencyLimit.of("us-ma.2in30.other", "940 CMR 7.04(1)(f): 2 per 30-day period other than at a personal number, for each debt",
                    Scope.DEBT, Counted.ATTEMPTS, 2, CountWindow.rolling(Duration.ofDays(30))).onlyFor(WORK));

    private static final String RCW_19_16_250 = "RCW 19.16.250 (Washington Collection Agency Act, prohibited practices; "
            + "Washington DFI, \"Debt collectors and your rights\")";

    /**
     * Washington: the Collection Agency Act's weekly limits, for a debtor whose address is in WA. Its
     * hours (no calls to the home before 7:30 a.m. or after 9 p.m.) are looser than the federal 8 a.m.,
     * so they add no window. "Communicate" is read as every attempt, and "a single week" as any rolling
     * 7 x 24 h (which covers every calendar week): the stricter readings.
     */
    public static final StateOverlay US_WA_OVERLAY = StateOverlay.of("US", "WA",
            FrequencyLimit.of("us-wa.3-per-week", RCW_19_16_250 + ": not more than 3 times in a single week to the debtor; "
                            + "every attempt counted, all the debtor's numbers and debts together, rolling 7 x 24 h",
                    Scope.DEBTOR, Counted.ATTEMPTS, 3, CountWindow.rolling(Duration.ofDays(7))).onlyFor(DEBTORS_NUMBERS),
            FrequencyLimit.of("us-wa.work.1-per-week", RCW_19_16_250 + ": not more than once in a single week at the debtor's "
                            + "place of employment; every attempt counted, rolling 7 x 24 h",
                    Scope.DEBTOR, Counted.ATTEMPTS, 1, CountWindow.rolling(Duration.ofDays(7))).onlyFor(WORK));

    /** US federal: Reg F (12 CFR 1006) and the TCPA (47 U.S.C. 227, 47 CFR 64.1200), with the states' overlays. */
    public static final RuleSet US = common(RuleSet.builder("US"),
            "15 U.S.C. 1692c(c); 12 CFR 1006.6(c)",
            "15 U.S.C. 1692c(a)(2); 12 CFR 1006.6(b)(2)",
            "15 U.S.C. 1692c(a)(3); 12 CFR 1006.6(b)(3)",
            "15 U.S.C. 1692b; 12 CFR 1006.6(d), 1006.10: third parties only for location information; " + HOUSE
                    + ": not while the debtor was reached in 30 days, nor before each own number was tried in 7")
            .add(CallingWindow.daily("us.hours", "12 CFR 1006.6(b)(1)(i): not before 8 a.m. or after 9 p.m. local; 47 CFR 64.1200(c)(1); "
                            + "another time the consumer asked for directly: 15 U.S.C. 1692c(a)(1)",
                    CallingWindow.Hours.of("08:00", "21:00"), HolidayCalendar.NONE).unlessConsumerAsked())
            .add(FrequencyLimit.of("us.regf.7in7.dates", "12 CFR 1006.14(b)(2)(i)(A): more than 7 calls within 7 consecutive days, per person and debt; "
                            + REG_F_NOT_CONNECTED,
                    Scope.DEBT, REG_F_COUNTING, 7, CountWindow.localDays(7)).onlyFor(DEBTORS_NUMBERS).excludingConsumerConsent())
            .add(FrequencyLimit.of("us.regf.7in7.rolling", "12 CFR 1006.14(b)(2)(i)(A), stricter rolling 7 x 24 h reading; " + REG_F_NOT_CONNECTED,
                    Scope.DEBT, REG_F_COUNTING, 7, CountWindow.rolling(Duration.ofDays(7))).onlyFor(DEBTORS_NUMBERS).excludingConsumerConsent())
            .add(CoolDown.after("us.regf.after-conversation", "12 CFR 1006.14(b)(2)(i)(B): 7 consecutive days after a telephone conversation, its date being day 1",
                    Scope.DEBT, CountWindow.localDays(7), CallOutcome.RIGHT_PARTY_CONTACT).onlyFor(DEBTORS_NUMBERS).exceptOnConsumerConsent())
            .add(new ConsentRequired("us.tcpa.consent", "47 U.S.C. 227(b)(1)(A)(iii); 47 CFR 64.1200(a)(1): prior express consent for autodialed calls to a wireless number "
                    + "(a system-dialed callback is autodialed too)",
                    Set.of(OWN_MOBILE), CallPath.automaticPaths()))
            .add(FrequencyLimit.of("us.third-party.once", "15 U.S.C. 1692b(3); 12 CFR 1006.10(b)(3): not more than once unless requested (365-day memory)",
                    Scope.PHONE, Counted.CONVERSATIONS, 1, CountWindow.rolling(Duration.ofDays(365))).onlyFor(THIRD_PARTY))
            .fallbackZones(zones("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
                    "America/Los_Angeles", "America/Anchorage", "America/Adak", "Pacific/Honolulu"))
            .overlay(US_MA_OVERLAY)
            .overlay(US_WA_OVERLAY)
            .build();

    /**
     * Reg F's two 7-in-7 limits in the conservative counting mode: every placed call counts, busy, not
     * in service and network failures included. Add both to a rule set based on {@link #US} (adding
     * only tightens: the preset's own limits still apply).
     */
    public static List<Rule> regF7in7CountingEveryAttempt() {
        String src = "12 CFR 1006.14(b)(2)(i)(A), conservative mode: every placed call counted, "
                + "the exclusion of 12 CFR 1006.14(b)(3)(ii) not used";
        return List.of(
                FrequencyLimit.of("us.regf.7in7.all.dates", src, Scope.DEBT, Counted.ATTEMPTS, 7, CountWindow.localDays(7))
                        .onlyFor(DEBTORS_NUMBERS),
                FrequencyLimit.of("us.regf.7in7.all.rolling", src + ", rolling 7 x 24 h", Scope.DEBT, Counted.ATTEMPTS, 7,
                        CountWindow.rolling(Duration.ofDays(7))).onlyFor(DEBTORS_NUMBERS));
    }

    /**
     * US with the Massachusetts overlay applied to every debtor, wherever their address (940 CMR 7.04(1)(f)).
     * Kept for campaigns that chose it; a campaign on {@link #US} gets the same rules for its MA debtors.
     */
    public static final RuleSet US_MA = RuleSet.basedOn(US, "US-MA").applyOverlay(US_MA_OVERLAY).build();

    /** United Kingdom: Ofcom's persistent misuse policy (statement of 20 Dec 2016, in force 1 Mar 2017). */
    public static final RuleSet UK = common(RuleSet.builder("UK"),
            "FCA CONC 7.9 / 7.10 (stop when asked, no unreasonable pressure)",
            "FCA CONC 7.9 (deal with the debtor's representative)",
            "FCA CONC 7.9 " + HOUSE,
            HOUSE)
            .add(CallingWindow.daily("uk.hours", HOUSE + ": no statutory hours (FCA CONC 7.9.4 forbids unreasonable times); 08:00-21:00",
                    CallingWindow.Hours.of("08:00", "21:00"), HolidayCalendar.NONE))
            .add(CoolDown.after("uk.ofcom.abandoned-72h", "Ofcom persistent misuse statement 2016, Annex 1: repeat calls within 72 h of an abandoned call; "
                    + "we forbid them outright (Ofcom allows them with a guaranteed live operator: an audited override)",
                    Scope.PHONE, CountWindow.rolling(Duration.ofHours(72)), CallOutcome.ABANDONED))
            .add(CoolDown.after("uk.ofcom.amd-24h", "Ofcom persistent misuse statement 2016, Annex 1: after an AMD-detected machine, repeat calls within 24 h only with a guaranteed live operator",
                    Scope.PHONE, CountWindow.rolling(Duration.ofHours(24)), CallOutcome.MACHINE).exemptingAgentOnLine())
            .fallbackZones(zones("Europe/London"))
            .build();

    private static final String CN_SOURCE = "China consumer-credit collection conventions as specified for this product";

    /** China: calling hours and daily limits of the consumer-credit collection conventions. */
    public static final RuleSet CN = common(RuleSet.builder("CN"),
            CN_SOURCE, CN_SOURCE, CN_SOURCE,
            CN_SOURCE + ": third parties (emergency contacts) only when the debtor cannot be reached (" + HOUSE
                    + ": not reached in 30 days, each own number tried in 7)")
            .add(CallingWindow.daily("cn.hours", CN_SOURCE + ": no calls 22:00-08:00",
                    CallingWindow.Hours.of("08:00", "22:00"), HolidayCalendar.NONE))
            .add(FrequencyLimit.of("cn.connected.debtor.day", CN_SOURCE + ": at most 3 connected calls per debtor per day",
                    Scope.DEBTOR, Counted.CONNECTED, 3, CountWindow.localDays(1)))
            .add(FrequencyLimit.of("cn.attempts.number.day", CN_SOURCE + ": at most 6 attempts per number per day",
                    Scope.PHONE, Counted.ATTEMPTS, 6, CountWindow.localDays(1)))
            .add(FrequencyLimit.of("cn.third-party.day", HOUSE + ": one connected call per third-party number per day",
                    Scope.PHONE, Counted.CONNECTED, 1, CountWindow.localDays(1)).onlyFor(THIRD_PARTY))
            .fallbackZones(zones("Asia/Shanghai"))
            .build();

    private static final String ACCC = "ACCC/ASIC Debt collection guideline for collectors and creditors (2021)";

    /** Australia: the ACCC/ASIC debt collection guideline. */
    public static final RuleSet AU = common(RuleSet.builder("AU"),
            ACCC + " part 2 s6 (stop when asked in writing, subject to exceptions)",
            ACCC + " part 2 s10 (deal with the debtor's representative)",
            ACCC + " part 2 s4 (workplace contact)",
            ACCC + " part 2 s15 (third parties)")
            .add(CallingWindow.weekdaysAndWeekends("au.hours", ACCC + " part 2 s4: Mon-Fri 7.30 am-9 pm, weekends 9 am-9 pm, no contact on national public holidays",
                    CallingWindow.Hours.of("07:30", "21:00"), CallingWindow.Hours.of("09:00", "21:00"),
                    AustralianNationalHolidays.INSTANCE))
            .add(CallingWindow.weekdaysOnly("au.hours.workplace", ACCC + " part 2 s4: contact at the debtor's workplace only in their "
                            + "normal working hours; " + HOUSE + ": 9 am-5 pm Mon-Fri where those hours are not recorded",
                    CallingWindow.Hours.of("09:00", "17:00"), AustralianNationalHolidays.INSTANCE).forNumbers(PhoneType.WORK))
            .add(FrequencyLimit.of("au.contacts.week", ACCC + " part 2 s5: at most 3 contacts (actually made) per week, per account; rolling 7 x 24 h covers any calendar week",
                    Scope.DEBT, Counted.CONVERSATIONS, 3, CountWindow.rolling(Duration.ofDays(7))))
            .add(FrequencyLimit.of("au.contacts.month", ACCC + " part 2 s5: at most 10 contacts (actually made) per month, per account; rolling 31 x 24 h covers any calendar month",
                    Scope.DEBT, Counted.CONVERSATIONS, 10, CountWindow.rolling(Duration.ofDays(31))))
            .fallbackZones(zones("Australia/Perth", "Australia/Eucla", "Australia/Darwin", "Australia/Adelaide",
                    "Australia/Broken_Hill", "Australia/Brisbane", "Australia/Sydney", "Australia/Melbourne",
                    "Australia/Hobart", "Australia/Lord_Howe"))
            .build();

    /**
     * Where the RBI forbids persistent calling without giving a number: the Fair Practices Code for
     * lenders ("persistently bothering the borrowers at odd hours" is undue harassment), the 2008
     * recovery-agent guidelines and the 2022 circular (no intimidation or harassment). The numbers of
     * the in.* limits are this product's reading of "no persistent calling" (house policy).
     */
    private static final String RBI_PERSISTENT = "RBI Fair Practices Code for lenders (no \"persistently bothering the borrowers\"); "
            + "RBI guidelines on recovery agents DBOD.No.Leg.BC.75/09.07.005/2007-08 (24 Apr 2008); "
            + "RBI circular DOR.ORG.REC.65/21.04.158/2022-23 (12 Aug 2022): no harassment; the number is house policy";

    /** India: the RBI's instructions on recovery agents and the lenders' Fair Practices Code. */
    public static final RuleSet IN = common(RuleSet.builder("IN"),
            HOUSE, HOUSE, HOUSE, HOUSE)
            .add(CallingWindow.daily("in.hours", "RBI circular DOR.ORG.REC.65/21.04.158/2022-23 (12 Aug 2022): no calls before 8:00 a.m. or after 7:00 p.m.",
                    CallingWindow.Hours.of("08:00", "19:00"), HolidayCalendar.NONE))
            .add(FrequencyLimit.of("in.attempts.debtor.day", RBI_PERSISTENT + ": at most 3 attempts per borrower per local day, all numbers",
                    Scope.DEBTOR, Counted.ATTEMPTS, 3, CountWindow.localDays(1)).onlyFor(DEBTORS_NUMBERS))
            .add(FrequencyLimit.of("in.conversation.debtor.day", RBI_PERSISTENT + ": after a conversation, no more calls that local day",
                    Scope.DEBTOR, Counted.CONVERSATIONS, 1, CountWindow.localDays(1)).onlyFor(DEBTORS_NUMBERS))
            .add(FrequencyLimit.of("in.attempts.debtor.week", RBI_PERSISTENT + ": at most 10 attempts per borrower in rolling 7 x 24 h",
                    Scope.DEBTOR, Counted.ATTEMPTS, 10, CountWindow.rolling(Duration.ofDays(7))).onlyFor(DEBTORS_NUMBERS))
            .add(FrequencyLimit.of("in.third-party.week", "RBI circular DOR.ORG.REC.65/21.04.158/2022-23: no harassment of the borrower's "
                            + "relatives, referees and friends; at most 1 conversation per third-party number in rolling 7 x 24 h (house policy)",
                    Scope.PHONE, Counted.CONVERSATIONS, 1, CountWindow.rolling(Duration.ofDays(7))).onlyFor(THIRD_PARTY))
            .fallbackZones(zones("Asia/Kolkata"))
            .build();

    private static final Map<String, RuleSet> BY_CODE = List.of(US, US_MA, UK, CN, AU, IN).stream()
            .collect(Collectors.toUnmodifiableMap(RuleSet::id, Function.identity()));

    /** The preset with this code (US, US-MA, UK, CN, AU, IN). */
    public static RuleSet byCode(String code) {
        RuleSet preset = code == null ? null : BY_CODE.get(code.toUpperCase(java.util.Locale.ROOT));
        if (preset == null) {
            throw new IllegalArgumentException("unknown preset '" + code + "'; known: " + codes());
        }
        return preset;
    }

    /** Whether {@code rs} is a shipped preset (same id and the same definition, hence version). */
    public static boolean isPreset(RuleSet rs) {
        RuleSet p = BY_CODE.get(rs.id().toUpperCase(java.util.Locale.ROOT));
        return p != null && p.id().equals(rs.id()) && p.version().equals(rs.version());
    }

    /** Whether {@code id} is a preset's id (any case): no other rule set may carry it. */
    public static boolean isPresetId(String id) {
        return BY_CODE.containsKey(id.toUpperCase(java.util.Locale.ROOT));
    }

    /** The nearest preset {@code rs} was built from (itself if it is one), or null. */
    public static RuleSet presetOf(RuleSet rs) {
        for (RuleSet r = rs; r != null; r = r.base()) {
            if (isPreset(r)) {
                return r;
            }
        }
        return null;
    }

    public static List<String> codes() {
        return List.of("US", "US-MA", "UK", "CN", "AU", "IN");
    }

    private static ZoneId[] zones(String... ids) {
        ZoneId[] z = new ZoneId[ids.length];
        for (int i = 0; i < ids.length; i++) {
            z[i] = ZoneId.of(ids[i]);
        }
        return z;
    }
}
