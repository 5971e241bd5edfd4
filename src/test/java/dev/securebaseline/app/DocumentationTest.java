package dev.securebaseline.app;

import dev.securebaseline.organization.OrganizationPolicies;
import dev.securebaseline.preview.Preview;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.Environment;
import dev.securebaseline.settings.Setting;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import dev.securebaseline.tf.VariablesAndOutputsTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README is a front door and the docs pages stay true: every setting and output is documented, every
 * page is reachable from the README, every link lands, the README's picture is what the synth draws, and its
 * test command is what CI runs.
 */
class DocumentationTest {

    /** "At most about 250 lines": what a reader takes in at the door. */
    static final int README_MAX_LINES = 250;

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]+\\]\\(([^)\\s]+)\\)");

    private final String readme = read(Path.of("README.md"));
    private final String settingsPage = read(Path.of("docs", "settings.md"));

    /** The map in docs/development.md draws every package, lower layers lower, as ArchitectureTest enforces them. */
    @Test
    void theDevelopmentPageDrawsEveryPackageInItsLayer() {
        String page = read(Path.of("docs", "development.md"));
        String picture = page.substring(page.indexOf("## The map"));
        picture = picture.substring(picture.indexOf("```") + 3, picture.indexOf("```", picture.indexOf("```") + 3));
        List<String> drawn = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^(?:[ │]*[├└]─ )?([a-z]+) ").matcher(picture);
        while (row.find()) {
            drawn.add(0, row.group(1));
        }
        assertThat(drawn).as("the packages of the map in docs/development.md, bottom first").isEqualTo(ArchitectureTest.LAYERS);
    }

    /** Defaults set by the environment table are checked against the environment table instead. */
    @Test
    void everySettingIsDocumentedWithItsDefault() {
        for (Setting setting : Setting.values()) {
            String row = settingsPage.lines().filter(line -> line.startsWith("| `" + setting.variable() + "` |")
                            && line.chars().filter(c -> c == '|').count() == 4).findFirst()
                    .orElseThrow(() -> new AssertionError(setting.variable() + " is missing from the settings table of docs/settings.md"));
            if (Environment.TABLE_COLUMNS.contains(setting)) {
                assertThat(row).as(setting.variable()).contains("per environment");
            } else if (!setting.defaultValue().isEmpty()) {
                assertThat(row).as(setting.variable()).contains("`" + setting.defaultValue() + "`");
            }
        }
    }

    @Test
    void everyRequiredOutputIsDocumented() {
        for (String output : VariablesAndOutputsTest.REQUIRED_OUTPUTS) {
            assertThat(settingsPage).as(output).contains("`" + output + "`");
        }
    }

    /** The organization page counts the guardrail-switching actions the SCP denies: the number is the code's. */
    @Test
    void theGuardrailActionsTheDocsCountAreTheOnesTheScpDenies() {
        assertThat(read(Path.of("docs", "accounts-and-organizations.md")))
                .contains(OrganizationPolicies.GUARDRAIL_OFF_ACTIONS.size() + " actions in all");
        assertThat(read(Path.of("docs", "controls-and-verification.md")))
                .contains("each of the " + OrganizationPolicies.GUARDRAIL_OFF_ACTIONS.size() + " guardrail-switching actions");
        for (String action : List.of("cloudtrail:StopLogging", "config:StopConfigurationRecorder", "guardduty:DeleteDetector",
                "securityhub:DisableSecurityHub", "access-analyzer:DeleteAnalyzer", "s3:PutAccountPublicAccessBlock",
                "ec2:DisableEbsEncryptionByDefault")) {
            assertThat(OrganizationPolicies.GUARDRAIL_OFF_ACTIONS).as("the docs name %s", action).contains(action);
        }
    }

    @Test
    void ciRunsTheTestCommandTheReadmeGivesANewUser() {
        assertThat(readme).contains("mvn -q compile exec:java   # synthesizes")
                .contains("mvn test                   # runs the whole test suite");
        assertThat(read(Path.of(".ci/run"))).containsPattern("(?m)^mvn test$");
    }

    @Test
    void theReadmeIsAFrontDoorThatReachesEveryDocsPage() throws IOException {
        assertThat(readme.lines().count()).as("README lines").isLessThanOrEqualTo(README_MAX_LINES);
        try (Stream<Path> pages = Files.list(Path.of("docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                assertThat(readme).as("the README links %s", page).contains("](docs/" + page.getFileName() + ")");
            }
        }
    }

    /** Every relative link of the README and the docs names a file that exists and, with an anchor, a heading in it. */
    @Test
    void everyRelativeLinkLands() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> pages = Files.list(Path.of("docs"))) {
            pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            Matcher link = LINK.matcher(read(document));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = file.isEmpty() ? document : document.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(document + ": " + target + " (no such file)");
                } else if (target.contains("#") && resolved.toString().endsWith(".md")
                        && !anchors(read(resolved)).contains(target.substring(target.indexOf('#') + 1))) {
                    broken.add(document + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).as("links that do not land").isEmpty();
    }

    /** The README's stack table and picture are the default app's preview, as the synth renders it. */
    @Test
    void theReadmeShowsTheDefaultAppsPreview() {
        Map<String, Synthesized> stacks = Synth.app(Map.of());
        Path outdir = stacks.values().iterator().next().directory().getParent().getParent();
        AppSettings app = AppSettings.fromEnvironment(Map.of());
        String preview = Preview.render(Preview.entries(outdir, app, new ArrayList<>(stacks.keySet())), Map.of());
        String table = preview.substring(preview.indexOf("| # | stack |"), preview.indexOf("\n\n", preview.indexOf("| # | stack |")));
        int start = preview.indexOf("```mermaid\n", preview.indexOf("## In what order\n"));
        String layout = preview.substring(start, preview.indexOf("```\n", start + 10) + 3);
        assertThat(readme).as("the README's stack table is the synth's").contains(table);
        assertThat(readme).as("the README's picture is the synth's").contains(layout);
    }

    /**
     * checkov 3.3 stops on a stack with {@code import} blocks; the verification page names the stacks that carry them, and
     * every layout's stacks with imports are exactly those.
     */
    @Test
    void theVerificationPageNamesEveryStackThatCarriesImportBlocks() {
        String page = read(Path.of("docs", "controls-and-verification.md"));
        String section = page.substring(page.indexOf("### Scanning with checkov yourself"));
        Set<String> carriers = new java.util.TreeSet<>();
        for (Map<String, String> layout : List.of(Map.<String, String>of(), Layouts.all().get(Layouts.THREE_ACCOUNTS), Organizations.example())) {
            Synth.app(layout).forEach((name, stack) -> {
                if (stack.json().path("import").size() > 0) {
                    carriers.add(name.startsWith("baseline-account-") ? "`<project>-account-*`" : "`<project>-" + name.substring("baseline-".length()) + "`");
                }
            });
        }
        assertThat(carriers).as("the stacks with import blocks").isNotEmpty();
        carriers.forEach(carrier -> assertThat(section).as("the checkov section names %s", carrier).contains(carrier));
        assertThat(section).contains("jq 'del(.import)'");
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens; headings in code blocks do not count. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        boolean code = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                code = !code;
            } else if (!code && line.startsWith("#")) {
                anchors.add(line.replaceFirst("^#+", "").strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
