package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.settings.AccountSettings;
import dev.securebaseline.settings.AwsRegions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/** What the checks ask of a synthesized stack: companions, regions, states, statements, open ports. */
final class StackQueries {

    private StackQueries() {
    }

    /** Does the account stack run this service itself? */
    static boolean runs(Synthesized stack, java.util.function.Predicate<AccountSettings> manages) {
        return manages.test(stack.account().settings());
    }

    /** The region's resource of this type has the attribute in one of these states; else its address fails. */
    static List<String> inState(Synthesized stack, String type, String region, String attribute, Set<String> states) {
        String alias = AwsRegions.alias(region);
        return stack.hasResource(type, alias) && states.contains(stack.resource(type, alias).path(attribute).asText())
                ? List.of() : List.of(type + "." + alias);
    }

    // ------------------------------------------------------------------ helpers

    /** The web ACL an association attaches. */
    static java.util.Optional<JsonNode> webAclOf(Synthesized stack, JsonNode association) {
        String arn = association.path("web_acl_arn").asText();
        return stack.resources("aws_wafv2_web_acl").entrySet().stream()
                .filter(acl -> arn.equals("${aws_wafv2_web_acl." + acl.getKey() + ".arn}")).map(Map.Entry::getValue).findFirst();
    }

    static List<String> managedGroups(JsonNode acl) {
        return StreamSupport.stream(acl.path("rule").spliterator(), false)
                .map(rule -> rule.path("statement").path("managed_rule_group_statement").path("name").asText()).toList();
    }

    /** The recorder a recorder status starts, by name and provider (they share both). */
    static java.util.Optional<JsonNode> recorderOf(Synthesized stack, JsonNode status) {
        return stack.resources("aws_config_configuration_recorder").values().stream()
                .filter(r -> r.path("provider").asText().equals(status.path("provider").asText())
                        && status.path("name").asText().equals("${aws_config_configuration_recorder." + r.path("provider").asText().substring(4) + ".name}"))
                .findFirst();
    }

    /** An inbound allow from 0.0.0.0/0 or ::/0 whose protocol and ports reach the port. */
    static boolean aclAdmitsTheInternetTo(JsonNode rule, int port) {
        boolean fromAnywhere = rule.path("cidr_block").asText().equals("0.0.0.0/0") || rule.path("ipv6_cidr_block").asText().equals("::/0");
        boolean allowsIn = rule.path("rule_action").asText().equals("allow") && !rule.path("egress").asBoolean(false);
        boolean reaches = rule.path("protocol").asText().equals("-1")
                || (rule.path("from_port").asInt(-1) <= port && port <= rule.path("to_port").asInt(-1));
        return fromAnywhere && allowsIn && reaches;
    }

    /** The account baseline's guardrail regions, as the stack that carries it lists them (home first). */
    static List<String> guardrailRegions(Synthesized stack) {
        List<String> regions = new ArrayList<>();
        stack.output("guardrail_regions").path("value").forEach(region -> regions.add(region.asText()));
        return regions;
    }

    static List<String> inEveryRegion(Synthesized stack, java.util.function.Function<String, List<String>> failuresIn) {
        return guardrailRegions(stack).stream().flatMap(region -> failuresIn.apply(region).stream()).toList();
    }

    static List<String> missing(Synthesized stack, String region, String... types) {
        return java.util.Arrays.stream(types).map(type -> type + "." + AwsRegions.alias(region))
                .filter(address -> !stack.hasResource(address.substring(0, address.indexOf('.')), AwsRegions.alias(region)))
                .toList();
    }

    /** Resources of {@code type} whose {@code attribute} references {@code address} (any attribute of it). */
    static List<JsonNode> companions(Synthesized stack, String type, String attribute, String address) {
        return stack.resources(type).values().stream()
                .filter(r -> r.path(attribute).asText().startsWith("${" + address + "."))
                .toList();
    }

    static Map<String, JsonNode> dataSources(Synthesized stack, String type) {
        Map<String, JsonNode> found = new java.util.LinkedHashMap<>();
        stack.json().path("data").path(type).properties().forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    static JsonNode first(JsonNode node) {
        return node.isArray() ? node.path(0) : node;
    }

    static String type(String address) {
        return address.substring(0, address.indexOf('.'));
    }

    static String name(String address) {
        return address.substring(address.indexOf('.') + 1);
    }

    static boolean isAllow(JsonNode statement) {
        return statement.path("Effect").asText().equals("Allow");
    }

    static boolean grantsToAnyone(JsonNode statement) {
        JsonNode principal = statement.path("Principal");
        return principal.asText().equals("*") || Synthesized.texts(principal.path("AWS")).contains("*");
    }

    static boolean noStatement(JsonNode policy, java.util.function.Predicate<JsonNode> bad) {
        return StreamSupport.stream(policy.path("Statement").spliterator(), false).noneMatch(bad);
    }

    static boolean anyStatement(JsonNode policy, java.util.function.Predicate<JsonNode> good) {
        return StreamSupport.stream(policy.path("Statement").spliterator(), false).anyMatch(good);
    }

    static boolean openToWorld(JsonNode rule) {
        return rule.path("cidr_ipv4").asText().equals("0.0.0.0/0") || rule.path("cidr_ipv6").asText().equals("::/0");
    }

    static boolean coversPort(JsonNode rule, int port) {
        if (rule.path("ip_protocol").asText().equals("-1")) {
            return true;
        }
        return rule.path("from_port").asInt(-1) <= port && port <= rule.path("to_port").asInt(-1);
    }

    static boolean redirectsToHttps(JsonNode listener) {
        JsonNode action = first(listener.path("default_action"));
        return action.path("type").asText().equals("redirect") && first(action.path("redirect")).path("protocol").asText().equals("HTTPS");
    }

    /** A number, or a {@code ${var.x}} whose default is one, as checkov resolves variables. */
    static int resolveNumber(Synthesized stack, JsonNode value) {
        String text = value.asText();
        if (text.matches("\\$\\{var\\.[a-z_]+}")) {
            return stack.variable(text.substring(6, text.length() - 1)).path("default").asInt(0);
        }
        return value.asInt(0);
    }
}
