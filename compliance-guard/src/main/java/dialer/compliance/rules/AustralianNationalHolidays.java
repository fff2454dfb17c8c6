package dialer.compliance.rules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Optional;

/**
 * Australia's national public holidays, on which the ACCC/ASIC debt collection guideline (2021,
 * part 2 section 4) recommends no contact: New Year's Day, Australia Day, Good Friday, Easter
 * Monday, Anzac Day, Christmas Day and Boxing Day. States move some of these to a weekday when they
 * fall on a weekend, and not all alike; this calendar closes the date itself and every substitute
 * weekday any state uses (the Monday after Jan 1, Jan 26 or Apr 25 on a weekend; Dec 27/28 when
 * Christmas or Boxing Day falls on a weekend). State-only holidays (e.g. King's Birthday, which WA
 * and QLD hold on other dates) are not national: add them as campaign closures if wanted.
 */
public final class AustralianNationalHolidays implements HolidayCalendar {

    public static final AustralianNationalHolidays INSTANCE = new AustralianNationalHolidays();

    private AustralianNationalHolidays() {
    }

    @Override
    public String describe() {
        return "Australian national public holidays with substitute days";
    }

    @Override
    public Optional<String> holiday(LocalDate d) {
        int y = d.getYear();
        LocalDate easter = easterSunday(y);
        if (d.equals(easter.minusDays(2))) {
            return Optional.of("Good Friday");
        }
        if (d.equals(easter.plusDays(1))) {
            return Optional.of("Easter Monday");
        }
        if (is(d, Month.JANUARY, 1) || substituteMonday(d, LocalDate.of(y, 1, 1))) {
            return Optional.of("New Year's Day");
        }
        if (is(d, Month.JANUARY, 26) || substituteMonday(d, LocalDate.of(y, 1, 26))) {
            return Optional.of("Australia Day");
        }
        if (is(d, Month.APRIL, 25) || substituteMonday(d, LocalDate.of(y, 4, 25))) {
            return Optional.of("Anzac Day");
        }
        if (is(d, Month.DECEMBER, 25)) {
            return Optional.of("Christmas Day");
        }
        if (is(d, Month.DECEMBER, 26)) {
            return Optional.of("Boxing Day");
        }
        DayOfWeek christmas = LocalDate.of(y, 12, 25).getDayOfWeek();
        if ((is(d, Month.DECEMBER, 27) && (christmas == DayOfWeek.SATURDAY || christmas == DayOfWeek.SUNDAY
                || christmas == DayOfWeek.FRIDAY))
                || (is(d, Month.DECEMBER, 28) && (christmas == DayOfWeek.SATURDAY || christmas == DayOfWeek.FRIDAY))) {
            return Optional.of("Christmas/Boxing Day substitute");
        }
        return Optional.empty();
    }

    private static boolean is(LocalDate d, Month m, int day) {
        return d.getMonth() == m && d.getDayOfMonth() == day;
    }

    /** {@code d} is the Monday after {@code holiday} that fell on a Saturday or Sunday. */
    private static boolean substituteMonday(LocalDate d, LocalDate holiday) {
        DayOfWeek w = holiday.getDayOfWeek();
        if (w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY) {
            return false;
        }
        return d.equals(holiday.plusDays(w == DayOfWeek.SATURDAY ? 2 : 1));
    }

    /** Western (Gregorian) Easter Sunday by the anonymous Gregorian computus. */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
