package dialer.core.bench;

import dialer.core.engine.DialerEngine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the engine held a campaign's dialing down because its PBX looked slow ({@code PbxGovernor}), as the
 * dashboard shows it: the pacing reason, read every half second. Keeps, per reason, how long it held and
 * when it first did; thread: its own poller (started by {@link #start}), read after {@link #close}.
 */
final class ThrottleWatch implements AutoCloseable {

    private static final long EVERY_MILLIS = 500;

    private final DialerEngine engine;
    private final long campaignId;
    /** Poller thread until closed: the first time each throttling reason was seen, and how many polls showed it. */
    private final Map<String, long[]> reasons = new LinkedHashMap<>();
    private final Thread poller;
    private volatile boolean closed;

    ThrottleWatch(DialerEngine engine, long campaignId) {
        this.engine = engine;
        this.campaignId = campaignId;
        this.poller = new Thread(this::poll, "throttle-watch");
        this.poller.setDaemon(true);
    }

    ThrottleWatch start() {
        poller.start();
        return this;
    }

    private void poll() {
        while (!closed) {
            try {
                String reason = engine.pacingState(campaignId).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)
                        .map(DialerEngine.PacingState::reason).orElse(null);
                int at = reason == null ? -1 : reason.indexOf("PBX ");
                if (at >= 0 && (reason.indexOf("throttled", at) > 0 || reason.indexOf(" held to ", at) > 0)) {
                    // "...; PBX local throttled to 12 call(s), progressive: a redirect acknowledged after 1400 ms", or
                    // "PBX local held to 64 call(s) up at once (slow at 80): ..." (probing back), or "... held to 40 call(s)
                    // up at once: strained, ...": the cause only
                    String cause = reason.substring(at).replaceAll("throttled to \\d+ call\\(s\\)", "throttled")
                            .replaceAll("held to \\d+ call\\(s\\) up at once \\(slow at \\d+\\): .*",
                                    "held near the level where it was slow, probing one call at a time")
                            .replaceAll("held to \\d+ call\\(s\\) up at once: ", "held: ")
                            .replaceAll("\\d+ ms", "N ms");
                    synchronized (reasons) {
                        reasons.computeIfAbsent(cause, k -> new long[] {System.currentTimeMillis(), 0})[1]++;
                    }
                }
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the engine is stopping; the next poll or the close ends this
            }
        }
    }

    /** Seconds the dialing was held down, all causes together. */
    double throttledSeconds() {
        synchronized (reasons) {
            return reasons.values().stream().mapToLong(r -> r[1]).sum() * EVERY_MILLIS / 1000.0;
        }
    }

    /** Each cause with when it was first seen (ms after {@code since}) and for how long, in order of appearance. */
    String describe(long since) {
        synchronized (reasons) {
            if (reasons.isEmpty()) {
                return "never throttled";
            }
            StringBuilder out = new StringBuilder();
            reasons.forEach((cause, r) -> out.append(String.format(java.util.Locale.ROOT, "%n  %s: first at %.1f min, %.0f s in all",
                    cause, (r[0] - since) / 60_000.0, r[1] * EVERY_MILLIS / 1000.0)));
            return out.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        poller.interrupt();
        poller.join(2_000);
    }
}
