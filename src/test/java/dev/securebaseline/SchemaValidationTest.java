package dev.securebaseline;

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
class SchemaValidationTest {

    static final String TYPO_TOP_LEVEL = "typo in a top-level attribute";
    static final String TYPO_NESTED = "typo inside a nested block";

    private static Map<String, List<SchemaCheck.Diagnostic>> diagnostics;

    /** Every configuration the project supports, by label. */
    static Map<String, Map<String, String>> configurations() {
        Map<String, Map<String, String>> configurations = new LinkedHashMap<>();
        configurations.put("defaults", Map.of());
        configurations.put("six zones, NAT per zone, SSH inside the VPC, two ALB sources", Map.of(
                "BASELINE_AZ_COUNT", "6",
                "BASELINE_NAT_STRATEGY", "per-az",
                "BASELINE_SSH_CIDR", "10.0.0.0/24",
                "BASELINE_ALB_INGRESS_CIDRS", "203.0.113.0/24,198.51.100.0/24",
                "BASELINE_ALARM_EMAIL", "ops@yourcompany.com"));
        configurations.put("HTTPS with a zone id, NAT per zone, production", HTTPS_WITH_ZONE_ID);
        configurations.put("HTTPS with a zone looked up by name, no alias record, Graviton in eu-central-2", Map.of(
                "BASELINE_ENABLE_HTTPS", "true",
                "BASELINE_DOMAIN_NAME", "shop.acme-corp.io",
                "BASELINE_HOSTED_ZONE_NAME", "acme-corp.io",
                "BASELINE_CREATE_DNS_RECORD", "false",
                "BASELINE_INSTANCE_TYPE", "t4g.small",
                "BASELINE_REGION", "eu-central-2"));
        return configurations;
    }

    static final Map<String, String> HTTPS_WITH_ZONE_ID = Map.of(
            "BASELINE_ENABLE_HTTPS", "true",
            "BASELINE_DOMAIN_NAME", "app.acme-corp.io",
            "BASELINE_HOSTED_ZONE_ID", "Z0123456789ABCDEFGHIJ",
            "BASELINE_NAT_STRATEGY", "per-az",
            "BASELINE_AZ_COUNT", "3",
            "BASELINE_ENVIRONMENTS", "prod",
            "BASELINE_MIN_SIZE", "2",
            "BASELINE_DESIRED_CAPACITY", "2",
            "BASELINE_MAX_SIZE", "6");

    private static java.util.concurrent.CompletableFuture<Map<String, List<SchemaCheck.Diagnostic>>> job;

    /** Synthesizes every configuration here, then validates them all in one background Terraform job. */
    static synchronized java.util.concurrent.CompletableFuture<Map<String, List<SchemaCheck.Diagnostic>>> start() {
        if (job == null) {
            Map<String, Synthesized> stacks = new LinkedHashMap<>();
            configurations().forEach((label, env) -> stacks.put(label, Synth.of(env)));
            stacks.put(TYPO_TOP_LEVEL, Synth.uncached(Map.of(), "typo-top-level",
                    stack -> stack.addOverride("resource.aws_vpc.main.enable_dns_hostname", true)));
            stacks.put(TYPO_NESTED, Synth.uncached(Map.of(), "typo-nested-block",
                    stack -> stack.addOverride("resource.aws_s3_bucket_versioning.trail.versioning_configuration.stauts", "Enabled")));
            Path root = Path.of("target", "schema-check").toAbsolutePath();
            job = TerraformJobs.job("schema-check", () -> SchemaCheck.validate(root, stacks));
        }
        return job;
    }

    @BeforeAll
    static void validateEverythingOnce() {
        diagnostics = TerraformJobs.await(start());
    }

    static List<String> labels() {
        return List.copyOf(configurations().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void synthesizedStackIsValidForTheRealAwsProviderWithoutWarnings(String label) {
        assertThat(diagnostics.get(label))
                .as("terraform validate diagnostics for %s", label)
                .isEmpty();
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
