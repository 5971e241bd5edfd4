package dev.securebaseline;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preview ({@code cdktf.out/SUMMARY.md}) is true to the JSON it describes: its counts, protections and
 * costs are recounted here from the synthesized stacks, for the default app, an account per environment and
 * an organization, so that neither can drift from the other.
 */
class PreviewTest {

    private static final Map<String, Map<String, String>> LAYOUTS = new LinkedHashMap<>();

    static {
        LAYOUTS.put(Layouts.ONE_IMPLICIT_ACCOUNT, Layouts.all().get(Layouts.ONE_IMPLICIT_ACCOUNT));
        LAYOUTS.put(Layouts.THREE_ACCOUNTS, Layouts.all().get(Layouts.THREE_ACCOUNTS));
        LAYOUTS.put("an organization (second pass)", Organizations.secondPass());
    }

    private static final Pattern STACK_ROW = Pattern.compile(
            "(?m)^\\| (\\d+) \\| `([^`]+)` \\| ([^|]+) \\| ([^|]+) \\| ([^|]+) \\| (\\d+) \\| (\\d+) \\| \\$([\\d,.]+) \\|$");
    private static final Pattern COST_ROW = Pattern.compile("(?m)^\\| ([^|]+) \\| (\\d+) \\| ([^|]+) \\| \\$([\\d,.]+) \\|$");

    /** The rendered summary of a layout, and its stacks as synthesized. */
    private record Rendered(String markdown, Map<String, Synthesized> stacks) {
    }

    private static Rendered render(Map<String, String> settings) {
        Map<String, Synthesized> stacks = Synth.app(settings);
        Path outdir = stacks.values().iterator().next().directory().getParent().getParent();
        AppSettings app = AppSettings.fromEnvironment(settings);
        return new Rendered(Preview.render(Preview.entries(outdir, app, new ArrayList<>(stacks.keySet())), settings), stacks);
    }

    @Test
    void everyStackRowCountsTheResourcesAndProtectionsItsJsonHolds() {
        LAYOUTS.forEach((layout, settings) -> {
            Rendered rendered = render(settings);
            Matcher row = STACK_ROW.matcher(rendered.markdown());
            List<String> listed = new ArrayList<>();
            while (row.find()) {
                Synthesized stack = rendered.stacks().get(row.group(2));
                assertThat(stack).as("%s: the summary lists %s, which was not synthesized", layout, row.group(2)).isNotNull();
                assertThat(Integer.parseInt(row.group(6))).as("%s: resources of %s", layout, row.group(2)).isEqualTo(resources(stack.json()));
                assertThat(Integer.parseInt(row.group(7))).as("%s: protected resources of %s", layout, row.group(2))
                        .isEqualTo(protectedResources(stack.json()));
                listed.add(row.group(2));
            }
            assertThat(listed).as("%s: every stack, in deploy order", layout).containsExactlyElementsOf(rendered.stacks().keySet());
        });
    }

    @Test
    void everyResourceHasAConcernAndTheConcernsAddUpToTheStack() {
        LAYOUTS.forEach((layout, settings) -> render(settings).stacks().forEach((name, stack) -> {
            stack.json().path("resource").fieldNames().forEachRemaining(type ->
                    assertThat(Concern.of(type)).as("%s: %s.%s has no concern in the preview", layout, name, type).isNotEqualTo(Concern.OTHER));
            StackFacts facts = facts(stack, name);
            assertThat(facts.countsByConcern().values().stream().mapToInt(Integer::intValue).sum()).as("%s: %s", layout, name)
                    .isEqualTo(resources(stack.json()));
        }));
    }

    /** Each cost line's quantity is a count in the JSON; each total is the sum of its lines. */
    @Test
    void theCostLinesAreCountedFromTheJsonAndAddUp() {
        LAYOUTS.forEach((layout, settings) -> {
            Rendered rendered = render(settings);
            BigDecimal grandTotal = BigDecimal.ZERO;
            for (Map.Entry<String, Synthesized> e : rendered.stacks().entrySet()) {
                JsonNode json = e.getValue().json();
                StackFacts facts = facts(e.getValue(), e.getKey());
                StringBuilder section = new StringBuilder();
                Preview.costTable(section, facts);
                Map<String, Integer> quantities = new LinkedHashMap<>();
                BigDecimal sum = BigDecimal.ZERO;
                Matcher line = COST_ROW.matcher(section);
                while (line.find()) {
                    quantities.put(line.group(1), Integer.parseInt(line.group(2)));
                    sum = sum.add(money(line.group(4)));
                }
                String where = layout + ": " + e.getKey();
                assertThat(quantities.getOrDefault("NAT gateway", 0)).as(where).isEqualTo(json.path("resource").path("aws_nat_gateway").size());
                assertThat(quantities.getOrDefault("Elastic IP (public IPv4)", 0)).as(where).isEqualTo(json.path("resource").path("aws_eip").size());
                assertThat(quantities.getOrDefault("KMS key", 0)).as(where).isEqualTo(json.path("resource").path("aws_kms_key").size());
                int zones = 0;
                int desired = 0;
                for (JsonNode lb : json.path("resource").path("aws_lb")) {
                    zones += lb.path("subnets").size();
                }
                for (JsonNode group : json.path("resource").path("aws_autoscaling_group")) {
                    desired += group.path("desired_capacity").asInt();
                }
                assertThat(quantities.getOrDefault("load balancer public IPv4 (one per zone)", 0)).as(where).isEqualTo(zones);
                assertThat(quantities.entrySet().stream().filter(q -> q.getKey().startsWith("EC2 instance ")).mapToInt(Map.Entry::getValue).sum())
                        .as(where).isEqualTo(desired);
                assertThat(quantities.getOrDefault("CloudWatch alarm metrics", 0)).as(where)
                        .isGreaterThanOrEqualTo(json.path("resource").path("aws_cloudwatch_metric_alarm").size());
                BigDecimal total = MonthlyCost.total(MonthlyCost.lines(facts));
                assertThat(sum).as(where + ": the lines add up to the total").isEqualByComparingTo(total);
                assertThat(section.toString()).as(where).contains("Estimated monthly cost: **" + Preview.dollars(total) + "**");
                grandTotal = grandTotal.add(total);
            }
            assertThat(rendered.markdown()).as(layout).contains("an estimated **" + Preview.dollars(grandTotal) + " a month**");
        });
    }

    /** Prod's fourth alarm (blocked requests) and its web ACL are billed; dev has neither. */
    @Test
    void prodPaysForItsFirewallAndItsFourthAlarmDevDoesNot() {
        Rendered rendered = render(Map.of());
        StringBuilder prod = new StringBuilder();
        Preview.costTable(prod, facts(rendered.stacks().get("baseline-prod"), "baseline-prod"));
        StringBuilder dev = new StringBuilder();
        Preview.costTable(dev, facts(rendered.stacks().get("baseline-dev"), "baseline-dev"));
        assertThat(prod.toString()).contains("| AWS WAF web ACL | 1 |").contains("| CloudWatch alarm metrics | 5 |")
                .contains("| NAT gateway | 3 |");
        assertThat(dev.toString()).doesNotContain("AWS WAF").contains("| CloudWatch alarm metrics | 4 |").contains("| NAT gateway | 1 |");
    }

    @Test
    void theDiagramsShowEveryStackOnceAndTheEnvironmentAsSynthesized() {
        LAYOUTS.forEach((layout, settings) -> {
            Rendered rendered = render(settings);
            String layoutDiagram = rendered.markdown().substring(rendered.markdown().indexOf("```mermaid\nflowchart LR"));
            layoutDiagram = layoutDiagram.substring(0, layoutDiagram.indexOf("```\n", 10));
            for (String stack : rendered.stacks().keySet()) {
                assertThat(Pattern.compile("\\[\"" + Pattern.quote(stack) + "<br/>").matcher(layoutDiagram).results().count())
                        .as("%s: %s appears once in the layout diagram", layout, stack).isEqualTo(1);
            }
            Matcher edge = Pattern.compile("s(\\d+) --> s(\\d+)").matcher(layoutDiagram);
            int edges = 0;
            while (edge.find()) {
                assertThat(Integer.parseInt(edge.group(1))).as(layout).isLessThan(Integer.parseInt(edge.group(2)));
                edges++;
            }
            assertThat(edges).as("%s: every stack but the first deploys after another", layout).isEqualTo(rendered.stacks().size() - 1);
        });
        Rendered defaults = render(Map.of());
        JsonNode prod = defaults.stacks().get("baseline-prod").json();
        assertThat(defaults.markdown()).contains("## One environment: baseline-prod")
                .contains("VPC " + prod.path("resource").path("aws_vpc").path("main").path("cidr_block").asText())
                .contains(prod.path("resource").path("aws_nat_gateway").size() + " NAT gateways, one per zone")
                .contains("internet --> waf --> alb");
    }

    /** An instance type the price table does not know is a line without a price, and the estimate says it leaves it out. */
    @Test
    void anInstanceTypeWithoutAPriceIsShownAndLeftOutOfTheEstimate() {
        JsonNode json = Synthesized.parseJson("""
                {"resource": {
                  "aws_launch_template": {"app": {"instance_type": "m8g.large",
                    "block_device_mappings": [{"ebs": {"volume_size": 10}}], "monitoring": {"enabled": false}}},
                  "aws_autoscaling_group": {"app": {"desired_capacity": 2, "launch_template": {"id": "${aws_launch_template.app.id}"}}},
                  "aws_kms_key": {"main": {}}}}
                """);
        StackFacts stack = new StackFacts("baseline-dev", json, java.util.Optional.empty(), List.of("us-east-1"),
                Map.of("aws_launch_template", 1, "aws_autoscaling_group", 1, "aws_kms_key", 1), List.of());
        StringBuilder section = new StringBuilder();
        Preview.costTable(section, stack);
        assertThat(section.toString())
                .contains("Estimated monthly cost: **$2.60** without 1 item the price table does not know")
                .contains("| EC2 instance m8g.large | 2 | not in the price table: see EC2 pricing | not estimated |")
                .contains("| EBS gp3 root volume, GB | 20 | $0.08/GB-month | $1.60 |")
                .doesNotContain("detailed monitoring");
    }

    /** Mermaid's own parser reads every picture of every layout as a flowchart; a broken one it refuses. */
    @Test
    void everyDiagramParsesWithMermaidsOwnParser() {
        Map<String, String> diagrams = new LinkedHashMap<>();
        LAYOUTS.forEach((layout, settings) -> {
            List<String> blocks = MermaidParser.blocks(render(settings).markdown());
            assertThat(blocks).as("%s: the layout and one environment", layout).hasSize(2);
            for (int i = 0; i < blocks.size(); i++) {
                diagrams.put(layout + " #" + (i + 1), blocks.get(i));
            }
        });
        String layout = diagrams.values().iterator().next();
        diagrams.put("a label with an unescaped quote (must be refused)", layout.replaceFirst("<br/>", "\"<br/>"));
        Map<String, String> parsed = MermaidParser.parse(diagrams);
        parsed.forEach((id, type) -> {
            if (id.startsWith("a label with")) {
                assertThat(type).as(id).startsWith("error: ");
            } else {
                assertThat(type).as(id).isEqualTo("flowchart-v2");
            }
        });
        assertThat(parsed).hasSize(diagrams.size());
    }

    @Test
    void theSettingsGivenAreListedWithTheDefaultsTheyReplace() {
        String given = render(LAYOUTS.get(Layouts.THREE_ACCOUNTS)).markdown();
        assertThat(given).contains("| `BASELINE_PROD_ACCOUNT_ID` | `" + Layouts.PROD_ACCOUNT + "` | (none) |")
                .contains("| `BASELINE_DEV_ACCOUNT_ID` | `" + Layouts.DEV_ACCOUNT + "` | (none) |");
        assertThat(render(Map.of()).markdown()).contains("None: every setting has its default.");
    }

    /** docs/costs.md shows the default app's estimate: it is the one the synth computes. */
    @Test
    void theCostPageShowsWhatTheSynthComputesForTheDefaults() throws IOException {
        String page = Files.readString(Path.of("docs", "costs.md"));
        Rendered rendered = render(Map.of());
        for (Map.Entry<String, Synthesized> e : rendered.stacks().entrySet()) {
            StringBuilder table = new StringBuilder();
            Preview.costTable(table, facts(e.getValue(), e.getKey()));
            assertThat(page).as("docs/costs.md shows the estimate of %s as the synth writes it", e.getKey()).contains(table.toString().strip());
        }
    }

    private static StackFacts facts(Synthesized stack, String name) {
        return StackFacts.read(stack.directory().getParent().getParent(), name);
    }

    private static int resources(JsonNode json) {
        int count = 0;
        for (JsonNode byName : json.path("resource")) {
            count += byName.size();
        }
        return count;
    }

    private static int protectedResources(JsonNode json) {
        int count = 0;
        for (JsonNode byName : json.path("resource")) {
            for (JsonNode resource : byName) {
                count += resource.path("lifecycle").path("prevent_destroy").asBoolean(false) ? 1 : 0;
            }
        }
        return count;
    }

    private static BigDecimal money(String text) {
        return new BigDecimal(text.replace(",", ""));
    }
}
