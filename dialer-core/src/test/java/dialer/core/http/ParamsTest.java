package dialer.core.http;

import dialer.core.Invalid;
import dialer.core.Masked;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request body checks every JSON route goes through: anything but a JSON object is a 400 on "body". */
class ParamsTest {

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"name\":\"x\"}]", "\"text\"", "42", "-1.5e3", "null", "true", " ", "{", "{\"a\":}",
            "nonsense", "{\"a\":1}{", "\u0000"})
    void anythingButAnObjectIsA400OnTheBody(String body) {
        assertThatThrownBy(() -> Params.object(Buffer.buffer(body))).isInstanceOfSatisfying(Invalid.class, e -> {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.problems().get(0).field()).isEqualTo("body");
            assertThat(e.problems().get(0).problem()).startsWith("must be a JSON object");
        });
    }

    @Test
    void nonObjectJsonSaysExactlyThat() {
        for (String body : new String[] {"[1,2]", "\"x\"", "7", "null"}) {
            assertThatThrownBy(() -> Params.object(Buffer.buffer(body))).isInstanceOfSatisfying(Invalid.class,
                    e -> assertThat(e.problems().get(0).problem()).isEqualTo("must be a JSON object"));
        }
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNotGuessed() {
        byte[] latin1 = {'{', '"', 'n', '"', ':', '"', (byte) 0xe9, '"', '}'};
        assertThatThrownBy(() -> Params.object(Buffer.buffer(latin1))).isInstanceOfSatisfying(Invalid.class,
                e -> assertThat(e.problems().get(0).problem()).contains("not valid UTF-8"));
        assertThatThrownBy(() -> Params.object(Buffer.buffer())).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> Params.object(null)).isInstanceOf(Invalid.class);
    }

    @Test
    void textWithNulOrControlCharactersNamesItsField() {
        assertThatThrownBy(() -> Params.object(Buffer.buffer("{\"name\":\"a\\u0000b\",\"compliance\":{\"days\":[\"x\",\"\\u0001\"]}}")))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.problems()).extracting(Invalid.Problem::field)
                        .containsExactly("name", "compliance.days[1]"));
        assertThat(Params.object(Buffer.buffer("{\"notes\":\"line one\\nline\\ttwo\"}")).getString("notes")).contains("\t");
    }

    @Test
    void anObjectIsRead() {
        assertThat(Params.object(Buffer.buffer("{\"name\":\"Zoë\",\"n\":[1]}")).getString("name")).isEqualTo("Zoë");
    }

    @Test
    void excerptsQuoteAShortPrefixOfABadValue() {
        assertThat(Masked.excerpt("x".repeat(1_000_000))).isEqualTo("x".repeat(40) + "…");
        assertThat(Masked.excerpt("short")).isEqualTo("short");
        assertThat(Masked.excerpt("a\u0000b\nc")).isEqualTo("a?b?c");
        assertThat(Masked.excerpt("x".repeat(39) + "😀" + "y")).isEqualTo("x".repeat(39) + "…");
        assertThat(Masked.excerpt(null)).isEmpty();
    }
}
