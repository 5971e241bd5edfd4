package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.securebaseline.guardrails.SecurityExceptions;
import dev.securebaseline.settings.Account;
import dev.securebaseline.settings.BaselineSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One synthesized stack: an environment's (settings and account), an account's (account only) or the
 * bootstrap's (neither), its folder and its parsed {@code cdk.tf.json}, with readable lookups.
 */
public record Synthesized(BaselineSettings settings, Account account, Path directory, JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([^}]*)}");

    /** The body of {@code resource.<type>.<name>}; fails naming the address when it is missing. */
    public JsonNode resource(String type, String name) {
        JsonNode node = json.path("resource").path(type).path(name);
        assertThat(node.isMissingNode()).as("resource %s.%s exists", type, name).isFalse();
        return node;
    }

    public boolean hasResource(String type, String name) {
        return !json.path("resource").path(type).path(name).isMissingNode();
    }

    /** All resources of a type, by name; empty when there are none. */
    public Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        json.path("resource").path(type).properties().forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    /** Every resource address in the stack, e.g. {@code aws_vpc.main}. */
    public List<String> addresses() {
        List<String> addresses = new ArrayList<>();
        json.path("resource").properties().forEach(type ->
                type.getValue().fieldNames().forEachRemaining(name -> addresses.add(type.getKey() + "." + name)));
        return addresses;
    }

    public JsonNode data(String type, String name) {
        JsonNode node = json.path("data").path(type).path(name);
        assertThat(node.isMissingNode()).as("data %s.%s exists", type, name).isFalse();
        return node;
    }

    public JsonNode variable(String name) {
        JsonNode node = json.path("variable").path(name);
        assertThat(node.isMissingNode()).as("variable %s exists", name).isFalse();
        return node;
    }

    /**
     * The first role a provider assumes, with {@code var.deploy_role_arn} read as its default (the role a hand deploy assumes);
     * empty text when it assumes none.
     */
    public String deployRole(JsonNode provider) {
        String role = provider.path("assume_role").path(0).path("role_arn").asText("");
        return role.equals("${var.deploy_role_arn}") ? variable("deploy_role_arn").path("default").asText() : role;
    }

    /** {@link #deployRole(JsonNode)} of the default provider. */
    public String deployRole() {
        return deployRole(json.path("provider").path("aws").path(0));
    }

    public JsonNode output(String name) {
        JsonNode node = json.path("output").path(name);
        assertThat(node.isMissingNode()).as("output %s exists", name).isFalse();
        return node;
    }

    /** A policy attribute (a JSON string) parsed into a tree. */
    public JsonNode policy(String type, String name, String attribute) {
        return parseJson(resource(type, name).path(attribute).asText());
    }

    /** The statement with this Sid in a policy attribute. */
    public JsonNode statement(String type, String name, String attribute, String sid) {
        for (JsonNode statement : policy(type, name, attribute).path("Statement")) {
            if (sid.equals(statement.path("Sid").asText())) {
                return statement;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + type + "." + name + "." + attribute);
    }

    /** {@code ${aws_vpc.main.id}} for comparisons. */
    public static String ref(String address, String attribute) {
        return "${" + address + "." + attribute + "}";
    }

    /** The expressions interpolated in a string, e.g. {@code aws_vpc.main.id}. */
    static List<String> interpolations(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = INTERPOLATION.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    public static JsonNode parseJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** Is this an account stack? */
    boolean isAccountStack() {
        return settings == null && account != null;
    }

    /** What the security exceptions' conditions look at. */
    public SecurityExceptions.Stack context() {
        return new SecurityExceptions.Stack(settings, isAccountStack() ? java.util.Optional.of(account.settings()) : java.util.Optional.empty(),
                hasResource("aws_cloudtrail", "organization"), hasResource("aws_iam_role", "apply") && hasResource("aws_iam_role", "plan"),
                hasResource("aws_iam_role", "break_glass"));
    }

    /** A copy whose JSON {@code breakIt} has changed: a deliberately broken stack for the policy checks to catch. */
    public Synthesized broken(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> breakIt) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = json.deepCopy();
        breakIt.accept(copy);
        return new Synthesized(settings, account, directory, copy);
    }

    /** The whole stack as text, for "appears nowhere" checks. */
    public String text() {
        return json.toString();
    }

    /** The texts of a JSON array, or of a single value written where a list may stand; none for a missing node. */
    public static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }
}
