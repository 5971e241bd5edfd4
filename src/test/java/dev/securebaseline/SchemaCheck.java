package dev.securebaseline;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code terraform validate} for many synthesized stacks at the price of one: each stack becomes a
 * module of a throwaway root, so the AWS provider schema (the slow part) is loaded once.
 *
 * <p>Validation of a module is the validation of the same configuration as a root, with one
 * exception the harness filters out: Terraform warns that a backend block in a module is ignored. A stack
 * with {@code import} blocks, which Terraform accepts only in a root module, is validated as a root of its own.
 *
 * <p>A stack that is another's up to the account it is pinned to and its account's label (the account stacks of
 * the layouts and of an organization, one per account; an environment in another layout) is validated once: the schema accepts one 12-digit account id,
 * or one name, exactly as it accepts another.
 */
final class SchemaCheck {

    private static final String IGNORED_BACKEND = "Backend configuration ignored";

    private SchemaCheck() {
    }

    /** One diagnostic, with the module (the stack's label) it was reported in. */
    record Diagnostic(String module, String severity, String summary, String detail, String location) {
        @Override
        public String toString() {
            return severity + ": " + summary + " – " + detail + " @ " + location;
        }
    }

    /** Validates every stack; returns the diagnostics of each, keyed by label (empty list: valid, no warnings). */
    static Map<String, List<Diagnostic>> validate(Path root, Map<String, Synthesized> stacks) {
        Map<String, List<Diagnostic>> byModule = new LinkedHashMap<>();
        // A stack byte for byte like an earlier one (the same bootstrap in several layouts) is validated once.
        Map<String, String> sameAs = new LinkedHashMap<>();
        Map<String, Path> roots = new LinkedHashMap<>();
        try {
            Synth.deleteRecursively(root);
            Files.createDirectories(root);
            Map<String, Object> modules = new LinkedHashMap<>();
            Map<String, String> labelByContent = new LinkedHashMap<>();
            for (Map.Entry<String, Synthesized> entry : stacks.entrySet()) {
                byModule.put(entry.getKey(), new ArrayList<>());
                String content = Files.readString(entry.getValue().directory().resolve("cdk.tf.json"));
                String first = labelByContent.putIfAbsent(withoutItsAccount(content, entry.getValue()), entry.getKey());
                if (first != null) {
                    sameAs.put(entry.getKey(), first);
                    continue;
                }
                if (entry.getValue().json().has("import")) {
                    Path own = root.resolve("root_" + folder(entry.getKey()));
                    Files.createDirectories(own);
                    Files.writeString(own.resolve("cdk.tf.json"), content);
                    roots.put(entry.getKey(), own);
                    continue;
                }
                String folder = folder(entry.getKey());
                Files.createDirectories(root.resolve(folder));
                Files.writeString(root.resolve(folder).resolve("cdk.tf.json"), content);
                modules.put(folder, Tf.map("source", "./" + folder));
            }
            Files.writeString(root.resolve("main.tf.json"),
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Tf.map("module", modules)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        TerraformCli.Result init = TerraformCli.init(root);
        assertThat(init.succeeded()).as("terraform init:\n%s", init.report()).isTrue();
        TerraformCli.Result validate = TerraformCli.validate(root);
        assertThat(validate.stdout()).as("terraform validate -json printed nothing:\n%s", validate.report()).isNotBlank();

        JsonNode verdict = Synthesized.parseJson(validate.stdout());
        for (JsonNode d : verdict.path("diagnostics")) {
            if (IGNORED_BACKEND.equals(d.path("summary").asText())) {
                continue;
            }
            String file = d.path("range").path("filename").asText("");
            String label = stacks.keySet().stream().filter(l -> !sameAs.containsKey(l) && file.startsWith(folder(l) + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError("diagnostic outside every stack: " + d));
            byModule.get(label).add(new Diagnostic(label, d.path("severity").asText(), d.path("summary").asText(),
                    d.path("detail").asText(), file + ":" + d.path("range").path("start").path("line").asText()
                    + " (" + d.path("snippet").path("context").asText("") + ")"));
        }
        roots.forEach((label, dir) -> byModule.put(label, validateRoot(label, dir)));
        sameAs.forEach((label, first) -> byModule.put(label, byModule.get(first)));
        return byModule;
    }

    /** A stack validated as the root module it is when deployed; a failed init is a diagnostic too. */
    private static List<Diagnostic> validateRoot(String label, Path dir) {
        TerraformCli.Result init = TerraformCli.init(dir);
        if (!init.succeeded()) {
            return List.of(new Diagnostic(label, "error", "terraform init failed", init.report(), dir.toString()));
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (JsonNode d : Synthesized.parseJson(TerraformCli.validate(dir).stdout()).path("diagnostics")) {
            diagnostics.add(new Diagnostic(label, d.path("severity").asText(), d.path("summary").asText(), d.path("detail").asText(),
                    d.path("range").path("filename").asText("") + ":" + d.path("range").path("start").path("line").asText()));
        }
        return diagnostics;
    }

    /** A deployment id in a name, {@code <base>-<id>-<role>} ({@link Naming#unique}): six hexadecimal digits between hyphens. */
    private static final java.util.regex.Pattern DEPLOYMENT_ID = java.util.regex.Pattern.compile("(?<=-)[0-9a-f]{6}(?=-)");

    /**
     * The stack's text with the account ids its providers are pinned to, the label of an account stack and the deployment
     * ids in its names (which follow the account) replaced by placeholders: all are names (strings the schema takes whatever
     * their value), not structure.
     */
    private static String withoutItsAccount(String content, Synthesized stack) {
        String normalized = content;
        for (JsonNode provider : stack.json().path("provider").path("aws")) {
            for (JsonNode id : provider.path("allowed_account_ids")) {
                normalized = normalized.replace(id.asText(), "<account>");
            }
        }
        if (stack.account() != null) {
            normalized = normalized.replace("account-" + stack.account().label(), "account-<label>")
                    .replace("account/" + stack.account().label() + "/", "account/<label>/");
        }
        return DEPLOYMENT_ID.matcher(normalized).replaceAll("<id>");
    }

    private static String folder(String label) {
        return label.replaceAll("[^A-Za-z0-9]+", "_");
    }
}
