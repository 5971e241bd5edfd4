package dev.securebaseline.stacks;

import dev.securebaseline.testing.Configurations;
import dev.securebaseline.testing.BackgroundJobs;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.LongestNames;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.SchemaCheck;
import dev.securebaseline.testing.SharedProvider;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import dev.securebaseline.testing.TerraformJobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthesized JSON checked against the real AWS provider schema with {@code terraform validate}:
 * every supported configuration is valid with no warnings, and a misspelled attribute in an
 * override map, top-level or inside a nested block, is reported.
 */
@BackgroundJobs(order = 1)
public class SchemaValidationTest {

    static final String TYPO_TOP_LEVEL = "typo in a top-level attribute";
    static final String TYPO_NESTED = "typo inside a nested block";
    static final String TYPO_IN_A_REGION = "typo in a resource of an aliased provider";
    static final String TYPO_IN_A_PROVIDER = "typo in a provider configuration";
    static final String IMPORT_OF_NOTHING = "an import block whose target does not exist";
    static final String VALUE_THE_PROVIDER_REFUSES = "a value only the provider's own validation refuses";

    private static Map<String, List<SchemaCheck.Diagnostic>> diagnostics;

    /**
     * Every stack of the example organization, after the log archive's outputs are in its file. The first pass
     * writes no stack that is not in the second: its org stack is the second's without the trail
     * ({@code OrganizationModeTest} proves it block by block), and it has no member account stack.
     */
    static Map<String, Synthesized> organizationStacks() {
        Map<String, Synthesized> stacks = new LinkedHashMap<>();
        Map<String, Synthesized> organization = Organizations.exampleApp();
        organization.forEach((name, synthesized) -> stacks.put("organization: " + name, synthesized));
        // Adopting archive buckets changes the stacks that deliver into them.
        Organizations.adoptingArchiveBucketsApp().forEach((name, synthesized) -> {
            if (!synthesized.json().equals(organization.get(name).json())) {
                stacks.put("organization adopting archive buckets: " + name, synthesized);
            }
        });
        // With a pipeline: the pipeline stacks, and the bootstrap and org stacks that change with it (the others do not).
        Organizations.withPipelineApp().forEach((name, synthesized) -> {
            Synthesized without = stacks.get("organization: " + name);
            if (without == null || !without.text().equals(synthesized.text())) {
                stacks.put("organization with a pipeline: " + name, synthesized);
            }
        });
        return stacks;
    }

    static List<String> organizationLabels() {
        return List.copyOf(organizationStacks().keySet());
    }

    /** Every stack of every layout at the longest names its settings accept, the 50-workload organization included. */
    static Map<String, Synthesized> longestNameStacks() {
        Map<String, Synthesized> stacks = new LinkedHashMap<>();
        LongestNames.stacks().forEach((label, stack) -> stacks.put("longest names, " + label, stack));
        return stacks;
    }

    static List<String> longestNameLabels() {
        return List.copyOf(longestNameStacks().keySet());
    }

    /** Every stack of every layout, the default one included. */
    static Map<String, Synthesized> layoutStacks() {
        Map<String, Synthesized> stacks = new LinkedHashMap<>();
        Layouts.all().keySet().forEach(layout -> Layouts.app(layout).forEach((stack, synthesized) -> stacks.put(layout + ": " + stack, synthesized)));
        return stacks;
    }

    /** Small enough to validate quickly: the typo tests need a stack, not seventeen regions. */
    private static final Map<String, String> ONE_REGION = Map.of("BASELINE_GUARDRAIL_REGIONS", "us-east-1");
    private static final Map<String, String> ONE_REGION_WITHOUT_CONFIG = Map.of("BASELINE_GUARDRAIL_REGIONS", "us-east-1",
            "BASELINE_MANAGE_CONFIG", "false");

    private static java.util.concurrent.CompletableFuture<Map<String, List<SchemaCheck.Diagnostic>>> job;

    /** Synthesizes every configuration here, then validates them all in one background Terraform job. */
    public static synchronized java.util.concurrent.CompletableFuture<Map<String, List<SchemaCheck.Diagnostic>>> start() {
        if (job == null) {
            // The longest names first: a stack equal to one of them up to its project name is validated through it.
            Map<String, Synthesized> stacks = new LinkedHashMap<>(longestNameStacks());
            Configurations.everyOption().forEach((label, env) -> {
                stacks.put(label, Synth.of(env));
                stacks.put(label + ACCOUNT_STACK, Synth.accountOf(env));
            });
            stacks.putAll(layoutStacks());
            stacks.putAll(organizationStacks());
            stacks.put(TYPO_TOP_LEVEL, Synth.uncached(ONE_REGION, "typo-top-level",
                    stack -> stack.addOverride("resource.aws_vpc.main.enable_dns_hostname", true)));
            stacks.put(TYPO_NESTED, Synth.uncached(ONE_REGION, "typo-nested-block",
                    stack -> stack.addOverride("resource.aws_s3_bucket_versioning.access_logs.versioning_configuration.stauts", "Enabled")));
            stacks.put(TYPO_IN_A_REGION, Synth.uncachedAccount(ONE_REGION_WITHOUT_CONFIG, "typo-regional",
                    stack -> stack.addOverride("resource.aws_guardduty_detector.us_east_1.finding_publishing_frequncy", "SIX_HOURS")));
            stacks.put(TYPO_IN_A_PROVIDER, Synth.uncachedAccount(ONE_REGION_WITHOUT_CONFIG, "typo-provider",
                    stack -> stack.addOverride("provider.aws", List.of(Map.of("region", "us-east-1", "alowed_account_ids", List.of("111122223333")),
                            Map.of("alias", "us_east_1", "region", "us-east-1")))));
            stacks.put(IMPORT_OF_NOTHING, Synth.uncachedAccount(ONE_REGION, "import-of-nothing",
                    stack -> stack.addOverride("import", List.of(Map.of("to", "aws_guardduty_detector.eu_west_1", "id", "0123456789abcdef0123456789abcdef")))));
            stacks.put(VALUE_THE_PROVIDER_REFUSES, Synth.uncached(ONE_REGION, "value-the-provider-refuses",
                    stack -> stack.addOverride("resource.aws_flow_log.main.traffic_type", "EVERYTHING")));
            Path root = Path.of("target", "schema-check").toAbsolutePath();
            job = TerraformJobs.job("schema-check", () -> SchemaCheck.validate(root, stacks));
        }
        return job;
    }

    @BeforeAll
    static void validateEverythingOnce() {
        diagnostics = TerraformJobs.await(start());
    }

    private static final String ACCOUNT_STACK = ": its account stack";

    /** Every configuration's environment stack and account stack. */
    static List<String> labels() {
        return Configurations.everyOption().keySet().stream().flatMap(label -> java.util.stream.Stream.of(label, label + ACCOUNT_STACK)).toList();
    }

    static List<String> layoutLabels() {
        return List.copyOf(layoutStacks().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layoutLabels")
    void everyStackOfEveryLayoutIsValidForTheRealAwsProviderWithEveryAliasedProvider(String label) {
        valid(label);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("organizationLabels")
    void everyStackOfTheExampleOrganizationIsValidForTheRealAwsProvider(String label) {
        valid(label);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longestNameLabels")
    void everyStackOfEveryLayoutIsValidAtTheLongestAcceptedNames(String label) {
        valid(label);
    }

    @Test
    void aMisspelledAttributeInAResourceOfAnAliasedProviderIsReportedInvalid() {
        assertThat(diagnostics.get(TYPO_IN_A_REGION))
                .anySatisfy(d -> {
                    assertThat(d.severity()).isEqualTo("error");
                    assertThat(d.detail()).contains("\"finding_publishing_frequncy\"");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void synthesizedStackIsValidForTheRealAwsProviderWithoutWarnings(String label) {
        valid(label);
    }

    @Test
    void aMisspelledProviderArgumentAndAnImportOfNothingAreReportedThoughBothAreCheckedInTheRoot() {
        assertThat(diagnostics.get(TYPO_IN_A_PROVIDER)).anySatisfy(d -> {
            assertThat(d.severity()).isEqualTo("error");
            assertThat(d.location()).startsWith("provider_");
        });
        assertThat(diagnostics.get(IMPORT_OF_NOTHING)).anySatisfy(d -> {
            assertThat(d.severity()).isEqualTo("error");
            assertThat(d.summary()).isEqualTo("Configuration for import target does not exist");
        });
    }

    /**
     * The schema says only "a string"; the accepted values are the provider's own check, which runs in the provider process:
     * the shared one ({@link SharedProvider}) validates as a provider started for the command does.
     */
    @Test
    void aValueOnlyTheProvidersOwnValidationRefusesIsReported() {
        assertThat(diagnostics.get(VALUE_THE_PROVIDER_REFUSES)).anySatisfy(d -> {
            assertThat(d.severity()).isEqualTo("error");
            assertThat(d.summary()).contains("traffic_type").contains("EVERYTHING");
        });
    }

    @Test
    void aMisspelledTopLevelAttributeIsReportedInvalid() {
        assertThat(diagnostics.get(TYPO_TOP_LEVEL))
                .anySatisfy(d -> {
                    assertThat(d.severity()).isEqualTo("error");
                    assertThat(d.detail()).contains("No argument or block type is named \"enable_dns_hostname\"");
                });
    }

    @Test
    void aMisspelledAttributeInsideANestedBlockIsReportedInvalid() {
        assertThat(diagnostics.get(TYPO_NESTED))
                .anySatisfy(d -> {
                    assertThat(d.severity()).isEqualTo("error");
                    assertThat(d.detail()).contains("\"stauts\"");
                });
    }

    /** No diagnostic from {@code terraform validate} with the real provider for the stack of that label. */
    private static void valid(String label) {
        assertThat(diagnostics.get(label))
                .as("terraform validate diagnostics for %s", label)
                .isEmpty();
    }
}
