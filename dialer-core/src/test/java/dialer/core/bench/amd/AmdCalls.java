package dialer.core.bench.amd;

import dialer.ami.asterisk.AmiSettings;
import dialer.core.bench.amd.AmdCorpus.Clip;
import dialer.core.campaign.AmdSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plays clips through real SIP calls: for each, a SIPp (the callee, a UAS on 127.0.0.1) answers and
 * plays the clip with {@code rtp_stream}; Asterisk places the call through the test-only endpoint
 * {@code amd-bench} (docker/asterisk/etc/pjsip_amd_bench.conf) into the dialer's own
 * {@code [dialer-answered]}, with the settings under test in {@code DIALER_AMD_SETTINGS} as the
 * dialer's originate sets them, and the dialplan's {@code DialerAmd} event is the verdict. A few calls
 * run at once, each with a SIPp on ports of its own.
 */
final class AmdCalls implements AutoCloseable {

    /** One call's verdict: AMD's status and cause, and seconds from the answer to the verdict. */
    record Verdict(Clip clip, String settingsName, String status, String cause, double seconds) {
        /** What the dialplan does with it: MACHINE hangs up, anything else goes to an agent. */
        boolean hungUp() {
            return "MACHINE".equals(status);
        }
    }

    /** One call to place: a clip under named settings. */
    record Job(Clip clip, String settingsName, AmdSettings settings) {
    }

    /** SIP port and RTP port of each SIPp that may run at once (rtp_stream also takes RTP port + 2). */
    private static final int[][] SLOTS = {{5090, 5093}, {5091, 5094}, {5092, 5097}};

    private final AmiActions ami;
    private final Path scenarios;
    private final String runId = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private final Map<String, CompletableFuture<Map<String, String>>> pending = new ConcurrentHashMap<>();
    private final Map<String, Double> answeredAt = new ConcurrentHashMap<>();
    private final Map<String, String> channels = new ConcurrentHashMap<>();
    private int calls;

    AmdCalls(AmiSettings settings, Path workDir) throws IOException {
        this.scenarios = Files.createDirectories(workDir.resolve("scenarios"));
        this.ami = new AmiActions(settings, this::on);
    }

    private void on(Map<String, String> event) {
        String name = event.get("Event");
        String id = event.get("Uniqueid");
        if (id == null || !id.startsWith("amdb-")) {
            return;
        }
        switch (name) {
            case "Newchannel" -> channels.put(id, event.get("Channel"));
            case "Newstate" -> {
                if ("Up".equals(event.get("ChannelStateDesc")) && event.get("Timestamp") != null) {
                    answeredAt.putIfAbsent(id, Double.parseDouble(event.get("Timestamp")));
                }
            }
            case "UserEvent" -> {
                if ("DialerAmd".equals(event.get("UserEvent"))) {
                    CompletableFuture<Map<String, String>> f = pending.get(event.get("Call"));
                    if (f != null) {
                        f.complete(event);
                    }
                }
            }
            case "Hangup" -> {
                CompletableFuture<Map<String, String>> f = pending.get(id);
                if (f != null) {
                    f.completeExceptionally(new IOException("the call ended before AMD's verdict, cause "
                            + event.get("Cause") + " " + event.get("Cause-txt")));
                }
            }
            default -> {
            }
        }
    }

    /** Places every job, {@link #SLOTS} at a time; the verdicts in the jobs' order. */
    List<Verdict> run(List<Job> jobs) throws Exception {
        BlockingQueue<Integer> todo = new LinkedBlockingQueue<>();
        for (int i = 0; i < jobs.size(); i++) {
            todo.add(i);
        }
        Verdict[] verdicts = new Verdict[jobs.size()];
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int[] slot : SLOTS) {
            Thread t = new Thread(() -> {
                for (Integer i; (i = todo.poll()) != null && failures.isEmpty(); ) {
                    try {
                        verdicts[i] = call(jobs.get(i), slot[0], slot[1]);
                    } catch (Exception e) {
                        failures.add(new IOException("clip " + jobs.get(i).clip().name() + " under "
                                + jobs.get(i).settingsName() + ": " + e.getMessage(), e));
                    }
                }
            }, "amd-bench-" + slot[0]);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " call(s) failed; the first: " + failures.get(0).getMessage(),
                    failures.get(0));
        }
        return List.of(verdicts);
    }

    private Verdict call(Job job, int sipPort, int rtpPort) throws Exception {
        String callId;
        synchronized (this) {
            callId = "amdb-" + runId + "-" + (++calls);
        }
        Path scenario = scenarios.resolve("callee-" + sipPort + ".xml");
        Files.writeString(scenario, SCENARIO.replace("@CLIP@", job.clip().file().toAbsolutePath().toString()),
                StandardCharsets.UTF_8);
        Path log = scenarios.resolve("sipp-" + sipPort + ".log");
        Process sipp = new ProcessBuilder("sipp", "-sf", scenario.toString(), "-i", "127.0.0.1", "-p", String.valueOf(sipPort),
                "-mi", "127.0.0.1", "-mp", String.valueOf(rtpPort), "-m", "1", "-nostdin", "-timeout", "40s")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        CompletableFuture<Map<String, String>> verdict = new CompletableFuture<>();
        pending.put(callId, verdict);
        try {
            awaitBound(sipPort, sipp);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Channel", "PJSIP/amd-bench/sip:amdb@127.0.0.1:" + sipPort);
            headers.put("Context", "dialer-answered");
            headers.put("Exten", "s");
            headers.put("Priority", "1");
            headers.put("Timeout", "10000");
            headers.put("Async", "true");
            headers.put("ChannelId", callId);
            headers.put("CallerID", "\"AMD benchmark\" <100>");
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("DIALER_CALL", callId);
            variables.put("DIALER_AMD_SETTINGS", job.settings().toDialplan());
            ami.send("Originate", headers, variables);
            Map<String, String> event;
            try {
                event = verdict.get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IOException("no verdict within 30 s (SIPp's log: " + log + ")");
            }
            double at = Double.parseDouble(event.getOrDefault("Timestamp", "0"));
            Double up = answeredAt.get(callId);
            double seconds = up == null || at == 0 ? Double.NaN : at - up;
            String cause = event.getOrDefault("Cause", "");
            return new Verdict(job.clip(), job.settingsName(), event.get("Status"), cause, seconds);
        } finally {
            pending.remove(callId);
            String channel = channels.remove(callId);
            if (channel != null) {
                ami.send("Hangup", Map.of("Channel", channel));
            }
            ami.send("DBDelTree", Map.of("Family", "dialer", "Key", callId));
            answeredAt.remove(callId);
            if (!sipp.waitFor(5, TimeUnit.SECONDS)) {
                sipp.destroy();
                sipp.waitFor(2, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits until SIPp holds its SIP port (listed in /proc/net/udp), so the INVITE finds it listening. */
    private static void awaitBound(int port, Process sipp) throws Exception {
        String local = String.format(":%04X ", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!sipp.isAlive()) {
                throw new IOException("SIPp ended at once (exit " + sipp.exitValue() + "); is port " + port + " free?");
            }
            for (String line : Files.readAllLines(Path.of("/proc/net/udp"))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 2 && (fields[1] + " ").endsWith(local)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new IOException("SIPp did not bind 127.0.0.1:" + port + " within 5 s");
    }

    @Override
    public void close() throws IOException {
        ami.close();
    }

    /** The callee: answers, plays the clip once (loop count 1: SIPp 3.6 plays nothing with 0), waits for the BYE. */
    private static final String SCENARIO = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="amd-bench callee">
              <recv request="INVITE" />
              <send>
                <![CDATA[
                  SIP/2.0 180 Ringing
                  [last_Via:]
                  [last_From:]
                  [last_To:];tag=[pid]amdb[call_number]
                  [last_Call-ID:]
                  [last_CSeq:]
                  Contact: <sip:[local_ip]:[local_port];transport=[transport]>
                  Content-Length: 0

                ]]>
              </send>
              <send retrans="500">
                <![CDATA[
                  SIP/2.0 200 OK
                  [last_Via:]
                  [last_From:]
                  [last_To:];tag=[pid]amdb[call_number]
                  [last_Call-ID:]
                  [last_CSeq:]
                  Contact: <sip:[local_ip]:[local_port];transport=[transport]>
                  Content-Type: application/sdp
                  Content-Length: [len]

                  v=0
                  o=callee 53655765 2353687637 IN IP[local_ip_type] [local_ip]
                  s=-
                  c=IN IP[media_ip_type] [media_ip]
                  t=0 0
                  m=audio [media_port] RTP/AVP 0
                  a=rtpmap:0 PCMU/8000
                  a=ptime:20
                  a=sendrecv

                ]]>
              </send>
              <recv request="ACK" crlf="true" />
              <nop>
                <action>
                  <exec rtp_stream="@CLIP@,1,0" />
                </action>
              </nop>
              <recv request="BYE" timeout="30000" ontimeout="end" />
              <send>
                <![CDATA[
                  SIP/2.0 200 OK
                  [last_Via:]
                  [last_From:]
                  [last_To:]
                  [last_Call-ID:]
                  [last_CSeq:]
                  Content-Length: 0

                ]]>
              </send>
              <label id="end" />
            </scenario>
            """;
}
