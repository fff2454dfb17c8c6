package dialer.core.portrait;

import dialer.pacing.order.BestHours;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The portrait's computations on what was read: pure, no database, no clock. */
final class PortraitFigures {

    /** A bucket trend counts the changes of this many days. */
    static final int TREND_DAYS = 90;
    /** How many best hours the portrait shows. */
    static final int BEST_HOURS = 3;
    /** The id the list's hour profile is recorded under in the learner (debtor ids are positive). */
    static final long LIST = -1;
    /** Hours offered when neither the list nor the debtor was ever called (the widest usual window, 08:00-21:00). */
    static final int FIRST_USUAL_HOUR = 8;
    static final int LAST_USUAL_HOUR = 20;
    private static final List<String> BUCKETS = List.of("M1", "M2", "M3", "M4", "M5", "M6+");

    private PortraitFigures() {
    }

    /** One attempt, as the portrait counts it: its number, the callee's local hour, whether an agent talked, whether right party. */
    record AttemptFact(long phoneId, String number, String type, Instant at, int localHour, String localTime,
                       boolean conversation, boolean rightParty, String agent, String disposition) {
    }

    /** M1 is 1 ... M6+ is 6; no bucket 0. */
    static int rank(String bucket) {
        return bucket == null ? 0 : BUCKETS.indexOf(bucket) + 1;
    }

    static Portrait.Buckets buckets(List<Portrait.Account> accounts, List<Portrait.BucketChange> newestFirst, Instant now) {
        String worst = null;
        for (Portrait.Account a : accounts) {
            if (rank(a.bucket()) > rank(worst)) {
                worst = a.bucket();
            }
        }
        Instant since = now.minus(Duration.ofDays(TREND_DAYS));
        int moved = 0;
        boolean cured = false;
        for (Portrait.BucketChange change : newestFirst) {
            if (change.from() == null) {
                continue;
            }
            int step = rank(change.to()) - rank(change.from());
            cured |= step < 0;
            if (!change.at().isBefore(since)) {
                moved += step;
            }
        }
        String trend = worst == null ? "UNKNOWN" : moved > 0 ? "WORSENING" : moved < 0 ? "IMPROVING" : "STABLE";
        return new Portrait.Buckets(worst, trend, cured, newestFirst.subList(0, Math.min(10, newestFirst.size())));
    }

    /** Statuses of the debtor's promises, latest due first: the broken ones since the last kept one. */
    static int brokenInARow(List<String> statusesLatestFirst) {
        int n = 0;
        for (String status : statusesLatestFirst) {
            if ("BROKEN".equals(status)) {
                n++;
            } else if ("KEPT".equals(status)) {
                break;
            }
        }
        return n;
    }

    static Portrait.Contacts contacts(List<AttemptFact> attempts) {
        Map<Long, int[]> byNumber = new LinkedHashMap<>();
        Map<Long, AttemptFact> numbers = new LinkedHashMap<>();
        int[][] byHour = new int[24][3];
        int rpc = 0;
        int conversations = 0;
        AttemptFact last = null;
        for (AttemptFact a : attempts) {
            int[] n = byNumber.computeIfAbsent(a.phoneId(), id -> new int[3]);
            numbers.putIfAbsent(a.phoneId(), a);
            count(n, a);
            count(byHour[a.localHour()], a);
            rpc += a.rightParty() ? 1 : 0;
            conversations += a.conversation() ? 1 : 0;
            if (a.conversation() && (last == null || a.at().isAfter(last.at()))) {
                last = a;
            }
        }
        List<Portrait.NumberContacts> perNumber = new ArrayList<>();
        byNumber.forEach((id, n) -> perNumber.add(new Portrait.NumberContacts(id, numbers.get(id).number(), numbers.get(id).type(),
                n[0], n[1], n[2])));
        perNumber.sort(Comparator.comparingInt(Portrait.NumberContacts::attempts).reversed()
                .thenComparingLong(Portrait.NumberContacts::phoneId));
        List<Portrait.HourContacts> perHour = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            if (byHour[h][0] > 0) {
                perHour.add(new Portrait.HourContacts(h, byHour[h][0], byHour[h][1], byHour[h][2]));
            }
        }
        Portrait.LastConversation lastConversation = last == null ? null
                : new Portrait.LastConversation(last.at(), last.localTime(), last.number(), last.agent(), last.disposition());
        return new Portrait.Contacts(attempts.size(), rpc, conversations, perNumber, perHour, lastConversation);
    }

    private static void count(int[] n, AttemptFact a) {
        n[0]++;
        n[1] += a.conversation() ? 1 : 0;
        n[2] += a.rightParty() ? 1 : 0;
    }

    /**
     * The best local hours from the pacing library's learner: the list's hour profile ({@code listAttempts},
     * {@code listRpc}) and the debtor's own attempts. Only hours the list or the debtor was ever called at are
     * offered (a night hour nobody dials is no advice), and 08-20 too while the list's profile is unknown.
     */
    static List<Portrait.BestHour> bestHours(long debtorId, List<AttemptFact> own, long[] listAttempts, long[] listRpc) {
        BestHours learner = new BestHours();
        int[] ownAttempts = new int[24];
        int[] ownRpc = new int[24];
        for (int h = 0; h < 24; h++) {
            learner.record(LIST, h, (int) Math.min(Integer.MAX_VALUE, listAttempts[h]), (int) Math.min(listRpc[h], listAttempts[h]));
        }
        for (AttemptFact a : own) {
            learner.record(debtorId, a.localHour(), a.rightParty());
            ownAttempts[a.localHour()]++;
            ownRpc[a.localHour()] += a.rightParty() ? 1 : 0;
        }
        boolean listKnown = false;
        for (long a : listAttempts) {
            listKnown |= a > 0;
        }
        List<Integer> candidates = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            boolean usual = h >= FIRST_USUAL_HOUR && h <= LAST_USUAL_HOUR;
            if (listAttempts[h] > 0 || ownAttempts[h] > 0 || !listKnown && usual) {
                candidates.add(h);
            }
        }
        List<Portrait.BestHour> scored = new ArrayList<>();
        for (int h : candidates) {
            scored.add(new Portrait.BestHour(h, learner.score(debtorId, h), ownAttempts[h], ownRpc[h]));
        }
        scored.sort(Comparator.comparingDouble(Portrait.BestHour::chance).reversed().thenComparingInt(Portrait.BestHour::hour));
        return List.copyOf(scored.subList(0, Math.min(BEST_HOURS, scored.size())));
    }
}
