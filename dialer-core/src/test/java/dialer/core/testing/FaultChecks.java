package dialer.core.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** What every fault test checks in the database once the campaign is over: the truth the dialer recorded. */
public final class FaultChecks {

    private FaultChecks() {
    }

    /**
     * Every callee channel Asterisk created for the campaign's numbers (seen by an independent AMI
     * session) is an attempt, once: no call placed without its row, no lead dialed twice.
     */
    public static void everyDialIsOneAttempt(Connection c, long campaignId, AmiObserver observer, Predicate<String> campaignNumber)
            throws SQLException {
        Map<String, Integer> attemptsByNumber = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select phone from call_attempt where campaign_id = " + campaignId
                     + " and outcome is distinct from 'NOT_DIALED'")) {
            while (rs.next()) {
                attemptsByNumber.merge(rs.getString(1).substring(1), 1, Integer::sum);
            }
        }
        Map<String, Integer> dialedByNumber = new HashMap<>();
        observer.dials().stream().filter(d -> campaignNumber.test(d.number()))
                .forEach(d -> dialedByNumber.merge(d.number(), 1, Integer::sum));
        assertThat(dialedByNumber).as("every channel Asterisk created is an attempt, once").isEqualTo(attemptsByNumber);
    }

    /**
     * Every attempt went through the compliance guard and its reservation is settled with the call
     * (counted when dialed, released when not): none left open to expire into the worst case.
     */
    public static void everyAttemptSettledWithTheGuard(Connection c, long campaignId) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), count(g.id), count(*) filter (where g.state in ('COMPLETED', 'RELEASED')) "
                     + "from call_attempt a left join compliance.attempt g on g.id = a.reservation_id where a.campaign_id = " + campaignId)) {
            rs.next();
            assertThat(rs.getLong(2)).as("attempts with their guard reservation").isEqualTo(rs.getLong(1));
            assertThat(rs.getLong(3)).as("reservations settled with their calls").isEqualTo(rs.getLong(1));
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from compliance.attempt where state in ('RESERVED', 'DIALED')")) {
            rs.next();
            assertThat(rs.getLong(1)).as("compliance reservations left open").isZero();
        }
    }

    /**
     * The attempt (as the API lists it) is over: ended with its disposition, or ended as not dialed
     * (nobody was called, so there is nothing to dispose of).
     */
    public static boolean over(io.vertx.core.json.JsonObject attempt) {
        return "ENDED".equals(attempt.getString("state"))
                && (attempt.getJsonObject("disposition") != null || "NOT_DIALED".equals(attempt.getString("outcome")));
    }

    /** Every attempt dialed ended with a disposition, and no agent's disposition was lost (no NO_DISPOSITION). */
    public static void noDispositionLost(Connection c, long campaignId) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*), count(d.id), count(*) filter (where d.code = 'NO_DISPOSITION') "
                     + "from call_attempt a left join disposition d on d.attempt_id = a.id where a.campaign_id = " + campaignId
                     + " and a.outcome is distinct from 'NOT_DIALED'")) {
            rs.next();
            assertThat(rs.getLong(2)).as("attempts with a disposition").isEqualTo(rs.getLong(1));
            assertThat(rs.getLong(3)).as("agents' dispositions lost").isZero();
        }
    }
}
