package dialer.compliance.rules;

import dialer.compliance.CallRequest;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The rules a debtor's state (or province) brings on top of its country's rule set, e.g. Massachusetts'
 * 940 CMR 7.04(1)(f) on top of US. Attached to a rule set ({@link RuleSet.Builder#overlay}) and applied
 * at evaluation when the request's address is in that state ({@link RuleSet#forRequest}); rule sets built
 * on it with {@link RuleSet#basedOn} keep it. Its rules are added beside the rule set's own, so an overlay
 * can only tighten. Rule ids start with the overlay's prefix ({@code us-ma.}), so a decision names it.
 *
 * @param country ISO 3166-1 alpha-2 country of the address (e.g. US)
 * @param state the address's state code as {@link CallRequest#addressState()} carries it (e.g. MA)
 * @param rules the rules the state adds, each citing its source
 */
public record StateOverlay(String country, String state, List<Rule> rules) {

    public StateOverlay {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(state, "state");
        country = country.toUpperCase(Locale.ROOT);
        state = state.toUpperCase(Locale.ROOT);
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("overlay " + country + "-" + state + " has no rules");
        }
    }

    public static StateOverlay of(String country, String state, Rule... rules) {
        return new StateOverlay(country, state, List.of(rules));
    }

    /** e.g. {@code US-MA}. */
    public String key() {
        return country + "-" + state;
    }

    /**
     * Whether the debtor's address is in this state. An address with a state and no country counts as
     * in the overlay's country: the overlay only tightens, and a state code without a country is read the
     * way the campaign's own rule set reads it.
     */
    public boolean matches(CallRequest request) {
        return state.equals(request.addressState())
                && (request.addressCountry() == null || country.equals(request.addressCountry()));
    }

    String describe() {
        StringBuilder d = new StringBuilder("overlay ").append(key()).append(':');
        for (Rule r : rules) {
            d.append("\n  ").append(r.describe());
        }
        return d.toString();
    }
}
