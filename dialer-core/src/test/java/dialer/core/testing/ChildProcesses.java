package dialer.core.testing;

import java.util.concurrent.TimeUnit;

/** The tests' own peers run as processes (SIPp, baresip): stopping one. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Asks the process to end, and kills it when it has not within 5 s. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
