package dialer.core.bench;

/** The binomial distribution's upper tail, for judging a short window's abandons against a cap. */
final class Binomial {

    private Binomial() {
    }

    /** P(X >= k) for X ~ Binomial(n, p), 0 < p < 1. */
    static double tail(long n, long k, double p) {
        if (k <= 0) {
            return 1;
        }
        double below = 0;
        double term = Math.pow(1 - p, n); // P(X = 0)
        for (long i = 0; i < k && i <= n; i++) {
            below += term;
            term = term * (n - i) / (i + 1) * p / (1 - p);
        }
        return Math.max(0, 1 - below);
    }
}
