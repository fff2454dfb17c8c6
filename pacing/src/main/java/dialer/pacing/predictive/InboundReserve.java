package dialer.pacing.predictive;

/**
 * How many agents a blended campaign keeps idle for inbound callers, so that the inbound service level
 * ("80% answered within 20 s") is met while the other agents dial out.
 *
 * <p><b>The model</b> (a threshold policy for call blending, as in Bhulai and Koole, "A queueing model for call
 * blending in call centers", IEEE TAC 2003, sized with Erlang C's birth-death chain). {@code N} agents take
 * calls; inbound callers arrive as a Poisson stream of rate {@code lambda} and take priority over outbound
 * connects for every agent who comes free; the pacer dials out only while more than {@code r} agents would
 * stay idle, so in steady state {@code r} agents wait idle and the others talk or wrap up. The state
 * {@code x} is the number of idle agents ({@code 0 < x <= r}) or minus the inbound callers waiting
 * ({@code x <= 0}). An inbound arrival moves it down by one; an agent coming free moves it up by one while
 * {@code x < r} (at {@code r} the pacer gives the freed agent an outbound call). With handle times taken as
 * exponential and every busy agent coming free at the same mean rate {@code mu}, the up-rate in state
 * {@code x} is {@code (N - max(x, 0)) mu}, and the chain's stationary law is
 * <pre>
 *   pi(x - 1) = pi(x) lambda / ((N - max(x - 1, 0)) mu),   pi(r) = 1 before normalising,
 * </pre>
 * geometric of ratio {@code rho = lambda / (N mu)} below 0. A caller arriving in state {@code x <= 0} (PASTA)
 * waits for {@code 1 - x} agents to come free at rate {@code N mu}, so, as in Erlang C,
 * <pre>
 *   P(wait > T) = P(x <= 0) exp(-(N mu - lambda) T),   service level = 1 - P(wait > T).
 * </pre>
 * With {@code r = N} (no outbound) this <em>is</em> Erlang C for {@code N} agents and load
 * {@code lambda / mu} ({@link #erlangCServiceLevel}).
 *
 * <p><b>The rate {@code mu}.</b> Of the {@code B = N - r} agents busy at the top state, {@code a = lambda
 * tau_in} are on inbound calls on average (Little), each coming free at {@code 1 / tau_in}, and the rest on
 * outbound calls at {@code 1 / tau_out}: {@code mu = (min(a, B) / tau_in + max(0, B - a) / tau_out) / B}
 * ({@code 1 / tau_in} when no agent is left for outbound). So {@code N mu - lambda} is, roughly, the rate
 * at which agents on outbound calls come free: what drains an inbound queue in a blended team.
 *
 * <p>Approximations, on the safe side or measured: callers who hang up while waiting are not taken out of
 * the queue (they only shorten it); handle times are not exponential (the simulator's are lognormal and
 * bimodal: see the blended benchmark in pacing/README.md for what the service level measured).
 */
public final class InboundReserve {

    private InboundReserve() {
    }

    /**
     * The smallest number of idle agents (0 to {@code agents}) for which the model's service level reaches
     * {@code target}; {@code agents} when even keeping everyone for inbound does not (the inbound load
     * alone needs more agents than there are).
     *
     * @param agents              staffing agents, {@code N}
     * @param arrivalsPerMilli    inbound arrival rate, {@code lambda}
     * @param inboundHandleMillis mean inbound talk + wrap-up, {@code tau_in}
     * @param outboundHandleMillis mean outbound talk + wrap-up, {@code tau_out}
     * @param serviceMillis       the service level's answer time, {@code T}
     * @param target              the share to answer within {@code T}
     */
    public static int idleAgentsFor(int agents, double arrivalsPerMilli, double inboundHandleMillis,
                                    double outboundHandleMillis, long serviceMillis, double target) {
        if (agents <= 0 || !(arrivalsPerMilli > 0)) {
            return 0;
        }
        for (int r = 0; r < agents; r++) {
            if (serviceLevel(agents, r, arrivalsPerMilli, inboundHandleMillis, outboundHandleMillis, serviceMillis) >= target) {
                return r;
            }
        }
        return agents;
    }

    /** The model's service level with {@code idle} agents kept idle for inbound (see the class comment). */
    public static double serviceLevel(int agents, int idle, double arrivalsPerMilli, double inboundHandleMillis,
                                      double outboundHandleMillis, long serviceMillis) {
        if (idle < 0 || idle > agents) {
            throw new IllegalArgumentException("idle agents in [0, agents]");
        }
        if (!(arrivalsPerMilli > 0)) {
            return 1;
        }
        if (agents == 0) {
            return 0;
        }
        double inboundBusy = arrivalsPerMilli * inboundHandleMillis;
        int busyAtTop = agents - idle;
        double mu = busyAtTop <= 0 ? 1 / inboundHandleMillis
                : (Math.min(inboundBusy, busyAtTop) / inboundHandleMillis
                        + Math.max(0, busyAtTop - inboundBusy) / outboundHandleMillis) / busyAtTop;
        return serviceLevel(agents, idle, arrivalsPerMilli, mu, serviceMillis);
    }

    /**
     * Erlang C's service level: {@code agents} agents for inbound alone, load {@code lambda tau}, answer
     * time {@code T}: {@code 1 - C(N, A) exp(-(N - A) T / tau)}.
     */
    public static double erlangCServiceLevel(int agents, double arrivalsPerMilli, double handleMillis, long serviceMillis) {
        return serviceLevel(agents, agents, arrivalsPerMilli, 1 / handleMillis, serviceMillis);
    }

    /** The chain of the class comment with a given per-agent rate of coming free. */
    static double serviceLevel(int agents, int idle, double lambda, double mu, long serviceMillis) {
        double drain = agents * mu;
        double rho = lambda / drain;
        if (rho >= 1) {
            return 0;
        }
        // pi(idle) = 1, down to pi(0); everything in logs would be overkill for N in the hundreds: rescale
        double pi = 1;
        double total = 1;
        for (int x = idle; x >= 1; x--) {
            pi *= lambda / ((agents - (x - 1)) * mu);
            total += pi;
            if (total > 1e250) {
                pi /= total;
                total = 1;
            }
        }
        double atOrBelowZero = pi / (1 - rho); // pi(0) + pi(-1) + ... ; pi(0) counted in total once already
        total += atOrBelowZero - pi;
        double wait = atOrBelowZero / total;
        return 1 - wait * Math.exp(-(drain - lambda) * serviceMillis);
    }
}
