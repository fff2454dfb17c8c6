package dialer.core.campaign;

import dialer.core.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When a campaign dials, in the call center's own zone (the callee's permitted hours are the
 * compliance guard's business; this is the floor's working time).
 */
public record CampaignSchedule(ZoneId zone, Set<DayOfWeek> days, LocalTime from, LocalTime until) {

    public CampaignSchedule {
        days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    public boolean open(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(until);
    }

    /** Reads {@code schedule}; null when absent (the campaign may dial at any time the guard allows). */
    public static CampaignSchedule fromJson(Object value, Invalid.Collector problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject json)) {
            problems.add("schedule", "must be {\"zone\": \"America/New_York\", \"days\": [\"MON\", ...], \"from\": \"09:00\", \"until\": \"18:00\"}");
            return null;
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(String.valueOf(json.getValue("zone")));
        } catch (DateTimeException e) {
            problems.add("schedule.zone", "must be a time zone such as America/New_York");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (json.getValue("days") instanceof JsonArray a && !a.isEmpty()) {
            for (Object d : a) {
                DayOfWeek day = day(String.valueOf(d));
                if (day == null) {
                    problems.add("schedule.days", "'" + dialer.core.Masked.excerpt(String.valueOf(d)) + "' is not a day such as MON");
                } else {
                    days.add(day);
                }
            }
        } else {
            problems.add("schedule.days", "must list the days the campaign dials, e.g. [\"MON\", \"TUE\"]");
        }
        LocalTime from = null;
        LocalTime until = null;
        try {
            from = LocalTime.parse(String.valueOf(json.getValue("from")));
            until = LocalTime.parse(String.valueOf(json.getValue("until")));
            if (!from.isBefore(until)) {
                problems.add("schedule", "from must be before until");
            }
        } catch (DateTimeException e) {
            problems.add("schedule.from/until", "must be times such as 09:00 and 18:00");
        }
        return zone == null || from == null || until == null ? null : new CampaignSchedule(zone, days, from, until);
    }

    public JsonObject toJson() {
        return new JsonObject().put("zone", zone.getId())
                .put("days", new JsonArray(days.stream().map(d -> d.name().substring(0, 3)).toList()))
                .put("from", from.toString()).put("until", until.toString());
    }

    private static DayOfWeek day(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(t) || d.name().startsWith(t) && t.length() >= 3) {
                return d;
            }
        }
        return null;
    }

}
