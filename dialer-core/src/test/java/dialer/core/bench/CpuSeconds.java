package dialer.core.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time spent so far, for a benchmark's "what did it cost": Asterisk's processes and this JVM (the dialer and the test). */
final class CpuSeconds {

    /** Linux's clock ticks per second for /proc times (USER_HZ, 100 on every mainstream kernel). */
    private static final double TICKS_PER_SECOND = 100;

    private CpuSeconds() {
    }

    /** User and system CPU seconds of every process named asterisk this machine's /proc shows; NaN when none. */
    static double asterisk() {
        double sum = 0;
        boolean any = false;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (!Files.readString(p.resolve("comm")).trim().equals("asterisk")) {
                        continue;
                    }
                    String stat = Files.readString(p.resolve("stat"));
                    // fields after the command (which may hold spaces) in parentheses; utime and stime are fields 14 and 15
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
                    any = true;
                } catch (IOException | RuntimeException e) {
                    // the process went away meanwhile, or is not ours to read
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return any ? sum : Double.NaN;
    }

    /** CPU seconds of this JVM: the dialer server runs in it, with the test. */
    static double thisJvm() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
