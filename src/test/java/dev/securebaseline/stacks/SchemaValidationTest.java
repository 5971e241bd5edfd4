package dev.securebaseline.stacks;

import dev.securebaseline.Layouts;
import dev.securebaseline.LongestNames;
import dev.securebaseline.Organizations;
import dev.securebaseline.SchemaCheck;
import dev.securebaseline.SharedProvider;
import dev.securebaseline.Synth;
import dev.securebaseline.Synthesized;
import dev.securebaseline.TerraformJobs;
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
public class SchemaValidationTest {

    static final String TYPO_TOP_LEVEL = "typo in a top-level attribute";
    static final String TYPO_NESTED = "typo inside a nested block";
    static final String TYPO_IN_A_REGION = "typo in a resource of an aliased provider";
    static final String TYPO_IN_A_PROVIDER = "typo in a provider configuration";
    static final String IMPORT_OF_NOTHING = "an import block whose target does not exist";
    static final String VALUE_THE_PROVIDER_REFUSES = "a value only the provider's own validation refuses";

    private static Map<String, List<SchemaCheck.Diagnostic>> diagnostics;

    /**
     * Every configuration the project supports, by label: each varies the environment and the account
     * settings. They carry the account baseline in a region or two; its seventeen-region form is what
     * the layouts carry.
     */
    public static final String SIX_ZONES = "six zones, NAT per zone, SSH inside the VPC, six ALB sources, one guardrail region adopting its Config recorder and channel";

    public static Map<String, Map<String, String>> configurations() {
        Map<String, Map<String, String>> configurations = new LinkedHashMap<>();
        configurations.put(SIX_ZONES, Map.of(
                "BASELINE_ENABLE_WAF", "true",
                "BASELINE_WAF_COUNT_MODE", "true",
                "BASELINE_AZ_COUNT", "6",
                "BASELINE_NAT_STRATEGY", "per-az",
                "BASELINE_SSH_CIDR", "10.0.0.0/24",
                "BASELINE_ALB_INGRESS_CIDRS", "203.0.113.0/24,198.51.100.0/24,192.0.2.0/24,100.64.0.0/16,100.65.0.0/16,100.66.0.0/16",
                "BASELINE_ALARM_EMAIL", "ops@yourcompany.com",
                "BASELINE_GUARDRAIL_REGIONS", "us-east-1",
                "BASELINE_ADOPT_CONFIG_RECORDERS", "us-east-1=console-recorder",
                "BASELINE_ADOPT_CONFIG_DELIVERY_CHANNELS", "us-east-1=console-channel"));
        configurations.put("HTTPS with a zone id, NAT per zone, production in its own account through a role, every guardrail option, adopting what eu-west-1 runs", HTTPS_WITH_ZONE_ID);
        configurations.put("HTTPS with a zone looked up by name, Graviton in opt-in eu-central-2, services the Organization runs", Map.of(
                "BASELINE_ENABLE_HTTPS", "true",
                "BASELINE_DOMAIN_NAME", "shop.acme-corp.io",
                "BASELINE_HOSTED_ZONE_NAME", "acme-corp.io",
                "BASELINE_CREATE_DNS_RECORD", "false",
                "BASELINE_INSTANCE_TYPE", "t4g.small",
                "BASELINE_REGION", "eu-central-2",
                "BASELINE_GUARDRAIL_REGIONS", "eu-central-2",
                "BASELINE_MANAGE_CONFIG", "false",
                "BASELINE_MANAGE_GUARDDUTY", "false"));
        return configurations;
    }

    /**
     * Every stack of the example organization, after the log archive's outputs are in its file. The first pass
     * writes no stack that is not in the second: its org stack is the second's without the trail
     * ({@code OrganizationModeTest} proves it block by block), and it has no member account stack.
     */
    static Map<String, Synthesized> organizationStacks() {
        Map<String, Synthesized> stacks = new LinkedHashMap<>();
        Organizations.secondPassApp().forEach((name, synthesized) -> stacks.put("organization: " + name, synthesized));
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

    /** A detector the account of the production configuration already has in eu-west-1. */
    static final String ADOPTED_DETECTOR = "0123456789abcdef0123456789abcdef";

    public static final Map<String, String> HTTPS_WITH_ZONE_ID = Map.ofEntries(
            Map.entry("BASELINE_ENABLE_HTTPS", "true"),
            Map.entry("BASELINE_DOMAIN_NAME", "app.acme-corp.io"),
            Map.entry("BASELINE_HOSTED_ZONE_ID", "Z0123456789ABCDEFGHIJ"),
            Map.entry("BASELINE_NAT_STRATEGY", "per-az"),
            Map.entry("BASELINE_AZ_COUNT", "3"),
            Map.entry("BASELINE_ENVIRONMENTS", "prod"),
            Map.entry("BASELINE_MIN_SIZE", "2"),
            Map.entry("BASELINE_DESIRED_CAPACITY", "2"),
            Map.entry("BASELINE_MAX_SIZE", "6"),
            Map.entry("BASELINE_PROD_ACCOUNT_ID", Layouts.PROD_ACCOUNT),
            Map.entry("BASELINE_PROD_DEPLOY_ROLE_ARN", Layouts.PROD_DEPLOY_ROLE),
            Map.entry("BASELINE_GUARDRAIL_REGIONS", "us-east-1,eu-west-1"),
            Map.entry("BASELINE_CONFIG_RECORDING_FREQUENCY", "daily"),
            Map.entry("BASELINE_GUARDDUTY_PROTECTIONS",
                    "eks-audit-logs,ebs-malware-protection,rds-login-events,lambda-network-logs,runtime-monitoring"),
            Map.entry("BASELINE_PASSWORD_MAX_AGE_DAYS", "90"),
            Map.entry("BASELINE_TRAIL_LOG_RETENTION_DAYS", "731"),
            Map.entry("BASELINE_TRAIL_DATA_EVENTS", "s3,lambda"),
            Map.entry("BASELINE_UNUSED_ACCESS_ANALYZER", "true"),
            Map.entry("BASELINE_SECURITY_CONTACT_EMAIL", "security@acme-corp.io"),
            Map.entry("BASELINE_SECURITY_CONTACT_PHONE", "+1 206 555 0100"),
            Map.entry("BASELINE_ADOPT_GUARDDUTY_DETECTORS", "eu-west-1=" + ADOPTED_DETECTOR),
            Map.entry("BASELINE_ADOPT_SECURITY_HUB", "eu-west-1"),
            Map.entry("BASELINE_ADOPT_ACCESS_ANALYZERS", "eu-west-1=ConsoleAnalyzer-1a2b"));

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
            configurations().forEach((label, env) -> {
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
        return configurations().keySet().stream().flatMap(label -> java.util.stream.Stream.of(label, label + ACCOUNT_STACK)).toList();
    }

    static List<String> layoutLabels() {
        return List.copyOf(layoutStacks().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layoutLabels")
    void everyStackOfEveryLayoutIsValidForTheRealAwsProviderWithEveryAliasedProvider(String label) {
        assertThat(diagnostics.get(label))
                .as("terraform validate diagnostics for %s", label)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("organizationLabels")
    void everyStackOfTheExampleOrganizationIsValidForTheRealAwsProvider(String label) {
        assertThat(diagnostics.get(label))
                .as("terraform validate diagnostics for %s", label)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longestNameLabels")
    void everyStackOfEveryLayoutIsValidAtTheLongestAcceptedNames(String label) {
        assertThat(diagnostics.get(label))
                .as("terraform validate diagnostics for %s", label)
                .isEmpty();
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
        assertThat(diagnostics.get(label))
                .as("terraform validate diagnostics for %s", label)
                .isEmpty();
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
}
