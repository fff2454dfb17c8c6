package dialer.core.testing;

import dialer.ami.asterisk.AmiSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated debtors calling one of our numbers in the real Asterisk: a Local call into
 * [dialer-inbound] from a given number, whose other half waits in [sim-caller] until the test hangs
 * it up. Speaks AMI on a socket of its own.
 */
public final class InboundCaller implements AutoCloseable {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final Socket socket;
    private final OutputStream out;

    public InboundCaller(AmiSettings ami) throws IOException {
        socket = new Socket(ami.host(), ami.port());
        out = socket.getOutputStream();
        send("Action: Login\r\nUsername: " + ami.username() + "\r\nSecret: " + ami.secret() + "\r\nEvents: off\r\n");
        // drain what Asterisk answers; nothing here waits for it
        Thread drain = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                while (in.readLine() != null) {
                    // ignored
                }
            } catch (IOException e) {
                // closed
            }
        }, "inbound-caller");
        drain.setDaemon(true);
        drain.start();
    }

    /** Calls {@code to} from {@code from}; returns the id of the caller's own channel (to hang up with). */
    public String call(String from, String to) throws IOException {
        String id = "test-in-" + SEQUENCE.incrementAndGet();
        send("Action: Originate\r\nActionID: " + id + "\r\nChannel: Local/" + to + "@dialer-inbound/n\r\nContext: sim-caller\r\n"
                + "Exten: s\r\nPriority: 1\r\nCallerID: \"Caller\" <" + from + ">\r\nAsync: true\r\nChannelId: " + id + "-1\r\n"
                + "OtherChannelId: " + id + "-2\r\n");
        return id + "-1";
    }

    public void hangUp(String channelId) throws IOException {
        send("Action: Hangup\r\nChannel: " + channelId + "\r\nCause: 16\r\n");
    }

    private synchronized void send(String action) throws IOException {
        out.write((action + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            send("Action: Logoff\r\n");
        } finally {
            socket.close();
        }
    }
}
