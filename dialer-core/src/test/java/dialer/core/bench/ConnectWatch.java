package dialer.core.bench;

import dialer.ami.asterisk.AmiSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

    private final Socket socket;
    /** Written by the reader thread, read by the test's thread. */
    private final List<Connect> connects = new CopyOnWriteArrayList<>();
    /** When each abandoned person was detected; written by the reader thread, read by the test's thread. */
    private final List<Double> abandonedDetections = new CopyOnWriteArrayList<>();

    ConnectWatch(AmiSettings ami) throws IOException {
        socket = new Socket(ami.host(), ami.port());
        socket.getOutputStream().write(("Action: Login\r\nUsername: " + ami.username() + "\r\nSecret: " + ami.secret()
                + "\r\nEvents: call,user\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> read(in), "connect-watch");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(BufferedReader in) {
        // the reader thread's own: people detected and not yet connected, by channel unique id
        Map<String, Double> detected = new HashMap<>();
        Map<String, String> event = new HashMap<>();
        try {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isEmpty()) {
                    int colon = line.indexOf(": ");
                    if (colon > 0) {
                        event.put(line.substring(0, colon), line.substring(colon + 2).trim());
                    }
                    continue;
                }
                String name = event.get("Event");
                String id = event.get("Uniqueid");
                String stamp = event.get("Timestamp");
                if (name != null && id != null && stamp != null) {
                    double at = Double.parseDouble(stamp);
                    if (name.equals("UserEvent") && "DialerAmd".equals(event.get("UserEvent"))
                            && !"MACHINE".equals(event.get("Status"))) {
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
                event.clear();
            }
        } catch (IOException e) {
            // closed
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
        socket.close();
    }
}
