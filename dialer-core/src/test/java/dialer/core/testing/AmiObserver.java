package dialer.core.testing;

import dialer.ami.asterisk.AmiSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second, independent AMI session that watches every channel Asterisk creates: what the
 * dialer really dialed, seen from Asterisk's side rather than the dialer's.
 */
public final class AmiObserver implements AutoCloseable {

    private static final Pattern SIMULATED_CALLEE = Pattern.compile("^Channel: Local/(\\d+)@sim-carrier-[^;]*(;\\d)?");
    private final Socket socket;
    private final Set<String> dialed = ConcurrentHashMap.newKeySet();
    private final List<Dialed> dials = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, Instant> abandoned = new ConcurrentHashMap<>();

    /** One simulated callee channel Asterisk created, and when the observer heard of it. */
    public record Dialed(String number, Instant at) {
    }

    public AmiObserver(AmiSettings ami) throws IOException {
        socket = new Socket(ami.host(), ami.port());
        socket.getOutputStream().write(("Action: Login\r\nUsername: " + ami.username() + "\r\nSecret: " + ami.secret()
                + "\r\nEvents: call,user\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                String line;
                boolean newChannel = false;
                boolean userEvent = false;
                String userEventName = null;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        newChannel = false;
                        userEvent = false;
                        userEventName = null;
                    } else if (line.equals("Event: Newchannel")) {
                        newChannel = true;
                    } else if (line.equals("Event: UserEvent")) {
                        userEvent = true;
                    } else if (userEvent && line.startsWith("UserEvent: ")) {
                        userEventName = line.substring("UserEvent: ".length()).trim();
                    } else if (userEvent && "DialerAbandoned".equals(userEventName) && line.startsWith("Call: ")) {
                        abandoned.put(line.substring("Call: ".length()).trim(), Instant.now());
                    } else if (newChannel) {
                        Matcher m = SIMULATED_CALLEE.matcher(line);
                        if (m.find()) {
                            dialed.add(m.group(1));
                            if (!";2".equals(m.group(2))) {
                                // a Local channel comes in two halves: one dial
                                dials.add(new Dialed(m.group(1), Instant.now()));
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }, "ami-observer");
        reader.setDaemon(true);
        reader.start();
    }

    /** Digits of every number a simulated callee channel was created for. */
    public Set<String> dialedNumbers() {
        return Set.copyOf(dialed);
    }

    /** The call ids the dialplan abandoned (its DialerAbandoned event), with when that was seen. */
    public java.util.Map<String, Instant> abandoned() {
        return java.util.Map.copyOf(abandoned);
    }

    /** Every simulated callee dialed (a Local channel's first half), in order, with when it was seen. */
    public List<Dialed> dials() {
        return List.copyOf(dials);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
