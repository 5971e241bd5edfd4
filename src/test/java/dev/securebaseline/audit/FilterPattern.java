package dev.securebaseline.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser and evaluator for CloudWatch Logs JSON filter patterns, written from AWS's "Filter and
 * pattern syntax" documentation, so that alarms can be shown to fire on real CloudTrail records.
 *
 * <p>Supported, as documented:
 * <ul>
 *   <li>{@code { expression }}; selectors {@code $.a.b}, {@code $.a[0]}, {@code $.a[0][1].b}
 *       (names of letters, digits, {@code -} and {@code _});</li>
 *   <li>{@code =} and {@code !=} against a quoted or bare string; {@code *} is a wildcard only at the
 *       start and/or the end ({@code *Event}, {@code Event*}, {@code *}); in the middle it is a
 *       literal ({@code Ev*ent} matches only "Ev*ent");</li>
 *   <li>numeric {@code = != < > <= >=} against a number (sign, decimals, exponent);</li>
 *   <li>{@code IS NULL}, {@code NOT EXISTS}, {@code IS TRUE}, {@code IS FALSE};</li>
 *   <li>{@code &&} and {@code ||} with parentheses; precedence {@code ()} &gt; {@code &&} &gt; {@code ||}.</li>
 * </ul>
 *
 * <p>A comparison needs its selector to reach a value node (string, number, boolean). On a missing
 * property, an object, an array or null, both {@code =} and {@code !=} are false ("the items in the
 * JSON log event data must exactly match the metric filter"); absence is tested with
 * {@code NOT EXISTS} only.
 */
final class FilterPattern {

    private static final Pattern SELECTOR = Pattern.compile("\\$((?:\\.[A-Za-z0-9_-]+|\\[\\d+])*)");
    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z0-9_-]+)|\\[(\\d+)]");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final Node root;
    private final String source;

    private FilterPattern(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    /** Parses a JSON filter pattern; a syntax error throws with the position. */
    static FilterPattern parse(String pattern) {
        Parser parser = new Parser(pattern);
        return new FilterPattern(pattern, parser.pattern());
    }

    boolean matches(JsonNode event) {
        return root.matches(event);
    }

    @Override
    public String toString() {
        return source;
    }

    // ------------------------------------------------------------------ syntax tree

    private sealed interface Node permits Or, And, Condition {
        boolean matches(JsonNode event);
    }

    private record Or(List<Node> alternatives) implements Node {
        public boolean matches(JsonNode event) {
            return alternatives.stream().anyMatch(n -> n.matches(event));
        }
    }

    private record And(List<Node> parts) implements Node {
        public boolean matches(JsonNode event) {
            return parts.stream().allMatch(n -> n.matches(event));
        }
    }

    private record Condition(List<Object> path, String operator, Value value) implements Node {
        public boolean matches(JsonNode event) {
            JsonNode node = resolve(event);
            return switch (operator) {
                case "NOT EXISTS" -> node == null;
                case "IS NULL" -> node != null && node.isNull();
                case "IS TRUE" -> node != null && node.isBoolean() && node.booleanValue();
                case "IS FALSE" -> node != null && node.isBoolean() && !node.booleanValue();
                default -> node != null && node.isValueNode() && !node.isNull() && compare(node);
            };
        }

        /** The node the selector reaches, or null when any step is missing or of the wrong kind. */
        private JsonNode resolve(JsonNode event) {
            JsonNode current = event;
            for (Object step : path) {
                if (step instanceof Integer index) {
                    current = current.isArray() && index < current.size() ? current.get(index) : null;
                } else {
                    current = current.isObject() ? current.get((String) step) : null;
                }
                if (current == null) {
                    return null;
                }
            }
            return current;
        }

        private boolean compare(JsonNode node) {
            if (value.number() != null && node.isNumber()) {
                int order = node.decimalValue().compareTo(value.number());
                return switch (operator) {
                    case "=" -> order == 0;
                    case "!=" -> order != 0;
                    case "<" -> order < 0;
                    case ">" -> order > 0;
                    case "<=" -> order <= 0;
                    case ">=" -> order >= 0;
                    default -> throw new IllegalStateException(operator);
                };
            }
            boolean equal = value.matchesText(node.asText());
            return switch (operator) {
                case "=" -> equal;
                case "!=" -> !equal;
                default -> false; // an ordering against a non-number never holds
            };
        }
    }

    /** A right-hand side: the text as written, whether it was quoted, and its number if it is one. */
    private record Value(String text, boolean quoted, BigDecimal number) {

        boolean matchesText(String actual) {
            boolean leading = text.startsWith("*");
            boolean trailing = text.endsWith("*") && text.length() > 1;
            if (text.equals("*")) {
                return true;
            }
            String core = text.substring(leading ? 1 : 0, text.length() - (trailing ? 1 : 0));
            if (leading && trailing) {
                return actual.contains(core);
            }
            if (leading) {
                return actual.endsWith(core);
            }
            if (trailing) {
                return actual.startsWith(core);
            }
            return actual.equals(core);
        }
    }

    // ------------------------------------------------------------------ parser

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Node pattern() {
            skipSpace();
            expect("{");
            Node expression = or();
            skipSpace();
            expect("}");
            skipSpace();
            if (pos != text.length()) {
                throw error("text after the closing brace");
            }
            return expression;
        }

        private Node or() {
            List<Node> alternatives = new ArrayList<>(List.of(and()));
            while (consume("||")) {
                alternatives.add(and());
            }
            return alternatives.size() == 1 ? alternatives.get(0) : new Or(alternatives);
        }

        private Node and() {
            List<Node> parts = new ArrayList<>(List.of(unary()));
            while (consume("&&")) {
                parts.add(unary());
            }
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        private Node unary() {
            if (consume("(")) {
                Node inner = or();
                skipSpace();
                expect(")");
                return inner;
            }
            return condition();
        }

        private Node condition() {
            skipSpace();
            Matcher selector = SELECTOR.matcher(text).region(pos, text.length());
            if (!selector.lookingAt() || selector.group(1).isEmpty()) {
                throw error("expected a selector such as $.eventName");
            }
            pos = selector.end();
            List<Object> path = new ArrayList<>();
            Matcher step = STEP.matcher(selector.group(1));
            while (step.find()) {
                path.add(step.group(1) != null ? step.group(1) : Integer.valueOf(step.group(2)));
            }
            for (String keyword : List.of("NOT EXISTS", "IS NULL", "IS TRUE", "IS FALSE")) {
                if (consumeWords(keyword)) {
                    return new Condition(path, keyword, null);
                }
            }
            for (String operator : List.of("!=", "<=", ">=", "=", "<", ">")) {
                if (consume(operator)) {
                    Value value = value();
                    if (!operator.equals("=") && !operator.equals("!=") && value.number() == null) {
                        throw error("operator " + operator + " needs a number");
                    }
                    return new Condition(path, operator, value);
                }
            }
            throw error("expected an operator (=, !=, <, >, <=, >=, IS NULL, NOT EXISTS, IS TRUE, IS FALSE)");
        }

        private Value value() {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '"') {
                int end = text.indexOf('"', pos + 1);
                if (end < 0) {
                    throw error("unterminated string");
                }
                String quoted = text.substring(pos + 1, end);
                pos = end + 1;
                return new Value(quoted, true, null);
            }
            int start = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))
                    && ")}".indexOf(text.charAt(pos)) < 0 && !text.startsWith("&&", pos) && !text.startsWith("||", pos)) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a value");
            }
            String bare = text.substring(start, pos);
            BigDecimal number = NUMBER.matcher(bare).matches() ? new BigDecimal(bare.startsWith("+") ? bare.substring(1) : bare) : null;
            return new Value(bare, false, number);
        }

        private boolean consume(String token) {
            skipSpace();
            if (text.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        /** Keywords separated by any whitespace, e.g. {@code NOT   EXISTS}. */
        private boolean consumeWords(String keyword) {
            skipSpace();
            int saved = pos;
            for (String word : keyword.split(" ")) {
                skipSpace();
                if (!text.startsWith(word, pos)) {
                    pos = saved;
                    return false;
                }
                pos += word.length();
            }
            return true;
        }

        private void expect(String token) {
            if (!consume(token)) {
                throw error("expected '" + token + "'");
            }
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException(message + " at position " + pos + " of: " + text);
        }
    }
}
