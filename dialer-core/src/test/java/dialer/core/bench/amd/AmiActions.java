package dialer.core.bench.amd;

import dialer.ami.asterisk.AmiSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A bare AMI session of the benchmark's own: sends actions and hands every event (its header fields) to
 * {@code onEvent} on its reader thread. Nothing of the dialer's is involved: the benchmark measures
 * Asterisk's AMD() in the dialer's dialplan, not the dialer.
 */
final class AmiActions implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final AtomicLong ids = new AtomicLong();

    AmiActions(AmiSettings ami, Consumer<Map<String, String>> onEvent) throws IOException {
        socket = new Socket(ami.host(), ami.port());
        out = socket.getOutputStream();
        send("Login", Map.of("Username", ami.username(), "Secret", ami.secret(), "Events", "call,user"));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> dialer.core.testing.AmiEventStream.read(in, event -> onEvent.accept(Map.copyOf(event))),
                "amd-bench-ami");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends one action; {@code variables} become Variable headers (one each: AMI splits a header's value on commas). */
    synchronized void send(String action, Map<String, String> headers, Map<String, String> variables) throws IOException {
        StringBuilder sb = new StringBuilder("Action: ").append(action).append("\r\nActionID: amdb-").append(ids.incrementAndGet())
                .append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        variables.forEach((k, v) -> sb.append("Variable: ").append(k).append('=').append(v).append("\r\n"));
        out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void send(String action, Map<String, String> headers) throws IOException {
        send(action, headers, Map.of());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
