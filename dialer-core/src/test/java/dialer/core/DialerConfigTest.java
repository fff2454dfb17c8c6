package dialer.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DialerConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsRunEverythingLocally() {
        DialerConfig c = DialerConfig.load(null, Map.of(), new Properties());
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.embeddedDatabase()).isTrue();
        assertThat(c.pbxs()).containsExactly(new DialerConfig.PbxAddress("local", "127.0.0.1", 5038, "dialer", "dialer-secret"));
        assertThat(c.demo()).isFalse();
        assertThat(c.nodeName()).isNotBlank();
    }

    @Test
    void fileThenEnvironmentThenSystemPropertiesOverride() throws Exception {
        Path file = dir.resolve("dialer.properties");
        Files.writeString(file, "dialer.http.port=9000\ndb.url=jdbc:postgresql://db/dialer\npbx=a=10.0.0.5:5038:u:s,b=10.0.0.6:5038:u:s\n");
        Properties system = new Properties();
        system.setProperty("dialer.node", "node-7");
        DialerConfig c = DialerConfig.load(file, Map.of("DIALER_HTTP_PORT", "9100", "DIALER_DEMO", "true"), system);
        assertThat(c.httpPort()).isEqualTo(9100);
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db/dialer");
        assertThat(c.embeddedDatabase()).isFalse();
        assertThat(c.pbxs()).extracting(DialerConfig.PbxAddress::name).containsExactly("a", "b");
        assertThat(c.nodeName()).isEqualTo("node-7");
        assertThat(c.demo()).isTrue();
    }

    @Test
    void eachPbxHasCapsOnCallsUpAndCallsPerSecond() {
        DialerConfig c = DialerConfig.load(null, Map.of("DIALER_PBX", "a=10.0.0.5:5038:u:s,b=10.0.0.6:5038:u:s",
                "DIALER_PBX_LIMITS", "b=120/12"), new Properties());
        assertThat(c.pbxs().get(0).limits()).isEqualTo(dialer.core.engine.PbxLimits.DEFAULT);
        assertThat(c.pbxs().get(1).limits()).isEqualTo(new dialer.core.engine.PbxLimits(120, 12));
        assertThatThrownBy(() -> DialerConfig.load(null, Map.of("DIALER_PBX_LIMITS", "nowhere=10/1"), new Properties()))
                .hasMessageContaining("not in pbx");
        assertThatThrownBy(() -> DialerConfig.load(null, Map.of("DIALER_PBX_LIMITS", "local=lots"), new Properties()))
                .hasMessageContaining("name=calls/callsPerSecond");
        assertThatThrownBy(() -> DialerConfig.load(null, Map.of("DIALER_PBX_LIMITS", "local=0/5"), new Properties()))
                .hasMessageContaining("maximum calls");
    }

    @Test
    void badSettingsSayWhichAndWhy() throws Exception {
        assertThatThrownBy(() -> DialerConfig.load(null, Map.of("DIALER_HTTP_PORT", "eighty"), new Properties()))
                .hasMessageContaining("http.port").hasMessageContaining("eighty");
        assertThatThrownBy(() -> DialerConfig.load(null, Map.of("DIALER_PBX", "127.0.0.1:5038"), new Properties()))
                .hasMessageContaining("name=host:port:user:secret");
        assertThatThrownBy(() -> DialerConfig.load(null, Map.of("DIALER_PBX", "a=h:1:u:s,a=h:2:u:s"), new Properties()))
                .hasMessageContaining("unique").hasMessageNotContaining(":s");
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "http.prot=1\n");
        assertThatThrownBy(() -> DialerConfig.load(file, Map.of(), new Properties())).hasMessageContaining("http.prot");
        assertThatThrownBy(() -> DialerConfig.load(dir.resolve("missing"), Map.of(), new Properties()))
                .hasMessageContaining("cannot read the config file");
    }
}
