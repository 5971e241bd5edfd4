package dev.securebaseline.preview;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
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
        LAYOUTS.put("an organization", Organizations.example());
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

    /** A stack that reads another's state says which, and names every resource that waits for it (counted on what it reads). */
    @Test
    void aStackThatReadsTheLogArchivesStateSaysSoAndNamesWhatWaits() {
        Rendered rendered = render(Organizations.example());
        String org = section(rendered.markdown(), "baseline-org");
        assertThat(org).contains("Reads the state of `baseline-log-archive`. Until `baseline-log-archive` is deployed, a plan leaves out "
                + "`aws_cloudtrail.organization` and warns why.");
        String member = section(rendered.markdown(), "baseline-account-shared");
        List<String> waiting = new ArrayList<>();
        rendered.stacks().get("baseline-account-shared").json().path("resource").properties().forEach(type -> type.getValue().properties()
                .forEach(r -> {
                    if (r.getValue().has("count") && r.getValue().path("count").asText().contains("local.log_archive")) {
                        waiting.add("`" + type.getKey() + "." + r.getKey() + "`");
                    }
                }));
        assertThat(waiting).hasSize(4);
        assertThat(member).contains("Reads the state of `baseline-log-archive`").contains(waiting);
        assertThat(section(rendered.markdown(), "baseline-security")).doesNotContain("Reads the state");
    }

    /** Each of the organization's own stacks is labelled for what it holds, whatever order the stacks deploy in. */
    @Test
    void theOrganizationsOwnStacksAreLabelledForWhatTheyHold() {
        Matcher row = STACK_ROW.matcher(render(Organizations.example()).markdown());
        Map<String, String> roles = new LinkedHashMap<>();
        while (row.find()) {
            roles.put(row.group(2), row.group(3).trim());
        }
        assertThat(roles).containsEntry("baseline-log-archive", "log archive").containsEntry("baseline-org", "organization management")
                .containsEntry("baseline-security", "security tooling");
    }

    /** The "### n. <stack>" section of the summary. */
    private static String section(String markdown, String stack) {
        int start = markdown.indexOf(". " + stack + " (");
        assertThat(start).as("a section for " + stack).isPositive();
        int end = markdown.indexOf("\n### ", start);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
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

    /**
     * The accounts picture holds each stack once, inside its account's box, and no arrow that could cross a box; the order
     * picture puts each stack one wave after the stack it deploys after, and joins waves only.
     */
    @Test
    void theDiagramsShowEveryStackOnceInItsAccountAndItsWaveAndTheEnvironmentAsSynthesized() {
        LAYOUTS.forEach((layout, settings) -> {
            Rendered rendered = render(settings);
            Path outdir = rendered.stacks().values().iterator().next().directory().getParent().getParent();
            List<Preview.Entry> entries = Preview.entries(outdir, AppSettings.fromEnvironment(settings), new ArrayList<>(rendered.stacks().keySet()));
            String accounts = diagramAfter(rendered.markdown(), "## Where each stack goes");
            String order = diagramAfter(rendered.markdown(), "## In what order");
            assertThat(accounts).as("%s: no arrow in the accounts picture", layout).doesNotContain("-->");
            Map<String, String> boxOf = new LinkedHashMap<>();
            String box = null;
            for (String line : accounts.split("\n")) {
                Matcher open = Pattern.compile("^  subgraph a\\d+\\[\"([^\"]+)\"\\]$").matcher(line);
                Matcher node = Pattern.compile("^    s\\d+\\[\"([^<\"]+)<br/>").matcher(line);
                if (open.find()) {
                    box = open.group(1);
                } else if (line.equals("  end")) {
                    box = null;
                } else if (node.find()) {
                    assertThat(boxOf.put(node.group(1), box)).as("%s: %s appears once in the accounts picture", layout, node.group(1)).isNull();
                }
            }
            Map<String, Integer> waveOf = new LinkedHashMap<>();
            Integer wave = null;
            for (String line : order.split("\n")) {
                Matcher open = Pattern.compile("^  subgraph w(\\d+)\\[").matcher(line);
                Matcher node = Pattern.compile("^    s\\d+\\[\"([^\"]+)\"\\]$").matcher(line);
                if (open.find()) {
                    wave = Integer.valueOf(open.group(1));
                } else if (line.equals("  end")) {
                    wave = null;
                } else if (node.find()) {
                    assertThat(waveOf.put(node.group(1), wave)).as("%s: %s appears once in the order picture", layout, node.group(1)).isNull();
                }
            }
            assertThat(boxOf.keySet()).as(layout).containsExactlyInAnyOrderElementsOf(rendered.stacks().keySet());
            assertThat(waveOf.keySet()).as(layout).containsExactlyInAnyOrderElementsOf(rendered.stacks().keySet());
            for (Preview.Entry entry : entries) {
                String stack = entry.stack().name();
                assertThat(boxOf.get(stack)).as("%s: %s sits in its account's box", layout, stack).isEqualTo(entry.account());
                assertThat(waveOf.get(stack)).as("%s: %s deploys one wave after %s", layout, stack, entry.after())
                        .isEqualTo(entry.after().map(after -> waveOf.get(after) + 1).orElse(1));
            }
            int waves = java.util.Collections.max(waveOf.values());
            assertThat(Pattern.compile("(?m)^  w(\\d+) --> w(\\d+)$").matcher(order).results()
                    .map(m -> Integer.parseInt(m.group(2)) - Integer.parseInt(m.group(1))).toList())
                    .as("%s: arrows join each wave to the next, and nothing else", layout).hasSize(waves - 1).containsOnly(1);
            assertThat(order.replaceAll("(?m)^  w\\d+ --> w\\d+$", "")).as(layout).doesNotContain("-->");
        });
        Rendered defaults = render(Map.of());
        JsonNode prod = defaults.stacks().get("baseline-prod").json();
        assertThat(defaults.markdown()).contains("## One environment: baseline-prod")
                .contains("VPC " + prod.path("resource").path("aws_vpc").path("main").path("cidr_block").asText())
                .contains(prod.path("resource").path("aws_nat_gateway").size() + " NAT gateways, one per zone")
                .contains("internet --> waf --> alb");
    }

    /** The first Mermaid block after a heading. */
    private static String diagramAfter(String markdown, String heading) {
        int start = markdown.indexOf("```mermaid\n", markdown.indexOf(heading + "\n"));
        return markdown.substring(start, markdown.indexOf("```\n", start + 10));
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
            assertThat(blocks).as("%s: the accounts, the order and one environment", layout).hasSize(3);
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
