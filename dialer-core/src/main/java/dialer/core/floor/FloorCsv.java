package dialer.core.floor;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The floor reports' CSV lines: times in seconds, names quoted, spreadsheet formulas defused. */
public final class FloorCsv {

    public static final String AGENT_HEADER = "period,agent_id,agent,logged_in_s,ready_s,previewing_s,talking_s,wrap_up_s,"
            + "paused_s,connecting_s,paused_by_reason,calls,contacts,right_party_contacts,rpc_per_hour,promises,"
            + "promises_per_hour,promised_amount,promises_due,kept,broken,kept_rate,collected\n";

    public static final String BUCKET_HEADER = "bucket,accounts,balance_at_start,rolled_forward,rolled_to_next,stayed,improved,"
            + "roll_rate,collected,recovery_rate,to_M1,to_M2,to_M3,to_M4,to_M5,to_M6+,cured\n";

    private FloorCsv() {
    }

    public static String line(AgentFloorReport.Row r) {
        return String.join(",", r.period().toString(), String.valueOf(r.agentId()), quote(r.agent()), seconds(r.loggedIn()),
                seconds(r.ready()), seconds(r.previewing()), seconds(r.talking()), seconds(r.wrapUp()), seconds(r.paused()),
                seconds(r.connecting()), quote(reasons(r.pausedByReason())), String.valueOf(r.calls()), String.valueOf(r.contacts()),
                String.valueOf(r.rightPartyContacts()), plain(r.rpcPerHour()), String.valueOf(r.promises()),
                plain(r.promisesPerHour()), plain(r.promisedAmount()), String.valueOf(r.promisesDue()), String.valueOf(r.kept()),
                String.valueOf(r.broken()), plain(r.keptRate()), plain(r.collected())) + "\n";
    }

    public static String line(RollMatrix.Line l) {
        StringBuilder sb = new StringBuilder(String.join(",", l.bucket(), String.valueOf(l.accounts()), plain(l.balanceAtStart()),
                String.valueOf(l.rolledForward()), String.valueOf(l.rolledToNext()), String.valueOf(l.stayed()),
                String.valueOf(l.improved()), plain(l.rollRate()), plain(l.collected()), plain(l.recoveryRate())));
        for (String to : RollMatrix.BUCKETS) {
            sb.append(',').append(l.toBucket().getOrDefault(to, 0L));
        }
        return sb.append(',').append(l.toBucket().getOrDefault("CURED", 0L)).append('\n').toString();
    }

    /** Seconds with one decimal. */
    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }

    static String plain(BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }

    /** lunch=600.0;training=30.5 (a pause without a reason is "(none)"). */
    static String reasons(Map<String, Double> byReason) {
        return byReason.entrySet().stream().map(e -> (e.getKey().isEmpty() ? "(none)" : e.getKey()) + "=" + seconds(e.getValue()))
                .collect(Collectors.joining(";"));
    }

    /** Quoted; a value a spreadsheet would run as a formula starts with ' instead. */
    static String quote(String s) {
        String v = s == null ? "" : s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
