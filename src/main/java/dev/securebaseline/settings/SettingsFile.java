package dev.securebaseline.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A JSON settings file read like the environment variables: every key known (a misspelled one is named with its
 * closest match), every value checked, a key given twice refused, and each problem one message naming the file, the
 * key's path, the value and what is accepted.
 */
final class SettingsFile {

    private final Setting setting;
    private final String file;
    private final Map<String, List<String>> keys;
    private final List<String> problems;

    /** {@code keys}: the keys each kind of object may hold ({@code ""} the file's top level). */
    SettingsFile(Setting setting, String file, Map<String, List<String>> keys, List<String> problems) {
        this.setting = setting;
        this.file = file;
        this.keys = keys;
        this.problems = problems;
    }

    /**
     * The file as a tree, each key given twice in one object reported with both values (JSON parsers keep one of them
     * silently); the first value stays.
     */
    JsonNode strictTree(String text) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser parser = new ObjectMapper().getFactory().createParser(text)) {
            parser.nextToken();
            JsonNode tree = node(parser, "");
            if (parser.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "more than one JSON value in the file");
            }
            return tree;
        }
    }

    private JsonNode node(com.fasterxml.jackson.core.JsonParser parser, String path) throws IOException {
        com.fasterxml.jackson.core.JsonToken token = parser.currentToken();
        if (token == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
            com.fasterxml.jackson.databind.node.ObjectNode object = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                JsonNode value = node(parser, join(path, key));
                if (object.has(key)) {
                    problems.add(prefix() + join(path, key) + " = " + value + " is not accepted: the key is given twice in one object, first as "
                            + object.get(key) + ". Accepted: each key once.");
                } else {
                    object.set(key, value);
                }
            }
            return object;
        }
        if (token == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
            com.fasterxml.jackson.databind.node.ArrayNode array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            int index = 0;
            while (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                array.add(node(parser, path + "[" + index++ + "]"));
            }
            return array;
        }
        return parser.readValueAsTree();
    }

    void knownKeys(JsonNode node, String path, String kind) {
        List<String> known = keys.get(kind);
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                String closest = known.stream().min(Comparator.comparingInt((String k) -> UnknownSettings.distance(key, k))).orElseThrow();
                problems.add(prefix() + join(path, key) + " is not accepted: the file has no such key (did you mean " + closest
                        + "?). Accepted here: " + String.join(", ", known) + ".");
            }
        });
    }

    String required(JsonNode node, String path, String key, Function<String, String> check, String accepted) {
        JsonNode value = node.path(key);
        String checked = value.isTextual() ? check.apply(value.asText()) : null;
        if (checked == null) {
            reject(join(path, key), value, value.isMissingNode() ? "it is missing" : "it is not valid", accepted);
        }
        return checked;
    }

    Optional<String> optional(JsonNode node, String path, String key, Function<String, String> check, String accepted) {
        return node.has(key) ? Optional.ofNullable(required(node, path, key, check, accepted)) : Optional.empty();
    }

    <T> List<T> list(JsonNode node, String path, String key, Function<String, T> item, String accepted) {
        JsonNode value = node.path(key);
        List<T> items = new ArrayList<>();
        if (!value.isArray()) {
            reject(join(path, key), value, "it is not a list", "a list of " + accepted);
            return items;
        }
        for (JsonNode element : value) {
            T parsed = element.isTextual() ? item.apply(element.asText()) : null;
            if (parsed == null) {
                reject(join(path, key), element, "an item is not valid", accepted);
            } else if (items.contains(parsed)) {
                reject(join(path, key), element, "it is listed twice", "each once");
            } else {
                items.add(parsed);
            }
        }
        return List.copyOf(items);
    }

    boolean bool(JsonNode node, String key, boolean fallback) {
        JsonNode value = node.path(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            reject(key, value, "it is not a boolean", "true or false, without quotes");
            return fallback;
        }
        return value.asBoolean();
    }

    void reject(String path, JsonNode value, String reason, String accepted) {
        problems.add(prefix() + (path.isEmpty() ? "the file" : path) + " = " + (value.isMissingNode() ? "(missing)" : value.toString())
                + " is not accepted: " + reason + ". Accepted: " + accepted + ".");
    }

    String prefix() {
        return setting.variable() + "=\"" + file + "\": ";
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : "";
    }
}
