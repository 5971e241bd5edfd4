package dev.securebaseline.app;

import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.testing.Configurations;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.PolicyChecks;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control table (docs/controls-and-verification.md) stays true: every claim names the resources that implement it, each of them
 * is in the synthesized JSON (in every guardrail region where it says {@code <region>}), and every check it
 * cites exists in the policy suite. No claim without a resource.
 */
class ControlTableTest {

    private static final Pattern ADDRESS = Pattern.compile("`(aws_[a-z0-9_]+\\.[a-z0-9_*<>]+)`");
    private static final Pattern CHECK = Pattern.compile("`((?:CKV2?_AWS_)\\d+(?:/\\d+)*|(?:CIS|FSBP)_[A-Za-z0-9.]+|SB_[A-Z0-9_]+)`");

    /** The rows of the Controls table: control, what, resources, how it is checked. */
    private static List<String[]> rows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs", "controls-and-verification.md"));
        int start = lines.indexOf("### Controls");
        assertThat(start).as("docs/controls-and-verification.md has a Controls section").isNotNegative();
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("### ") || line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("| ") && !line.startsWith("| control |")) {
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
                assertThat(cells).as(line).hasSize(4);
                rows.add(cells);
            }
        }
        return rows;
    }

    /** Every stack the claims may point at: the default app, and the configurations that turn options on. */
    private static List<Synthesized> stacks() {
        List<Synthesized> stacks = new ArrayList<>(Synth.app(java.util.Map.of()).values());
        Configurations.names().forEach(name -> {
            stacks.add(Configurations.synthesized(name));
            stacks.add(Configurations.account(name));
        });
        stacks.addAll(Organizations.exampleApp().values());
        return stacks;
    }

    @Test
    void everyClaimNamesTheResourcesThatImplementItAndEachIsInTheSynthesizedJson() throws IOException {
        List<Synthesized> stacks = stacks();
        List<String[]> rows = rows();
        assertThat(rows).hasSizeGreaterThan(20);
        for (String[] row : rows) {
            Matcher addresses = ADDRESS.matcher(row[2]);
            List<String> named = new ArrayList<>();
            while (addresses.find()) {
                named.add(addresses.group(1));
            }
            assertThat(named).as("resources of the claim \"%s\"", row[0]).isNotEmpty();
            for (String address : named) {
                List<String> concrete = address.contains("<region>")
                        ? AwsRegions.ENABLED_BY_DEFAULT.stream().map(r -> address.replace("<region>", AwsRegions.alias(r))).toList()
                        : List.of(address);
                for (String each : concrete) {
                    Pattern pattern = Pattern.compile(Pattern.quote(each).replace("*", "\\E[a-z0-9_]*\\Q"));
                    assertThat(stacks.stream().flatMap(s -> s.addresses().stream()).anyMatch(a -> pattern.matcher(a).matches()))
                            .as("%s, claimed for %s, is in the synthesized JSON", each, row[0]).isTrue();
                }
            }
        }
    }

    @Test
    void theClaimsTheIssueNamesAreAllInTheTable() throws IOException {
        String controls = String.join("\n", rows().stream().map(row -> row[0]).toList());
        for (String claim : List.of("CIS 2.1.4", "FSBP S3.1", "CIS 2.2.1", "FSBP EC2.7", "CIS 3.3", "CIS 4.16", "CIS 1.8", "CIS 1.17",
                "CIS 1.20", "CIS 5.1", "FSBP EC2.21", "FSBP GuardDuty.1", "FSBP Config.1")) {
            assertThat(controls).as(claim).contains(claim);
        }
    }

    @Test
    void everyCheckTheTableCitesExistsInThePolicySuite() throws IOException {
        for (String[] row : rows()) {
            Matcher checks = CHECK.matcher(row[3]);
            while (checks.find()) {
                String cited = checks.group(1);
                int slash = cited.indexOf('/');
                if (slash < 0) {
                    assertThat(PolicyChecks.withId(cited)).as(cited).isNotEmpty();
                    continue;
                }
                String prefix = cited.substring(0, cited.lastIndexOf('_', slash) + 1);
                for (String number : cited.substring(prefix.length()).split("/")) {
                    assertThat(PolicyChecks.withId(prefix + number)).as(prefix + number + " in " + row[0]).isNotEmpty();
                }
            }
        }
    }
}
