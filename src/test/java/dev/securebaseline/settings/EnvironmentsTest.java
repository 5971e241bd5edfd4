package dev.securebaseline.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One app, a stack per environment: defaults from one table, overrides that win, state that never collides. */
class EnvironmentsTest {

    private final Map<String, Synthesized> app = Synth.app(Map.of());

    @Test
    void byDefaultTheAppSynthesizesTheBootstrapAndThreeEnvironments() {
        assertThat(app.keySet()).containsExactly("baseline-bootstrap", "baseline-account-default", "baseline-dev", "baseline-staging", "baseline-prod");
    }

    @Test
    void whichEnvironmentsAreSynthesizedIsASetting() {
        assertThat(Synth.app(Map.of("BASELINE_ENVIRONMENTS", "prod, dev")).keySet())
                .containsExactly("baseline-bootstrap", "baseline-account-default", "baseline-prod", "baseline-dev");
    }

    @Test
    void everyEnvironmentKeepsItsOwnStateObject() {
        Set<String> keys = new HashSet<>();
        for (String env : List.of("dev", "staging", "prod")) {
            JsonNode s3 = app.get("baseline-" + env).json().path("terraform").path("backend").path("s3");
            assertThat(s3.path("key").asText()).isEqualTo("baseline/" + env + "/terraform.tfstate");
            assertThat(s3.path("use_lockfile").asBoolean()).isTrue();
            keys.add(s3.path("key").asText());
        }
        assertThat(keys).hasSize(3);
    }

    @Test
    void namesAndTagsDifferPerEnvironmentWhereTheyMust() {
        Set<String> alarms = new HashSet<>();
        Set<String> bucketPrefixes = new HashSet<>();
        for (String env : List.of("dev", "staging", "prod")) {
            Synthesized stack = app.get("baseline-" + env);
            alarms.add(stack.resource("aws_cloudwatch_metric_alarm", "alb_5xx").path("alarm_name").asText());
            bucketPrefixes.add(stack.resource("aws_s3_bucket", "alb_logs").path("bucket_prefix").asText());
            assertThat(stack.json().path("provider").path("aws").get(0).path("default_tags").path("tags").path("environment").asText())
                    .isEqualTo(env);
            assertThat(stack.resource("aws_lb", "main").path("name").asText()).startsWith("baseline-" + env + "-");
        }
        assertThat(alarms).hasSize(3);
        assertThat(bucketPrefixes).containsExactlyInAnyOrder("baseline-dev-alb-logs-", "baseline-staging-alb-logs-", "baseline-prod-alb-logs-");
    }

    @Test
    void theDefaultsTableIsHonoured() {
        Synthesized dev = app.get("baseline-dev");
        Synthesized staging = app.get("baseline-staging");
        Synthesized prod = app.get("baseline-prod");

        assertThat(dev.resources("aws_nat_gateway")).hasSize(1);
        assertThat(dev.resource("aws_autoscaling_group", "app").path("min_size").asInt()).isEqualTo(1);
        assertThat(dev.resource("aws_lb", "main").path("enable_deletion_protection").asBoolean()).isFalse();
        assertThat(staging.resource("aws_vpc", "main").path("cidr_block").asText()).isEqualTo("10.1.0.0/16");
        assertThat(staging.resource("aws_autoscaling_group", "app").path("desired_capacity").asInt()).isEqualTo(2);
        assertThat(prod.resources("aws_nat_gateway")).hasSize(3);
        assertThat(prod.resources("aws_subnet")).hasSize(6);
        assertThat(prod.resource("aws_autoscaling_group", "app").path("min_size").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(prod.resource("aws_lb", "main").path("enable_deletion_protection").asBoolean()).isTrue();
        assertThat(prod.resource("aws_kms_key", "main").path("deletion_window_in_days").asInt()).isEqualTo(30);
        assertThat(prod.variable("log_retention_days").path("default").asInt()).isEqualTo(731);
    }

    @Test
    void aGlobalOverrideAppliesToEveryEnvironmentAndAPerEnvironmentOneWinsOverIt() {
        AppSettings settings = AppSettings.fromEnvironment(Map.of(
                "BASELINE_AZ_COUNT", "4",
                "BASELINE_PROD_AZ_COUNT", "5",
                "BASELINE_STAGING_NAT_STRATEGY", "per-az",
                "BASELINE_PROD_DELETION_PROTECTION", "false"));

        Map<Environment, BaselineSettings> byEnvironment = new java.util.EnumMap<>(Environment.class);
        settings.environments().forEach(s -> byEnvironment.put(s.environment(), s));
        assertThat(byEnvironment.get(Environment.DEV).azCount()).isEqualTo(4);
        assertThat(byEnvironment.get(Environment.STAGING).azCount()).isEqualTo(4);
        assertThat(byEnvironment.get(Environment.PROD).azCount()).isEqualTo(5);
        assertThat(byEnvironment.get(Environment.STAGING).natStrategy()).isEqualTo(BaselineSettings.NatStrategy.PER_AZ);
        assertThat(byEnvironment.get(Environment.DEV).natStrategy()).isEqualTo(BaselineSettings.NatStrategy.SINGLE);
        assertThat(byEnvironment.get(Environment.PROD).web().deletionProtection()).isFalse();
    }

    @Test
    void aBadPerEnvironmentValueIsReportedUnderItsOwnVariable() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BASELINE_PROD_AZ_COUNT", "8")))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).problems()).singleElement().asString()
                        .startsWith("BASELINE_PROD_AZ_COUNT=\"8\" is not accepted: out of range. Accepted: a whole number from 2 to 6."));
    }

    @Test
    void anUnknownEnvironmentIsRefused() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BASELINE_ENVIRONMENTS", "dev,qa")))
                .hasMessageContaining("BASELINE_ENVIRONMENTS=\"dev,qa\" is not accepted: \"qa\" is not a known environment. "
                        + "Accepted: a comma-separated list of dev, staging, prod.");
    }

    @Test
    void aDuplicateEnvironmentIsRefused() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BASELINE_ENVIRONMENTS", "dev,prod,dev")))
                .hasMessageContaining("BASELINE_ENVIRONMENTS=\"dev,prod,dev\" is not accepted: dev is listed twice. "
                        + "Accepted: each of dev, staging, prod at most once.");
    }

    @Test
    void aStateKeySharedByTwoEnvironmentsIsRefused() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BASELINE_STATE_KEY", "team/terraform.tfstate")))
                .hasMessageContaining("BASELINE_STATE_KEY=\"team/terraform.tfstate\" is not accepted: dev and staging and prod "
                        + "would share the state s3://<BASELINE_STATE_BUCKET>/team/terraform.tfstate");
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of(
                "BASELINE_ENVIRONMENTS", "dev,prod", "BASELINE_PROD_STATE_KEY", "baseline/dev/terraform.tfstate")))
                .hasMessageContaining("dev and prod would share the state");
    }

    @Test
    void overlappingVpcRangesAreRefusedNamingBothEnvironmentsAndRanges() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BASELINE_VPC_CIDR", "10.0.0.0/16")))
                .hasMessageContaining("BASELINE_VPC_CIDR=\"10.0.0.0/16\" is not accepted for staging: staging's 10.0.0.0/16 overlaps dev's 10.0.0.0/16, "
                        + "so the two could never be peered. Accepted: a private range per environment that overlaps no other")
                .hasMessageContaining("prod's 10.0.0.0/16 overlaps dev's 10.0.0.0/16")
                .hasMessageContaining("prod's 10.0.0.0/16 overlaps staging's 10.0.0.0/16");
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BASELINE_STAGING_VPC_CIDR", "10.0.128.0/20")))
                .hasMessageContaining("BASELINE_STAGING_VPC_CIDR=\"10.0.128.0/20\" is not accepted: staging's 10.0.128.0/20 overlaps dev's 10.0.0.0/16");
        assertThat(AppSettings.fromEnvironment(Map.of("BASELINE_STAGING_VPC_CIDR", "10.3.0.0/16")).environments()).hasSize(3);
    }

    @Test
    void oneDomainForAllIsServedByProdAndBySubdomainsElsewhereSoNoTwoEnvironmentsWriteOneRecord() {
        AppSettings settings = AppSettings.fromEnvironment(Map.of("BASELINE_ENABLE_HTTPS", "true",
                "BASELINE_DOMAIN_NAME", "app.yourcompany.com", "BASELINE_HOSTED_ZONE_NAME", "yourcompany.com",
                "BASELINE_DEV_DOMAIN_NAME", "sandbox.yourcompany.com"));

        assertThat(settings.environments()).extracting(e -> e.web().domainName())
                .containsExactly("sandbox.yourcompany.com", "staging.app.yourcompany.com", "app.yourcompany.com");
    }

    @Test
    void twoEnvironmentsOfOneAccountServingOneDomainAreRefused() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BASELINE_ENABLE_HTTPS", "true",
                "BASELINE_DOMAIN_NAME", "app.yourcompany.com", "BASELINE_HOSTED_ZONE_NAME", "yourcompany.com",
                "BASELINE_STAGING_DOMAIN_NAME", "app.yourcompany.com")))
                .hasMessageContaining("BASELINE_PROD_DOMAIN_NAME=\"app.yourcompany.com\"".replace("PROD_", ""))
                .hasMessageContaining("staging and prod deploy into the deploying credentials' account and would both write the record app.yourcompany.com");
        // Accounts apart: each has its own zone.
        assertThat(AppSettings.fromEnvironment(Map.of("BASELINE_ENABLE_HTTPS", "true", "BASELINE_HOSTED_ZONE_NAME", "yourcompany.com",
                "BASELINE_DOMAIN_NAME", "app.yourcompany.com", "BASELINE_STAGING_DOMAIN_NAME", "app.yourcompany.com",
                "BASELINE_DEV_ACCOUNT_ID", "111111111111", "BASELINE_STAGING_ACCOUNT_ID", "222222222222", "BASELINE_PROD_ACCOUNT_ID", "333333333333"))
                .environments()).hasSize(3);
    }

    @Test
    void productionKeepsTheLongestKmsDeletionWindow() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BASELINE_KMS_DELETION_WINDOW_DAYS", "7")))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).problems()).singleElement().asString()
                        .startsWith("BASELINE_KMS_DELETION_WINDOW_DAYS=\"7\" is not accepted for prod: production keeps the longest window")
                        .endsWith("Accepted: 30 in prod; a shorter window for the environments that may have one, such as BASELINE_DEV_KMS_DELETION_WINDOW_DAYS=7."));
        assertThat(AppSettings.fromEnvironment(Map.of("BASELINE_DEV_KMS_DELETION_WINDOW_DAYS", "7")).environments().get(0)
                .kmsDeletionWindowDays()).isEqualTo(7);
    }

    @Test
    void theReadmeTableOfEnvironmentDefaultsIsTheOneInTheCode() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("docs", "settings.md"));
        for (Setting setting : Environment.TABLE_COLUMNS) {
            String row = readme.stream().filter(line -> line.startsWith("| `" + setting.variable() + "` |")
                            && line.chars().filter(c -> c == '|').count() == 5)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(setting.variable() + " is missing from the environment table of docs/settings.md"));
            String[] cells = row.split("\\|");
            for (Environment environment : Environment.values()) {
                assertThat(cells[2 + environment.ordinal()].trim()).as("%s in %s", setting.variable(), environment.id())
                        .isEqualTo("`" + environment.defaultFor(setting) + "`");
            }
        }
    }
}
