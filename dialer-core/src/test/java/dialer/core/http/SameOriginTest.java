package dialer.core.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SameOriginTest {

    @Test
    void theServersOwnOriginPasses() {
        assertThat(SameOrigin.refusal("http://localhost:8080", null, "localhost:8080")).isNull();
        assertThat(SameOrigin.refusal("http://LOCALHOST:8080", null, "localhost:8080")).isNull();
        assertThat(SameOrigin.refusal("https://dialer.example", null, "dialer.example")).isNull();
        assertThat(SameOrigin.refusal("https://dialer.example:443", null, "dialer.example")).isNull();
        assertThat(SameOrigin.refusal("http://[::1]:8080", null, "[::1]:8080")).isNull();
    }

    @Test
    void theRefererStandsInOnlyWhenThereIsNoOrigin() {
        assertThat(SameOrigin.refusal(null, "http://localhost:8080/agent?x=1", "localhost:8080")).isNull();
        assertThat(SameOrigin.refusal("", "http://localhost:8080/agent", "localhost:8080")).isNull();
        assertThat(SameOrigin.refusal("http://evil.example", "http://localhost:8080/agent", "localhost:8080"))
                .contains("Origin http://evil.example");
    }

    @Test
    void otherOriginsAndNoneAreRefused() {
        assertThat(SameOrigin.refusal(null, null, "localhost:8080")).contains("neither Origin nor Referer");
        assertThat(SameOrigin.refusal("http://evil.example", null, "localhost:8080")).isNotNull();
        assertThat(SameOrigin.refusal("http://localhost:8081", null, "localhost:8080")).isNotNull();
        assertThat(SameOrigin.refusal("http://localhost.evil.example:8080", null, "localhost:8080")).isNotNull();
        assertThat(SameOrigin.refusal("null", null, "localhost:8080")).isNotNull();
        assertThat(SameOrigin.refusal("file:///tmp/x.html", null, "localhost:8080")).isNotNull();
        assertThat(SameOrigin.refusal("http://localhost:8080", null, null)).isNotNull();
    }

    @Test
    void writesAreTheMethodsThatChangeThings() {
        assertThat(SameOrigin.isWrite("POST")).isTrue();
        assertThat(SameOrigin.isWrite("delete")).isTrue();
        assertThat(SameOrigin.isWrite("PUT")).isTrue();
        assertThat(SameOrigin.isWrite("PATCH")).isTrue();
        assertThat(SameOrigin.isWrite("GET")).isFalse();
        assertThat(SameOrigin.isWrite("HEAD")).isFalse();
        assertThat(SameOrigin.isWrite("OPTIONS")).isFalse();
    }
}
