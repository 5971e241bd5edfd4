package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.securebaseline.tf.AwsProvider;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code terraform validate} for every synthesized stack at the price of one: the AWS provider's schema, which every
 * Terraform command loads anew (the expensive part of each), loads once for all of them.
 *
 * <p>One throwaway root holds each stack as a module. What Terraform accepts only in a root is moved there, unchanged but
 * for its addresses: a stack's {@code import} blocks (their targets prefixed with the module; the lookups their
 * {@code for_each} and {@code id} read copied beside them), and its provider configurations, one of each distinct shape, each used by a
 * lookup so that Terraform validates it (an unused provider configuration is not). Inside the module, every aliased
 * provider the stack's resources name is passed the root's one provider, so that one provider process serves them all.
 * Every resource, data source, variable, output, lifecycle rule and import block of every stack is validated, and every
 * provider configuration as a shape.
 *
 * <p>A stack that is another's up to the account it is pinned to, its account's label, the deployment ids in its names (the
 * account stacks of the layouts and of an organization, one per account) and its project name is validated once, the first
 * one given: the schema accepts one 12-digit account id, or one name, exactly as it accepts another, and a name that fits
 * AWS's limits at its longest fits them shorter (so the longest-name layouts come first and stand for the others).
 */
public final class SchemaCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA_REFERENCE = Pattern.compile("data\\.([a-z0-9_]+)\\.([a-zA-Z0-9_-]+)");
    /** A deployment id in a name, {@code <base>-<id>-<role>} ({@link Naming#unique}): six hexadecimal digits between hyphens. */
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("(?<=-)[0-9a-f]{6}(?=-)");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\b[0-9]{12}\\b");
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("var\\.([a-z0-9_]+)");

    private SchemaCheck() {
    }

    /** One diagnostic, with the stack (its label) it was reported in. */
    public record Diagnostic(String module, String severity, String summary, String detail, String location) {
        @Override
        public String toString() {
            return severity + ": " + summary + " – " + detail + " @ " + location;
        }
    }

    /** Validates every stack; returns the diagnostics of each, keyed by label (empty list: valid, no warnings). */
    public static Map<String, List<Diagnostic>> validate(Path root, Map<String, Synthesized> stacks) {
        Map<String, List<Diagnostic>> byLabel = new LinkedHashMap<>();
        Map<String, String> sameAs = new LinkedHashMap<>();
        Map<String, String> labelOfFile = new LinkedHashMap<>();
        Map<String, Set<String>> labelsOfShape = new LinkedHashMap<>();
        try {
            Synth.deleteRecursively(root);
            Files.createDirectories(root);
            Map<String, String> labelByContent = new LinkedHashMap<>();
            Map<String, String> fileOfShape = new LinkedHashMap<>();
            for (Map.Entry<String, Synthesized> entry : stacks.entrySet()) {
                String label = entry.getKey();
                byLabel.put(label, new ArrayList<>());
                String content = Files.readString(entry.getValue().directory().resolve("cdk.tf.json"));
                String first = labelByContent.putIfAbsent(withoutItsAccount(content, entry.getValue()), label);
                if (first != null) {
                    sameAs.put(label, first);
                    continue;
                }
                String module = "m_" + folder(label);
                ObjectNode json = (ObjectNode) JSON.readTree(content);
                List<String> aliases = providersOf(json, label, fileOfShape, labelsOfShape, root);
                ObjectNode inRoot = rootPartOf(json, module);
                asModule(json, aliases);
                Files.createDirectories(root.resolve(module));
                Files.writeString(root.resolve(module).resolve("cdk.tf.json"), JSON.writeValueAsString(json));
                ObjectNode call = JSON.createObjectNode();
                ObjectNode body = call.putObject("module").putObject(module).put("source", "./" + module);
                ObjectNode providers = body.putObject("providers").put("aws", "aws");
                aliases.forEach(alias -> providers.put("aws." + alias, "aws"));
                call.setAll(inRoot);
                Files.writeString(root.resolve(module + ".tf.json"), JSON.writeValueAsString(call));
                labelOfFile.put(module + "/", label);
                labelOfFile.put(module + ".tf.json", label);
            }
            labelsOfShape.forEach((file, labels) -> labelOfFile.putIfAbsent(file, labels.iterator().next()));
            Files.writeString(root.resolve("main.tf.json"), JSON.writeValueAsString(Tf.map(
                    "terraform", Tf.map("required_providers", Tf.map("aws", Tf.map("source", "hashicorp/aws", "version", AwsProvider.VERSION))),
                    "provider", Tf.map("aws", List.of(Tf.map("region", "us-east-1"))))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        TerraformCli.Result validate = ToolRuns.reuseOrRun("schema-check", TerraformCli.inputs("schema-check", root, TerraformCli.VALIDATE).code(SchemaCheck.class),
                TerraformCli.Result.class, () -> {
                    TerraformCli.Result init = TerraformCli.init(root);
                    assertThat(init.succeeded()).as("terraform init:\n%s", init.report()).isTrue();
                    return TerraformCli.validateOnSharedProvider(root);
                }, SchemaCheck::ranToItsEnd);
        assertThat(validate.stdout()).as("terraform validate -json printed nothing:\n%s", validate.report()).isNotBlank();

        for (JsonNode d : Synthesized.parseJson(validate.stdout()).path("diagnostics")) {
            String file = d.path("range").path("filename").asText("");
            List<String> labels = labelsOf(file, labelOfFile, labelsOfShape);
            if (labels.isEmpty()) {
                throw new AssertionError("diagnostic outside every stack: " + d);
            }
            for (String label : labels) {
                byLabel.get(label).add(new Diagnostic(label, d.path("severity").asText(), d.path("summary").asText(),
                        d.path("detail").asText(), file + ":" + d.path("range").path("start").path("line").asText()
                        + " (" + d.path("snippet").path("context").asText("") + ")"));
            }
        }
        sameAs.forEach((label, first) -> byLabel.put(label, byLabel.get(first)));
        return byLabel;
    }

    /**
     * Terraform validated every file: a verdict, and every diagnostic in a file of the root. A diagnostic without a file (a
     * provider that crashed, a schema that did not load) is not a verdict on the stacks, and is never saved for reuse.
     */
    private static boolean ranToItsEnd(TerraformCli.Result validate) {
        if (!validate.stdout().contains("\"valid\"")) {
            return false;
        }
        for (JsonNode d : Synthesized.parseJson(validate.stdout()).path("diagnostics")) {
            if (d.path("range").path("filename").asText("").isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> labelsOf(String file, Map<String, String> labelOfFile, Map<String, Set<String>> labelsOfShape) {
        if (labelsOfShape.containsKey(file)) {
            return List.copyOf(labelsOfShape.get(file));
        }
        return labelOfFile.entrySet().stream().filter(e -> file.startsWith(e.getKey())).map(Map.Entry::getValue).distinct().toList();
    }

    /**
     * The stack's provider configurations: each distinct shape (its alias dropped, the account ids it names made one) written
     * once to {@code provider_<n>.tf.json} with a lookup that uses it; returns the aliases the stack's resources name.
     */
    private static List<String> providersOf(ObjectNode json, String label, Map<String, String> fileOfShape, Map<String, Set<String>> labelsOfShape,
                                            Path root) throws IOException {
        List<String> aliases = new ArrayList<>();
        for (JsonNode provider : json.path("provider").path("aws")) {
            ObjectNode shape = provider.deepCopy();
            if (shape.has("alias")) {
                aliases.add(shape.remove("alias").asText());
            }
            shape.put("region", "us-east-1");
            String key = ACCOUNT_ID.matcher(JSON.writeValueAsString(shape)).replaceAll("123456789012");
            String file = fileOfShape.get(key);
            if (file == null) {
                file = "provider_" + (fileOfShape.size() + 1) + ".tf.json";
                fileOfShape.put(key, file);
                String alias = "shape_" + fileOfShape.size();
                // A variable the configuration reads (the deploy role's) moves with it, renamed for the shape.
                Map<String, Object> variables = new LinkedHashMap<>();
                Matcher read = VARIABLE_REFERENCE.matcher(key);
                StringBuilder renamed = new StringBuilder();
                while (read.find()) {
                    String name = read.group(1) + "__" + alias;
                    String declaration = JSON.writeValueAsString(json.path("variable").path(read.group(1)));
                    variables.put(name, JSON.readTree(declaration.replace("var." + read.group(1), "var." + name)));
                    read.appendReplacement(renamed, Matcher.quoteReplacement("var." + name));
                }
                read.appendTail(renamed);
                ObjectNode config = (ObjectNode) JSON.readTree(renamed.toString());
                config.put("alias", alias);
                Map<String, Object> contents = Tf.map(
                        "provider", Tf.map("aws", List.of(config)),
                        "data", Tf.map("aws_partition", Tf.map(alias, Tf.map("provider", "aws." + alias))));
                if (!variables.isEmpty()) {
                    contents.put("variable", variables);
                }
                Files.writeString(root.resolve(file), JSON.writeValueAsString(contents));
            }
            labelsOfShape.computeIfAbsent(file, f -> new LinkedHashSet<>()).add(label);
        }
        return aliases;
    }

    /**
     * What moves to the root: the stack's import blocks, their targets inside the module, the provider left to the target's;
     * the lookups a {@code for_each} reads, copied under the module's name. Removed from the stack.
     */
    private static ObjectNode rootPartOf(ObjectNode json, String module) {
        ObjectNode root = JSON.createObjectNode();
        JsonNode imports = json.remove("import");
        if (imports == null) {
            return root;
        }
        ArrayNode moved = root.putArray("import");
        ObjectNode data = JSON.createObjectNode();
        for (JsonNode block : imports) {
            ObjectNode copy = block.deepCopy();
            copy.remove("provider");
            copy.put("to", "module." + module + "." + copy.path("to").asText());
            for (String field : List.of("for_each", "id")) {
                if (!copy.has(field)) {
                    continue;
                }
                Matcher m = DATA_REFERENCE.matcher(copy.path(field).asText());
                StringBuilder rewritten = new StringBuilder();
                while (m.find()) {
                    ObjectNode lookup = json.path("data").path(m.group(1)).path(m.group(2)).deepCopy();
                    lookup.remove("provider");
                    ((ObjectNode) data.with(m.group(1))).set(module + "__" + m.group(2), lookup);
                    m.appendReplacement(rewritten, Matcher.quoteReplacement("data." + m.group(1) + "." + module + "__" + m.group(2)));
                }
                m.appendTail(rewritten);
                copy.put(field, rewritten.toString());
            }
            moved.add(copy);
        }
        if (!data.isEmpty()) {
            root.set("data", data);
        }
        return root;
    }

    /** The stack as a module: no provider configuration, no backend, each alias it names declared to be passed in. */
    private static void asModule(ObjectNode json, List<String> aliases) {
        json.remove("provider");
        ObjectNode terraform = (ObjectNode) json.path("terraform");
        terraform.remove("backend");
        ArrayNode declared = ((ObjectNode) terraform.path("required_providers").path("aws")).putArray("configuration_aliases");
        aliases.forEach(alias -> declared.add("aws." + alias));
    }

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
        // The project as a whole word, and "baseline" too: the default project's name is also a word of some names and texts.
        normalized = Pattern.compile("(?<![A-Za-z0-9])(" + Pattern.quote(projectOf(stack)) + "|baseline)(?![A-Za-z0-9])").matcher(normalized)
                .replaceAll("<project>");
        return DEPLOYMENT_ID.matcher(normalized).replaceAll("<id>");
    }

    /** The project name: what the stack's own name starts with, before its first hyphen. */
    private static String projectOf(Synthesized stack) {
        String name = stack.directory().getFileName().toString();
        return name.substring(0, name.indexOf('-'));
    }

    private static String folder(String label) {
        return label.replaceAll("[^A-Za-z0-9]+", "_");
    }
}
