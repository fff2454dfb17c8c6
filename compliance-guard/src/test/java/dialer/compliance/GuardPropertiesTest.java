package dialer.compliance;

import dialer.compliance.rules.EvaluationContext;
import dialer.compliance.zone.CalleeZoneResolver;
import dialer.compliance.zone.CalleeZones;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the pure evaluation over random worlds ({@link RandomWorld}: every preset, random
 * zones, addresses, instants of 2024 with DST days, histories, lists and consumer requests):
 * <ul>
 * <li>no ALLOW breaks a promise of its rule set ({@link RuleOracle}, which checks each rule from its
 * parameters, not through its evaluate());</li>
 * <li>a BLOCK names a failing rule and never says a call is allowed earlier than now;</li>
 * <li>the decision does not depend on the order of the history or the lists;</li>
 * <li>an allowed call's reservation stays valid a while, never past its consumer request.</li>
 * </ul>
 * Plain JUnit with a seeded generator (a failure prints its seed; rerun with -Dguard.props.seed=N).
 * The DB-backed agreement of preview, reserve and the pure evaluation is {@code GuardPropertiesIT}.
 */
class GuardPropertiesTest {

    static final int TRIES = Integer.getInteger("guard.props.tries", 8_000);
    static final CalleeZoneResolver ZONES = new CalleeZoneResolver();

    @Test
    void noAllowBreaksARuleAndTheEvaluationIsOrderFree() {
        long base = Long.getLong("guard.props.seed", 20240101L);
        int allowed = 0;
        int viaRequest = 0;
        for (int i = 0; i < TRIES; i++) {
            long seed = base + i;
            RandomWorld w = new RandomWorld(seed);
            var rules = w.country.rules();
            CalleeZones zones = ZONES.resolve(w.request, rules.fallbackZones());
            EvaluationContext ctx = new EvaluationContext(w.request, w.now, zones, w.history, w.lists, w.asked);
            Decision d = rules.evaluate(ctx);
            String at = "seed " + seed + ": " + w;
            if (d.allowed()) {
                allowed++;
                if (RuleOracle.asked(ctx).isPresent()) {
                    viaRequest++;
                }
                assertThat(RuleOracle.brokenBy(rules, ctx)).as("ALLOW breaks no rule; %s", at).isEmpty();
                var until = rules.validUntil(ctx, Duration.ofSeconds(60));
                assertThat(until).as("valid a while; %s", at).isAfter(w.now);
                RuleOracle.asked(ctx).ifPresent(q -> assertThat(until).as("not past the request; %s", at).isBeforeOrEqualTo(q.closesAt()));
            } else {
                assertThat(d.failures()).as("a BLOCK names its rules; %s", at).isNotEmpty();
                if (d.nextAllowedAt() != null) {
                    assertThat(d.nextAllowedAt()).as("next allowed not before now; %s", at).isAfterOrEqualTo(w.now);
                }
            }
            List<PastAttempt> h = new ArrayList<>(w.history);
            List<ListEntry> l = new ArrayList<>(w.lists);
            Collections.shuffle(h, new Random(seed));
            Collections.shuffle(l, new Random(seed + 1));
            Decision again = rules.evaluate(new EvaluationContext(w.request, w.now, zones, h, l, w.asked));
            assertThat(again.verdict()).as("order-free; %s", at).isEqualTo(d.verdict());
            assertThat(again.failures().stream().map(RuleResult::ruleId).toList()).as("order-free; %s", at)
                    .isEqualTo(d.failures().stream().map(RuleResult::ruleId).toList());
            assertThat(again.nextAllowedAt()).as("order-free; %s", at).isEqualTo(d.nextAllowedAt());
        }
        System.out.printf("guard properties: %d tries, %d ALLOW (%d on a consumer request)%n", TRIES, allowed, viaRequest);
        // the generator must reach both verdicts, and the consumer-request paths, often enough to mean something
        assertThat(allowed).as("ALLOWs among %d tries", TRIES).isGreaterThan(TRIES / 20);
        assertThat(viaRequest).as("ALLOWs on a consumer request").isGreaterThan(0);
    }
}
