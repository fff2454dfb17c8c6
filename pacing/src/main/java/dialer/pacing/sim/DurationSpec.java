package dialer.pacing.sim;

import java.util.Locale;
import java.util.random.RandomGenerator;

/** A distribution of durations in seconds, as written in scenario files. */
public sealed interface DurationSpec {

    /** Draws a duration in seconds. */
    double sampleSeconds(RandomGenerator random);

    double meanSeconds();

    /** Lognormal with the given mean and coefficient of variation. */
    record Lognormal(double mean, double cv) implements DurationSpec {
        public Lognormal {
            if (!(mean > 0) || !(cv > 0)) {
                throw new IllegalArgumentException("lognormal needs a positive mean and CV");
            }
        }

        double sigma() {
            return Math.sqrt(Math.log(1 + cv * cv));
        }

        double mu() {
            return Math.log(mean) - sigma() * sigma() / 2;
        }

        @Override
        public double sampleSeconds(RandomGenerator random) {
            return Math.exp(mu() + sigma() * random.nextGaussian());
        }

        @Override
        public double meanSeconds() {
            return mean;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "lognormal(%s, %s)", trim(mean), trim(cv));
        }
    }

    /** Uniform between two bounds. */
    record Uniform(double min, double max) implements DurationSpec {
        public Uniform {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("uniform needs 0 <= min <= max");
            }
        }

        @Override
        public double sampleSeconds(RandomGenerator random) {
            return min + (max - min) * random.nextDouble();
        }

        @Override
        public double meanSeconds() {
            return (min + max) / 2;
        }

        @Override
        public String toString() {
            return "uniform(" + trim(min) + ", " + trim(max) + ")";
        }
    }

    /** Always the same. */
    record Fixed(double seconds) implements DurationSpec {
        public Fixed {
            if (seconds < 0) {
                throw new IllegalArgumentException("a duration cannot be negative");
            }
        }

        @Override
        public double sampleSeconds(RandomGenerator random) {
            return seconds;
        }

        @Override
        public double meanSeconds() {
            return seconds;
        }

        @Override
        public String toString() {
            return trim(seconds);
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Parses {@code lognormal(mean, cv)}, {@code uniform(min, max)}, {@code fixed(s)} or a plain number of seconds. */
    static DurationSpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int open = t.indexOf('(');
        if (open < 0) {
            return new Fixed(Double.parseDouble(t));
        }
        if (!t.endsWith(")")) {
            throw new IllegalArgumentException("missing ')' in " + text);
        }
        String kind = t.substring(0, open).trim();
        String[] args = t.substring(open + 1, t.length() - 1).split(",");
        double[] v = new double[args.length];
        for (int i = 0; i < args.length; i++) {
            v[i] = Double.parseDouble(args[i].trim());
        }
        return switch (kind) {
            case "lognormal" -> {
                expectArgs(kind, v, 2);
                yield new Lognormal(v[0], v[1]);
            }
            case "uniform" -> {
                expectArgs(kind, v, 2);
                yield new Uniform(v[0], v[1]);
            }
            case "fixed" -> {
                expectArgs(kind, v, 1);
                yield new Fixed(v[0]);
            }
            default -> throw new IllegalArgumentException("unknown distribution '" + kind + "' in " + text);
        };
    }

    private static void expectArgs(String kind, double[] v, int n) {
        if (v.length != n) {
            throw new IllegalArgumentException(kind + " takes " + n + " argument(s)");
        }
    }
}
