package dialer.ami;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One section of an Asterisk configuration file: {@code [name]} and its lines, in order (a key may
 * repeat, e.g. {@code allow} or {@code match}).
 */
public record ConfigSection(String name, List<Map.Entry<String, String>> lines) {

    public ConfigSection {
        Objects.requireNonNull(name, "name");
        requireSafe("section name", name);
        lines = List.copyOf(lines);
        for (Map.Entry<String, String> line : lines) {
            requireSafe("key", line.getKey());
            requireSafe(line.getKey(), line.getValue());
        }
    }

    /** A value that would end the line, start a comment or a section cannot be written safely. */
    private static void requireSafe(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == ';' || c == '[' || c == ']')) {
            throw new IllegalArgumentException(what + " must be non-empty, one line, without ';', '[' or ']'");
        }
    }

    /** The value of the first line with {@code key}, or null. */
    public String value(String key) {
        return lines.stream().filter(l -> l.getKey().equals(key)).map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
