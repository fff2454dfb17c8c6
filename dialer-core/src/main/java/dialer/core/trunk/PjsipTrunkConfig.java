package dialer.core.trunk;

import dialer.ami.ConfigSection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders the dialer's trunks as the sections of Asterisk's {@code pjsip_dialer_trunks.conf}
 * (#tryinclude'd by pjsip.conf). Each trunk {@code t} becomes endpoint {@code t}, aor {@code t-aor},
 * identify {@code t-identify}, and when it authenticates auth {@code t-auth} and (if it registers)
 * registration {@code t-registration}: every section name unique, so the file can be rewritten
 * section by section over AMI.
 *
 * <p>Caller id: no {@code from_user} (it would replace the campaign's caller id), {@code send_pai}
 * and {@code trust_id_outbound}: the caller id each call is placed with goes out in From and in
 * P-Asserted-Identity. Inbound calls and the carrier's redirects land in context {@code dialer-trunk}
 * (extensions.conf), where a redirect is never answered.
 */
public final class PjsipTrunkConfig {

    /** The file the sections are written to, relative to Asterisk's configuration directory. */
    public static final String FILE = "pjsip_dialer_trunks.conf";
    /** The dialplan context of every trunk's endpoint. */
    public static final String CONTEXT = "dialer-trunk";
    /** What makes Asterisk read the file again: PJSIP's objects, and its outbound registrations. */
    public static final List<String> RELOADS = List.of("module reload res_pjsip.so", "module reload res_pjsip_outbound_registration.so");
    /** How long a qualify (OPTIONS) may go unanswered before the carrier counts as unreachable, in seconds. */
    static final String QUALIFY_TIMEOUT = "2.0";

    private PjsipTrunkConfig() {
    }

    public static List<ConfigSection> render(List<Trunk> trunks) {
        List<ConfigSection> out = new ArrayList<>();
        for (Trunk t : trunks) {
            out.addAll(render(t));
        }
        return out;
    }

    static List<ConfigSection> render(Trunk t) {
        List<ConfigSection> out = new ArrayList<>();
        List<Map.Entry<String, String>> endpoint = new ArrayList<>();
        endpoint.add(Map.entry("type", "endpoint"));
        endpoint.add(Map.entry("transport", "transport-" + t.transport()));
        endpoint.add(Map.entry("context", CONTEXT));
        endpoint.add(Map.entry("disallow", "all"));
        endpoint.add(Map.entry("allow", t.codecs()));
        endpoint.add(Map.entry("aors", aor(t)));
        if (t.authenticates()) {
            endpoint.add(Map.entry("outbound_auth", auth(t)));
        }
        endpoint.add(Map.entry("from_domain", t.fromDomain()));
        endpoint.add(Map.entry("send_pai", "yes"));
        endpoint.add(Map.entry("trust_id_outbound", "yes"));
        endpoint.add(Map.entry("direct_media", "no"));
        endpoint.add(Map.entry("rtp_symmetric", "yes"));
        endpoint.add(Map.entry("force_rport", "yes"));
        endpoint.add(Map.entry("rewrite_contact", "yes"));
        if (t.rtpTimeout() > 0) {
            endpoint.add(Map.entry("rtp_timeout", String.valueOf(t.rtpTimeout())));
        }
        if (t.externalMediaAddress() != null) {
            endpoint.add(Map.entry("media_address", t.externalMediaAddress()));
        }
        // the trunk's name with every call (its health is watched by it)
        endpoint.add(Map.entry("set_var", "DIALER_TRUNK=" + t.name()));
        out.add(new ConfigSection(t.name(), endpoint));

        List<Map.Entry<String, String>> aor = new ArrayList<>();
        aor.add(Map.entry("type", "aor"));
        aor.add(Map.entry("contact", contact(t)));
        if (t.qualifyFrequency() > 0) {
            aor.add(Map.entry("qualify_frequency", String.valueOf(t.qualifyFrequency())));
            aor.add(Map.entry("qualify_timeout", QUALIFY_TIMEOUT));
        }
        out.add(new ConfigSection(aor(t), aor));

        out.add(new ConfigSection(t.name() + "-identify", List.of(Map.entry("type", "identify"),
                Map.entry("endpoint", t.name()), Map.entry("match", t.host()))));

        if (t.authenticates()) {
            out.add(new ConfigSection(auth(t), List.of(Map.entry("type", "auth"), Map.entry("auth_type", "userpass"),
                    Map.entry("username", t.username()), Map.entry("password", t.password()))));
            if (t.register()) {
                out.add(new ConfigSection(t.name() + "-registration", List.of(Map.entry("type", "registration"),
                        Map.entry("transport", "transport-" + t.transport()), Map.entry("outbound_auth", auth(t)),
                        Map.entry("server_uri", t.serverUri()),
                        Map.entry("client_uri", "sip:" + t.username() + "@" + t.host() + ":" + t.port()),
                        Map.entry("contact_user", t.username()), Map.entry("retry_interval", "30"),
                        Map.entry("forbidden_retry_interval", "60"), Map.entry("expiration", "300"),
                        Map.entry("line", "yes"), Map.entry("endpoint", t.name()))));
            }
        }
        return out;
    }

    /** The aor section's name: the qualify results (ContactStatus events) name it. */
    public static String aor(Trunk t) {
        return t.name() + "-aor";
    }

    /** The trunk an aor section belongs to, or null when it is not one of ours. */
    public static String trunkOfAor(String aor) {
        return aor != null && aor.endsWith("-aor") ? aor.substring(0, aor.length() - 4) : null;
    }

    static String auth(Trunk t) {
        return t.name() + "-auth";
    }

    static String contact(Trunk t) {
        return t.serverUri();
    }
}
