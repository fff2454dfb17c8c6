package dialer.compliance.rules;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Dates on which a calling window is closed, with their names. */
public interface HolidayCalendar {

    HolidayCalendar NONE = new HolidayCalendar() {
        public Optional<String> holiday(LocalDate date) { return Optional.empty(); }
        public String describe() { return "none"; }
    };

    Optional<String> holiday(LocalDate date);

    /** Canonical description (feeds the rule set version). */
    String describe();

    /** Fixed closed dates, e.g. a campaign's own closures. */
    static HolidayCalendar dates(Map<LocalDate, String> closed) {
        TreeMap<LocalDate, String> sorted = new TreeMap<>(closed);
        return new HolidayCalendar() {
            public Optional<String> holiday(LocalDate date) { return Optional.ofNullable(sorted.get(date)); }
            public String describe() { return "closed " + sorted.keySet(); }
        };
    }

    /** Closed when either calendar is closed. */
    default HolidayCalendar and(HolidayCalendar other) {
        HolidayCalendar self = this;
        return new HolidayCalendar() {
            public Optional<String> holiday(LocalDate date) {
                return self.holiday(date).or(() -> other.holiday(date));
            }
            public String describe() { return self.describe() + " + " + other.describe(); }
        };
    }
}
