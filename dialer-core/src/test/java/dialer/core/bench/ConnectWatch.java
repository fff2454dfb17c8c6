package dialer.core.bench;

import dialer.ami.asterisk.AmiSettings;
import dialer.core.testing.AmiEventStream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Connect delays as Asterisk saw them, on a second AMI session of its own: for each answered person,
 * from the dialplan's machine-detection verdict (the {@code DialerAmd} user event, not MACHINE) to the
 * moment the same channel joined an agent's conference ({@code ConfbridgeJoin}), both read from
 * Asterisk's own event timestamps (manager.conf has {@code timestampevents = yes}). Neither the
 * dialer's threads nor this reader's delays enter the figure. People the dialplan gave up on
 * ({@code DialerAbandoned}) are counted too: a slow dialer shows there as well.
 */
final class ConnectWatch implements AutoCloseable {

    /**
     * One person connected: when Asterisk detected them (epoch seconds), how long until they were in
     * an agent's conference, and which conference ({@code agent-<extension>}).
     */
    record Connect(double detectedAt, double delayMillis, String conference) {
    }

    private final AmiEventStream stream;
    /** Written by the reader thread, read by the test's thread. */
    private final List<Connect> connects = new CopyOnWriteArrayList<>();
    /** When each abandoned person was detected; written by the reader thread, read by the test's thread. */
    private final List<Double> abandonedDetections = new CopyOnWriteArrayList<>();
    /** The reader thread's own: people detected and not yet connected, by channel unique id. */
    private final Map<String, Double> detected = new HashMap<>();

    ConnectWatch(AmiSettings ami) throws IOException {
        stream = new AmiEventStream(ami, "connect-watch", this::on);
    }

    private void on(Map<String, String> event) {
        String name = event.get("Event");
        String id = event.get("Uniqueid");
        String stamp = event.get("Timestamp");
        if (id == null || stamp == null) {
            return;
        }
        double at = Double.parseDouble(stamp);
        if (name.equals("UserEvent") && "DialerAmd".equals(event.get("UserEvent")) && !"MACHINE".equals(event.get("Status"))) {
            detected.put(id, at);
        } else if (name.equals("UserEvent") && "DialerAbandoned".equals(event.get("UserEvent"))) {
            Double d = detected.remove(id);
            if (d != null) {
                abandonedDetections.add(d);
            }
        } else if (name.equals("ConfbridgeJoin")) {
            Double d = detected.remove(id);
            if (d != null) {
                connects.add(new Connect(d, (at - d) * 1000, event.get("Conference")));
            }
        } else if (name.equals("Hangup")) {
            detected.remove(id);
        }
    }

    /** Now, on the clock of Asterisk's timestamps (the same machine's wall clock). */
    static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** The connects of people detected in [from, to). */
    List<Connect> connects(double from, double to) {
        List<Connect> out = new ArrayList<>();
        for (Connect c : connects) {
            if (c.detectedAt() >= from && c.detectedAt() < to) {
                out.add(c);
            }
        }
        return out;
    }

    /** People detected in [from, to) whom the dialplan abandoned (no agent within the hold limit). */
    long abandoned(double from, double to) {
        return abandonedDetections.stream().filter(d -> d >= from && d < to).count();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
