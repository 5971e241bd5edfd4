package dev.securebaseline.preview;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.NodeHelpers;
import dev.securebaseline.tf.Tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Mermaid's own parser ({@code src/test/node/mermaid-check.mjs}, the {@code mermaid} package code hosts render
 * with): a diagram it refuses is a picture nobody sees.
 */
final class MermaidParser {

    private static final Pattern BLOCK = Pattern.compile("(?s)```mermaid\n(.*?)```");

    private MermaidParser() {
    }

    /** The Mermaid blocks of a Markdown text, in order. */
    static List<String> blocks(String markdown) {
        return BLOCK.matcher(markdown).results().map(block -> block.group(1)).toList();
    }

    /** Parses each diagram (by id) in one Node process: id → the diagram type, or "error: …". */
    static Map<String, String> parse(Map<String, String> diagrams) {
        List<Map<String, Object>> batch = new ArrayList<>();
        diagrams.forEach((id, text) -> batch.add(Tf.map("id", id, "text", text)));
        JsonNode parsed = NodeHelpers.check("mermaid-check.mjs", "mermaid", batch);
        Map<String, String> results = new LinkedHashMap<>();
        for (JsonNode result : parsed) {
            results.put(result.path("id").asText(), result.has("error") ? "error: " + result.path("error").asText() : result.path("type").asText());
        }
        return results;
    }
}
