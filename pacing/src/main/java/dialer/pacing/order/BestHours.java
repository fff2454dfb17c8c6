package dialer.pacing.order;

import java.util.HashMap;
import java.util.Map;

/**
 * Learns, from past attempts, each debtor's chance of a right-party contact at each local hour of the day,
 * and the list's. Pure: no clock, no thread; the caller passes the debtor's local hour (0-23) of each
 * attempt and of the moment it asks about. Not thread-safe (one campaign's driver serialises its calls).
 *
 * <p>Three levels, each shrunk towards the one above it (empirical Bayes with Beta / Gamma priors, whose
 * strengths are the {@link Settings}):
 * <ol>
 *   <li><b>The list's overall rate</b> p0 = (R + 1) / (A + 2), over all A attempts and R right-party
 *       contacts (Laplace).</li>
 *   <li><b>The list's hour profile</b> pL(h) = (R_h + s·p0) / (A_h + s), s = {@link Settings#listStrength()}.</li>
 *   <li><b>The debtor's level</b>, a multiplier of the list's profile: m = (r + k) / (e + k), where r is
 *       the debtor's right-party contacts, e = Σ_h a_h·pL(h) the contacts the list's profile expected from
 *       the debtor's attempts, and k = {@link Settings#levelStrength()} (a Gamma prior of mean 1 on a
 *       Poisson rate ratio).</li>
 *   <li><b>The debtor's hour</b>: with a'_h = a_h + w·(a_{h-1} + a_{h+1}) and r'_h likewise (neighbouring
 *       hours count with weight w = {@link Settings#neighbourWeight()}, hours wrap around midnight),
 *       score = (r'_h + n·q) / (a'_h + n), where q = min(1, m·pL(h)) and n =
 *       {@link Settings#hourStrength()}.</li>
 * </ol>
 * A debtor never tried scores pL(h); a debtor with a few attempts moves from there by their level first
 * (which needs little data) and by their own hours as attempts accumulate there.
 */
public final class BestHours implements ContactChance {

    /**
     * Prior strengths.
     *
     * @param listStrength    pseudo-attempts pulling the list's hour rate towards its overall rate
     * @param levelStrength   pseudo-contacts pulling the debtor's level towards 1 (the list's)
     * @param hourStrength    pseudo-attempts pulling the debtor's hour towards their level × the list's hour
     * @param neighbourWeight weight of the attempts one hour earlier or later in the debtor's hour (0-1)
     */
    public record Settings(double listStrength, double levelStrength, double hourStrength, double neighbourWeight) {

        public Settings {
            if (!(listStrength > 0 && levelStrength > 0 && hourStrength > 0) || neighbourWeight < 0 || neighbourWeight > 1) {
                throw new IllegalArgumentException("strengths must be positive and the neighbour weight within [0, 1]");
            }
        }

        /** 20 pseudo-attempts for the list's hours, 1 pseudo-contact for a debtor's level, 3 pseudo-attempts for a debtor's hour, neighbours at 0.5. */
        public static Settings defaults() {
            return new Settings(20, 1, 3, 0.5);
        }
    }

    private static final int HOURS = 24;

    private final Settings settings;
    private final long[] listAttempts = new long[HOURS];
    private final long[] listContacts = new long[HOURS];
    private long attempts;
    private long contacts;
    /** Per debtor: attempts at hours 0-23, then right-party contacts at hours 0-23. */
    private final Map<Long, int[]> debtors = new HashMap<>();

    public BestHours() {
        this(Settings.defaults());
    }

    public BestHours(Settings settings) {
        this.settings = settings;
    }

    /**
     * One finished attempt on {@code debtorId} at the debtor's {@code localHour} (0-23): whether it was a
     * right-party contact (the debtor reached an agent). Attempts that reached nobody, a machine, a wrong
     * party, or were abandoned, count as attempts without contact.
     */
    public void record(long debtorId, int localHour, boolean rightPartyContact) {
        int h = hour(localHour);
        int[] d = debtors.computeIfAbsent(debtorId, id -> new int[2 * HOURS]);
        d[h]++;
        listAttempts[h]++;
        attempts++;
        if (rightPartyContact) {
            d[HOURS + h]++;
            listContacts[h]++;
            contacts++;
        }
    }

    /**
     * Many finished attempts at once: {@code attempts} on {@code debtorId} at the debtor's {@code localHour},
     * {@code rightPartyContacts} of them right-party contacts. The same as that many calls of
     * {@link #record(long, int, boolean)}, for a caller that reads counts already summed (a list's hour profile).
     */
    public void record(long debtorId, int localHour, int attempts, int rightPartyContacts) {
        int h = hour(localHour);
        if (attempts < 0 || rightPartyContacts < 0 || rightPartyContacts > attempts) {
            throw new IllegalArgumentException("need 0 <= right-party contacts <= attempts, not " + rightPartyContacts + " of " + attempts);
        }
        if (attempts == 0) {
            return;
        }
        int[] d = debtors.computeIfAbsent(debtorId, id -> new int[2 * HOURS]);
        d[h] += attempts;
        d[HOURS + h] += rightPartyContacts;
        listAttempts[h] += attempts;
        listContacts[h] += rightPartyContacts;
        this.attempts += attempts;
        contacts += rightPartyContacts;
    }

    /** The list's overall right-party contact rate per attempt, p0. */
    public double listRate() {
        return (contacts + 1.0) / (attempts + 2.0);
    }

    /** The list's rate at this local hour, pL(h). */
    public double listScore(int localHour) {
        int h = hour(localHour);
        double s = settings.listStrength();
        return (listContacts[h] + s * listRate()) / (listAttempts[h] + s);
    }

    /** The debtor's level m relative to the list's profile (1 without history). */
    public double level(long debtorId) {
        int[] d = debtors.get(debtorId);
        if (d == null) {
            return 1;
        }
        double expected = 0;
        int rpc = 0;
        double p0 = listRate();
        double s = settings.listStrength();
        for (int h = 0; h < HOURS; h++) {
            if (d[h] > 0) {
                expected += d[h] * (listContacts[h] + s * p0) / (listAttempts[h] + s);
            }
            rpc += d[HOURS + h];
        }
        double k = settings.levelStrength();
        return (rpc + k) / (expected + k);
    }

    /** The estimated chance that an attempt on {@code debtorId} now, at the debtor's {@code localHour}, is a right-party contact. */
    @Override
    public double score(long debtorId, int localHour) {
        int h = hour(localHour);
        double prior = Math.min(1, level(debtorId) * listScore(h));
        int[] d = debtors.get(debtorId);
        if (d == null) {
            return prior;
        }
        int before = (h + HOURS - 1) % HOURS;
        int after = (h + 1) % HOURS;
        double w = settings.neighbourWeight();
        double a = d[h] + w * (d[before] + d[after]);
        double r = d[HOURS + h] + w * (d[HOURS + before] + d[HOURS + after]);
        double n = settings.hourStrength();
        return (r + n * prior) / (a + n);
    }

    /** The debtor's attempts so far (all hours). */
    public int attempts(long debtorId) {
        int[] d = debtors.get(debtorId);
        int sum = 0;
        if (d != null) {
            for (int h = 0; h < HOURS; h++) {
                sum += d[h];
            }
        }
        return sum;
    }

    /** Debtors with any history. */
    public int debtors() {
        return debtors.size();
    }

    private static int hour(int localHour) {
        if (localHour < 0 || localHour >= HOURS) {
            throw new IllegalArgumentException("a local hour is 0-23, not " + localHour);
        }
        return localHour;
    }
}
