package dialer.core.bench;

import dialer.ami.asterisk.AmiSettings;
import dialer.core.testing.AmiEventStream;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How long Asterisk's answering-machine detection took, on an AMI session of its own: from the callee
 * channel's answer ({@code Newstate} Up) to the dialplan's verdict ({@code DialerAmd}), by Asterisk's event
 * timestamps. AMD listens in real time, so a time-scaled run cannot scale it: the simulator is given
 * these measured times instead of the scenario's.
 */
final class AmdWatch implements AutoCloseable {

    /** One verdict: when (epoch seconds), how long after the answer, whether it was a machine, and of which call. */
    record Verdict(double at, double seconds, boolean machine, String callId) {
    }

    private final AmiEventStream stream;
    private final List<Verdict> verdicts = new CopyOnWriteArrayList<>();
    /** The reader thread's own: answered channels not yet classified, by unique id. */
    private final Map<String, Double> answered = new HashMap<>();

    AmdWatch(AmiSettings ami) throws IOException {
        stream = new AmiEventStream(ami, "amd-watch", this::on);
    }

    private void on(Map<String, String> event) {
        String name = event.get("Event");
        String id = event.get("Uniqueid");
        String stamp = event.get("Timestamp");
        if (id == null || stamp == null) {
            return;
        }
        double at = Double.parseDouble(stamp);
        if (name.equals("Newstate") && "Up".equals(event.get("ChannelStateDesc"))) {
            answered.putIfAbsent(id, at);
        } else if (name.equals("UserEvent") && "DialerAmd".equals(event.get("UserEvent"))) {
            Double up = answered.remove(id);
            if (up != null) {
                verdicts.add(new Verdict(at, at - up, "MACHINE".equals(event.get("Status")), event.get("Call")));
            }
        } else if (name.equals("Hangup")) {
            answered.remove(id);
        }
    }

    /** The mean detection time of verdicts in [from, to) (epoch seconds) on machines or on people; NaN with none. */
    double meanSeconds(double from, double to, boolean machine) {
        return verdicts.stream().filter(v -> v.machine() == machine && v.at() >= from && v.at() < to)
                .mapToDouble(Verdict::seconds).average().orElse(Double.NaN);
    }

    /** The verdicts in [from, to) (epoch seconds). */
    List<Verdict> verdicts(double from, double to) {
        return verdicts.stream().filter(v -> v.at() >= from && v.at() < to).toList();
    }

    long count(double from, double to, boolean machine) {
        return verdicts.stream().filter(v -> v.machine() == machine && v.at() >= from && v.at() < to).count();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
