package dialer.core.trunk;

import dialer.ami.ConfigSection;
import dialer.core.Invalid;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A trunk read from a request, and what it becomes in Asterisk's PJSIP configuration. */
class TrunkConfigTest {

    private static Trunk stored(TrunkDraft d) {
        return new Trunk(1, d.name(), d.host(), d.port(), d.transport(), d.username(), d.password(), d.register(), d.fromDomain(),
                d.callerIdPolicy(), d.fixedCallerId(), d.maxCalls(), d.callsPerSecond(), d.codecs(), d.externalMediaAddress(),
                d.rtpTimeout(), d.qualifyFrequency(), "admin", Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void everyWrongFieldIsNamed() {
        assertThatThrownBy(() -> TrunkDraft.fromJson(new JsonObject().put("name", "Bad Name").put("port", 0)
                .put("transport", "sctp").put("username", "u").put("register", true).put("callerIdPolicy", "FIXED")
                .put("codecs", "ulaw,mp3").put("rtpTimeout", -1), null))
                .isInstanceOf(Invalid.class)
                .satisfies(e -> assertThat(((Invalid) e).problems()).extracting(Invalid.Problem::field).contains("name", "host",
                        "port", "transport", "password", "fixedCallerId", "codecs", "rtpTimeout"));
    }

    @Test
    void aChangeWithoutAPasswordKeepsTheStoredOneButNotTheName() {
        Trunk current = stored(TrunkDraft.fromJson(new JsonObject().put("name", "carrier").put("host", "sip.example.com")
                .put("username", "acct").put("password", "secret1"), null));
        TrunkDraft changed = TrunkDraft.fromJson(new JsonObject().put("name", "carrier").put("host", "sip2.example.com")
                .put("username", "acct"), current);
        assertThat(changed.password()).isEqualTo("secret1");
        assertThatThrownBy(() -> TrunkDraft.fromJson(new JsonObject().put("name", "other").put("host", "h.example.com"), current))
                .hasMessageContaining("name");
    }

    @Test
    void aTrunkBecomesUniquelyNamedSectionsThatSendTheCampaignsCallerId() {
        Trunk t = stored(TrunkDraft.fromJson(new JsonObject().put("name", "carrier").put("host", "sip.example.com")
                .put("username", "acct").put("password", "secret1").put("register", true).put("qualifyFrequency", 15)
                .put("externalMediaAddress", "203.0.113.7").put("codecs", "alaw,ulaw"), null));
        List<ConfigSection> sections = PjsipTrunkConfig.render(List.of(t));
        assertThat(sections).extracting(ConfigSection::name)
                .containsExactly("carrier", "carrier-aor", "carrier-identify", "carrier-auth", "carrier-registration");
        ConfigSection endpoint = sections.get(0);
        assertThat(endpoint.value("type")).isEqualTo("endpoint");
        assertThat(endpoint.value("context")).isEqualTo("dialer-trunk");
        assertThat(endpoint.value("send_pai")).isEqualTo("yes");
        assertThat(endpoint.value("trust_id_outbound")).isEqualTo("yes");
        assertThat(endpoint.value("from_user")).as("it would replace the campaign's caller id").isNull();
        assertThat(endpoint.value("from_domain")).isEqualTo("sip.example.com");
        assertThat(endpoint.value("allow")).isEqualTo("alaw,ulaw");
        assertThat(endpoint.value("media_address")).isEqualTo("203.0.113.7");
        assertThat(endpoint.value("rtp_timeout")).isEqualTo("60");
        assertThat(sections.get(1).value("contact")).isEqualTo("sip:sip.example.com:5060");
        assertThat(sections.get(1).value("qualify_frequency")).isEqualTo("15");
        assertThat(sections.get(2).value("match")).isEqualTo("sip.example.com");
        assertThat(sections.get(3).value("password")).isEqualTo("secret1");
        assertThat(sections.get(4).value("server_uri")).isEqualTo(t.serverUri());
        assertThat(PjsipTrunkConfig.trunkOfAor("carrier-aor")).isEqualTo("carrier");
        assertThat(PjsipTrunkConfig.trunkOfAor("agent1001")).isNull();
    }

    @Test
    void aTrunkWithoutCredentialsHasNoAuthAndNoRegistration() {
        Trunk t = stored(TrunkDraft.fromJson(new JsonObject().put("name", "open").put("host", "10.0.0.5"), null));
        assertThat(PjsipTrunkConfig.render(List.of(t))).extracting(ConfigSection::name)
                .containsExactly("open", "open-aor", "open-identify");
        assertThat(PjsipTrunkConfig.render(List.of(t)).get(0).value("outbound_auth")).isNull();
    }
}
