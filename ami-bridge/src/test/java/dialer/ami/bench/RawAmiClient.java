package dialer.ami.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The baseline of the originate benchmark: AMI spoken directly over a socket, no library, no
 * correlation beyond reading headers. What the bridge adds on top is measured against this.
 */
final class RawAmiClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final Thread reader;

    RawAmiClient(String host, int port, String user, String secret, Consumer<Map<String, String>> onMessage) throws IOException {
        socket = new Socket(host, port);
        out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        in.readLine(); // "Asterisk Call Manager/..."
        reader = new Thread(() -> {
            Map<String, String> message = new HashMap<>();
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (!message.isEmpty()) {
                            onMessage.accept(message);
                            message = new HashMap<>();
                        }
                        continue;
                    }
                    int colon = line.indexOf(": ");
                    if (colon > 0) {
                        message.put(line.substring(0, colon), line.substring(colon + 2));
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }, "raw-ami-reader");
        reader.setDaemon(true);
        reader.start();
        send("Action: Login", "Username: " + user, "Secret: " + secret, "Events: call,user");
    }

    /** Sends one action, given as "Header: value" lines. */
    synchronized void send(String... headerLines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : headerLines) {
            sb.append(line).append("\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
