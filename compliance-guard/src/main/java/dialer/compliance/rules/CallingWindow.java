package dialer.compliance.rules;

import dialer.compliance.PhoneType;
import dialer.compliance.RuleResult;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Hours at which calls are allowed, in the callee's local time, per weekday, closed on holidays.
 * With several callee zones, a call is allowed only at instants that every zone allows. Local times
 * are read through java.time zone rules, so DST switch days are handled: a window opening at a
 * local time that does not exist that day opens at the first instant after the gap. A window may
 * hold for some kinds of number only ({@code phoneTypes}; empty: every number), e.g. a workplace
 * number only in working hours, on top of the hours of every call.
 */
public record CallingWindow(String id, String source, Map<DayOfWeek, List<Hours>> week, HolidayCalendar holidays,
                            boolean onlyWhenZoneUnknown, Set<PhoneType> phoneTypes, boolean consumerMayAsk) implements Rule {

    /** How many days ahead {@link #nextOpen} searches before giving up. */
    static final int SEARCH_DAYS = 400;

    /** Local hours {@code [from, until)}; {@code until} 00:00 means the end of the day (24:00). */
    public record Hours(LocalTime from, LocalTime until) {
        public Hours {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            if (!until.equals(LocalTime.MIDNIGHT) && !until.isAfter(from)) {
                throw new IllegalArgumentException("calling hours must end after they start: " + from + "-" + until
                        + " (split a window that crosses midnight into two)");
            }
        }

        public static Hours of(String from, String until) {
            return new Hours(LocalTime.parse(from), LocalTime.parse(until));
        }

        boolean contains(LocalTime t) {
            return !t.isBefore(from) && (until.equals(LocalTime.MIDNIGHT) || t.isBefore(until));
        }

        @Override
        public String toString() {
            return from + "-" + (until.equals(LocalTime.MIDNIGHT) ? "24:00" : until.toString());
        }
    }

    public CallingWindow(String id, String source, Map<DayOfWeek, List<Hours>> week, HolidayCalendar holidays) {
        this(id, source, week, holidays, false, Set.of(), false);
    }

    /** A window the consumer's own request cannot open. */
    public CallingWindow(String id, String source, Map<DayOfWeek, List<Hours>> week, HolidayCalendar holidays,
                         boolean onlyWhenZoneUnknown, Set<PhoneType> phoneTypes) {
        this(id, source, week, holidays, onlyWhenZoneUnknown, phoneTypes, false);
    }

    /**
     * The same window, which lets through the one call a consumer asked for at about a time outside it
     * ({@link dialer.compliance.ConsumerRequest}): the hours are only what is presumed convenient
     * "in the absence of knowledge of circumstances to the contrary" and "without the prior consent of
     * the consumer given directly to the debt collector" (15 U.S.C. 1692c(a)(1); 12 CFR 1006.6(b)(1)(i)).
     */
    public CallingWindow unlessConsumerAsked() {
        return new CallingWindow(id, source, week, holidays, onlyWhenZoneUnknown, phoneTypes, true);
    }

    public CallingWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        holidays = holidays == null ? HolidayCalendar.NONE : holidays;
        phoneTypes = phoneTypes == null ? Set.of() : Set.copyOf(phoneTypes);
        EnumMap<DayOfWeek, List<Hours>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            List<Hours> hours = new ArrayList<>(week == null ? List.of() : week.getOrDefault(d, List.of()));
            hours.sort(Comparator.comparing(Hours::from));
            copy.put(d, List.copyOf(hours));
        }
        week = java.util.Collections.unmodifiableMap(copy);
    }

    /** The same hours every day. */
    public static CallingWindow daily(String id, String source, Hours hours, HolidayCalendar holidays) {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            week.put(d, List.of(hours));
        }
        return new CallingWindow(id, source, week, holidays);
    }

    /** These hours Monday to Friday, closed on Saturday and Sunday. */
    public static CallingWindow weekdaysOnly(String id, String source, Hours weekdays, HolidayCalendar holidays) {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            boolean weekend = d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
            week.put(d, weekend ? List.of() : List.of(weekdays));
        }
        return new CallingWindow(id, source, week, holidays);
    }

    /** One set of hours Monday to Friday, another on Saturday and Sunday. */
    public static CallingWindow weekdaysAndWeekends(String id, String source, Hours weekdays, Hours weekends,
                                                    HolidayCalendar holidays) {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            boolean weekend = d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
            week.put(d, List.of(weekend ? weekends : weekdays));
        }
        return new CallingWindow(id, source, week, holidays);
    }

    /**
     * The same window, applied only when no source knew the callee's zone and the rule set's
     * fallback zones are used: the "safe window" for unknown callees (e.g. 10:00-19:00).
     */
    public CallingWindow whenZoneUnknown() {
        return new CallingWindow(id, source, week, holidays, true, phoneTypes, consumerMayAsk);
    }

    /** The same window, holding for calls to these kinds of number only. */
    public CallingWindow forNumbers(PhoneType first, PhoneType... more) {
        return new CallingWindow(id, source, week, holidays, onlyWhenZoneUnknown, java.util.EnumSet.of(first, more), consumerMayAsk);
    }

    /** Whether this window applies to a call to a number of this type, for a callee whose zones are these. */
    public boolean appliesTo(dialer.compliance.zone.CalleeZones zones, PhoneType type) {
        return (!onlyWhenZoneUnknown || zones.fallback()) && (phoneTypes.isEmpty() || phoneTypes.contains(type));
    }

    private String numbersText() {
        return phoneTypes.isEmpty() ? "" : ", for " + String.join(", ", phoneTypes.stream().map(PhoneType::name).sorted().toList())
                + " numbers only";
    }

    @Override
    public String describe() {
        return "window " + id + ": " + hoursText() + ", closed on " + holidays.describe()
                + (onlyWhenZoneUnknown ? ", only when the zone is unknown" : "") + numbersText()
                + (consumerMayAsk ? ", or at a time the consumer asked for" : "") + " [" + source + "]";
    }

    private String hoursText() {
        List<String> parts = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            parts.add(d.getDisplayName(TextStyle.SHORT, Locale.ROOT) + " " + (week.get(d).isEmpty() ? "closed" : week.get(d)));
        }
        Set<List<Hours>> distinct = Set.copyOf(week.values());
        if (distinct.size() == 1) {
            return "every day " + week.get(DayOfWeek.MONDAY);
        }
        return String.join(", ", parts);
    }

    /** Why {@code t} is outside the window in {@code zone}, or empty when it is inside. */
    public Optional<String> closedReason(Instant t, ZoneId zone) {
        ZonedDateTime local = t.atZone(zone);
        Optional<String> holiday = holidays.holiday(local.toLocalDate());
        String at = local.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT) + " "
                + local.toLocalDate() + " " + local.toLocalTime().withNano(0) + " in " + zone.getId();
        if (holiday.isPresent()) {
            return Optional.of("it is " + at + ", closed for " + holiday.get());
        }
        for (Hours h : week.get(local.getDayOfWeek())) {
            if (h.contains(local.toLocalTime())) {
                return Optional.empty();
            }
        }
        return Optional.of("it is " + at);
    }

    public boolean openAt(Instant t, ZoneId zone) {
        return closedReason(t, zone).isEmpty();
    }

    /** The first instant at or after {@code t} that is inside the window in {@code zone}, or null within {@value #SEARCH_DAYS} days. */
    public Instant nextOpen(Instant t, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(t, zone);
        for (int i = 0; i <= SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (holidays.holiday(day).isPresent()) {
                continue;
            }
            for (Hours h : week.get(day.getDayOfWeek())) {
                Instant start = ZonedDateTime.ofLocal(LocalDateTime.of(day, h.from()), zone, null)
                        .withLaterOffsetAtOverlap().toInstant();
                Instant end = h.until().equals(LocalTime.MIDNIGHT)
                        ? day.plusDays(1).atStartOfDay(zone).toInstant()
                        : ZonedDateTime.ofLocal(LocalDateTime.of(day, h.until()), zone, null)
                        .withEarlierOffsetAtOverlap().toInstant();
                if (t.isBefore(end) && start.isBefore(end)) {
                    Instant candidate = t.isAfter(start) ? t : start;
                    if (openAt(candidate, zone)) {
                        return candidate;
                    }
                }
            }
        }
        return null;
    }

    /**
     * The first instant in {@code [t, limit]} at which the window is closed in {@code zone}, or
     * {@code limit} if it stays open that long. The window only changes at a local date's start or at
     * the end of one of its hours, so only those instants (and {@code limit}) are checked.
     */
    public Instant firstCloseBefore(Instant t, Instant limit, ZoneId zone) {
        if (!openAt(t, zone)) {
            return t;
        }
        Instant first = openAt(limit, zone) ? limit : null;
        LocalDate last = LocalDate.ofInstant(limit, zone);
        for (LocalDate day = LocalDate.ofInstant(t, zone); !day.isAfter(last); day = day.plusDays(1)) {
            List<Instant> changes = new ArrayList<>();
            changes.add(day.atStartOfDay(zone).toInstant());
            for (Hours h : week.get(day.getDayOfWeek())) {
                if (!h.until().equals(LocalTime.MIDNIGHT)) {
                    changes.add(ZonedDateTime.ofLocal(LocalDateTime.of(day, h.until()), zone, null)
                            .withEarlierOffsetAtOverlap().toInstant());
                }
            }
            for (Instant c : changes) {
                if (c.isAfter(t) && !c.isAfter(limit) && !openAt(c, zone) && (first == null || c.isBefore(first))) {
                    first = c;
                }
            }
        }
        return first == null ? limit : first;
    }

    /** The first instant at or after {@code t} that every zone allows, or null if none within the search horizon. */
    public Instant nextOpenInAll(Instant t, Set<ZoneId> zones) {
        Instant candidate = t;
        Instant horizon = t.plus(java.time.Duration.ofDays(SEARCH_DAYS));
        while (candidate != null && candidate.isBefore(horizon)) {
            Instant latest = candidate;
            for (ZoneId zone : zones) {
                Instant open = nextOpen(candidate, zone);
                if (open == null) {
                    return null;
                }
                if (open.isAfter(latest)) {
                    latest = open;
                }
            }
            if (latest.equals(candidate)) {
                return candidate; // every zone is open at this instant
            }
            candidate = latest;
        }
        return null;
    }

    @Override
    public RuleResult evaluate(EvaluationContext ctx) {
        String title = "calling hours " + hoursText() + " local, closed on " + holidays.describe()
                + (onlyWhenZoneUnknown ? ", for callees of unknown zone" : "") + numbersText() + " (" + source + ")";
        if (!appliesTo(ctx.zones(), ctx.request().phoneType())) {
            return RuleResult.pass(id, title + (phoneTypes.isEmpty() || phoneTypes.contains(ctx.request().phoneType())
                    ? ": the callee's zone is known" : ": not a call to such a number"));
        }
        List<String> closed = new ArrayList<>();
        for (ZoneId zone : ctx.zones().zones()) {
            closedReason(ctx.now(), zone).ifPresent(closed::add);
        }
        if (closed.isEmpty()) {
            return RuleResult.pass(id, title + ": open in " + ctx.zones().ids());
        }
        if (consumerMayAsk) {
            var asked = ctx.consumerRequest();
            if (asked.isPresent()) {
                return RuleResult.pass(id, title + ": " + String.join("; ", closed) + ", but the consumer asked to be called then: "
                        + asked.get().describe());
            }
        }
        Instant next = nextOpenInAll(ctx.now(), ctx.zones().zones());
        String reason = title + ": " + String.join("; ", closed)
                + (next == null ? "; no instant in the next " + SEARCH_DAYS + " days is open in all of " + ctx.zones().ids() : "");
        return RuleResult.fail(id, reason, next);
    }
}
