package dialer.core.testing;

import dialer.ami.asterisk.AmiSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A second AMI session of a test's own, independent of the dialer's: it logs in for call and user
 * events and hands each event, as its header fields, to {@code onEvent} on its own reader thread (the
 * handler's state is that thread's; the map is reused, copy what is kept).
 */
public final class AmiEventStream implements AutoCloseable {

    private final Socket socket;

    public AmiEventStream(AmiSettings ami, String threadName, Consumer<Map<String, String>> onEvent) throws IOException {
        socket = new Socket(ami.host(), ami.port());
        socket.getOutputStream().write(("Action: Login\r\nUsername: " + ami.username() + "\r\nSecret: " + ami.secret()
                + "\r\nEvents: call,user\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> read(in, onEvent), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Reads AMI messages from {@code in} until it closes and hands each event's header fields to
     * {@code onEvent} (the map is reused: copy what is kept).
     */
    public static void read(BufferedReader in, Consumer<Map<String, String>> onEvent) {
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
                if (event.containsKey("Event")) {
                    onEvent.accept(event);
                }
                event.clear();
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
