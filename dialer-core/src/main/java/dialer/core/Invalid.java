package dialer.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Bad input: every field that is wrong, each with what is wrong with it. The HTTP API answers it
 * with 400 and the list.
 */
public final class Invalid extends RuntimeException {

    /** One wrong field. */
    public record Problem(String field, String problem) {
    }

    private final List<Problem> problems;

    public Invalid(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public static Invalid of(String field, String problem) {
        return new Invalid(List.of(new Problem(field, problem)));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        List<String> parts = new ArrayList<>();
        for (Problem p : problems) {
            parts.add(p.field() + ": " + p.problem());
        }
        return String.join("; ", parts);
    }

    /** Collects problems while a request is checked, then throws them all at once. */
    public static final class Collector {
        private final List<Problem> problems = new ArrayList<>();

        public void add(String field, String problem) {
            problems.add(new Problem(field, problem));
        }

        public void check(boolean ok, String field, String problem) {
            if (!ok) {
                add(field, problem);
            }
        }

        /** How many problems so far. */
        public int size() {
            return problems.size();
        }

        public void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new Invalid(problems);
            }
        }
    }
}
