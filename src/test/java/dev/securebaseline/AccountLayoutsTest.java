package dev.securebaseline;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.securebaseline.EncryptionTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts and environments: whatever AWS allows once per account is written exactly once per account,
 * in the stack of the environment that owns it, and nowhere else; a stack that names its account can
 * never be applied to another one.
 */
class AccountLayoutsTest {

    /** Resource types that exist once per account (or once per account and region). */
    static final Set<String> ACCOUNT_TYPES = Set.of(
            "aws_cloudtrail", "aws_cloudwatch_log_metric_filter", "aws_iam_account_password_policy",
            "aws_s3_account_public_access_block", "aws_account_alternate_contact", "aws_config_configuration_recorder",
            "aws_config_delivery_channel", "aws_config_configuration_recorder_status", "aws_guardduty_detector",
            "aws_guardduty_detector_feature", "aws_securityhub_account", "aws_securityhub_standards_subscription",
            "aws_securityhub_finding_aggregator", "aws_accessanalyzer_analyzer", "aws_ebs_encryption_by_default");

    /** Layout → the environments whose stacks carry an account baseline, and each environment's account id. */
    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of(Layouts.ONE_IMPLICIT_ACCOUNT, Set.of("dev"), Map.of()),
                Arguments.of(Layouts.THREE_ACCOUNTS, Set.of("dev", "staging", "prod"),
                        Map.of("dev", Layouts.DEV_ACCOUNT, "staging", Layouts.STAGING_ACCOUNT, "prod", Layouts.PROD_ACCOUNT)),
                Arguments.of(Layouts.SHARED_AND_SEPARATE, Set.of("dev", "prod"),
                        Map.of("dev", Layouts.DEV_ACCOUNT, "staging", Layouts.DEV_ACCOUNT, "prod", Layouts.PROD_ACCOUNT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void theAccountBaselineExistsExactlyOncePerAccountInItsOwnersStackAndNowhereElse(String layout, Set<String> owners,
                                                                                   Map<String, String> accounts) {
        Map<String, Synthesized> app = Layouts.app(layout);
        int trails = 0;
        for (String environment : List.of("dev", "staging", "prod")) {
            Synthesized stack = app.get("baseline-" + environment);
            boolean owner = owners.contains(environment);
            assertThat(stack.carriesAccountBaseline()).as("%s carries its account baseline", environment).isEqualTo(owner);
            for (String type : ACCOUNT_TYPES) {
                if (type.equals("aws_account_alternate_contact")) {
                    continue;
                }
                assertThat(stack.resources(type)).as("%s in %s", type, environment).matches(found -> owner != found.isEmpty());
            }
            if (owner) {
                assertThat(stack.resources("aws_guardduty_detector")).hasSize(17);
                assertThat(stack.resources("aws_cloudtrail")).containsOnlyKeys("main");
                trails++;
            } else {
                assertThat(stack.json().path("provider").path("aws")).as("no guardrail provider in %s", environment).hasSize(1);
            }
        }
        assertThat(trails).as("one trail per account").isEqualTo(owners.size());
        assertThat(app.get("baseline-bootstrap").resources("aws_cloudtrail")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void everyStackNamesTheStackThatCarriesItsAccountsBaseline(String layout, Set<String> owners, Map<String, String> accounts) {
        Map<String, Synthesized> app = Layouts.app(layout);
        for (String environment : List.of("dev", "staging", "prod")) {
            String carrier = owners.contains(environment) ? environment
                    : owners.stream().filter(o -> accounts.getOrDefault(o, "").equals(accounts.getOrDefault(environment, ""))).findFirst().orElseThrow();
            assertThat(app.get("baseline-" + environment).output("account_baseline_stack").path("value").asText())
                    .as(environment).isEqualTo("baseline-" + carrier);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void everyProviderOfAStackWithAnAccountIdIsPinnedToIt(String layout, Set<String> owners, Map<String, String> accounts) {
        Map<String, Synthesized> app = Layouts.app(layout);
        for (String environment : List.of("dev", "staging", "prod")) {
            JsonNode providers = app.get("baseline-" + environment).json().path("provider").path("aws");
            assertThat(providers).isNotEmpty();
            for (JsonNode provider : providers) {
                String alias = provider.path("alias").asText("default");
                if (accounts.containsKey(environment)) {
                    assertThat(texts(provider.path("allowed_account_ids"))).as("%s provider %s", environment, alias)
                            .containsExactly(accounts.get(environment));
                } else {
                    assertThat(provider.has("allowed_account_ids")).as("%s provider %s", environment, alias).isFalse();
                }
            }
        }
        assertThat(app.get("baseline-bootstrap").json().path("provider").path("aws").get(0).has("allowed_account_ids")).isFalse();
    }

    @Test
    void everyProviderOfAStackWithADeployRoleAssumesItAndTheStateStaysWithTheCallersCredentials() {
        Map<String, Synthesized> app = Layouts.app(Layouts.SHARED_AND_SEPARATE);
        JsonNode prodProviders = app.get("baseline-prod").json().path("provider").path("aws");

        assertThat(prodProviders).hasSize(18);
        for (JsonNode provider : prodProviders) {
            JsonNode role = provider.path("assume_role").get(0);
            assertThat(role.path("role_arn").asText()).as(provider.path("alias").asText("default")).isEqualTo(Layouts.PROD_DEPLOY_ROLE);
            assertThat(role.path("session_name").asText()).isEqualTo("baseline-prod-deploy");
        }
        app.get("baseline-dev").json().path("provider").path("aws")
                .forEach(provider -> assertThat(provider.has("assume_role")).isFalse());
        JsonNode backend = app.get("baseline-prod").json().path("terraform").path("backend").path("s3");
        assertThat(backend.has("role_arn") || backend.has("assume_role")).as("the state bucket lives in the deploying account").isFalse();
    }

    @Test
    void destroyingAStackThatSharesItsAccountsBaselineCanTouchNoAccountResource() {
        Map<String, Synthesized> app = Layouts.app(Layouts.SHARED_AND_SEPARATE);
        Synthesized dev = app.get("baseline-dev");
        Synthesized staging = app.get("baseline-staging");
        List<String> accountPart = new ArrayList<>();
        dev.output("account_baseline_addresses").path("value").forEach(address -> accountPart.add(address.asText()));

        assertThat(accountPart).hasSizeGreaterThan(300);
        assertThat(staging.addresses()).doesNotContainAnyElementsOf(accountPart);
        assertThat(staging.addresses()).noneMatch(address -> ACCOUNT_TYPES.contains(address.substring(0, address.indexOf('.'))));
    }

    @Test
    void theOwnerIsTheFirstEnvironmentListedForItsAccountUnlessASettingMovesIt() {
        Map<String, Synthesized> listedProdFirst = Synth.app(Map.of("BASELINE_ENVIRONMENTS", "prod,dev"));
        Map<String, Synthesized> moved = Synth.app(Map.of("BASELINE_ACCOUNT_OWNER", "staging"));

        assertThat(listedProdFirst.get("baseline-prod").carriesAccountBaseline()).isTrue();
        assertThat(listedProdFirst.get("baseline-dev").carriesAccountBaseline()).isFalse();
        assertThat(moved.values().stream().filter(Synthesized::carriesAccountBaseline).map(s -> s.settings().baseName()))
                .containsExactly("baseline-staging");
    }

    @Test
    void theSummaryOfEachAccountSaysWhichStackCarriesItsBaselineAndWhichShareIt() {
        List<String> summaries = AppSettings.fromEnvironment(Layouts.all().get(Layouts.SHARED_AND_SEPARATE)).accounts().stream()
                .map(account -> account.summary("baseline")).toList();

        assertThat(summaries).containsExactly(
                "account 111111111111: baseline-dev carries its account baseline (17 guardrail regions, home us-east-1); baseline-staging share it",
                "account 333333333333: baseline-prod carries its account baseline (17 guardrail regions, home us-east-1)");
    }

    @Test
    void aPipelinePerEnvironmentPinsTheOwnerSoOnlyItsStackCarriesTheBaseline() {
        Synthesized staging = Synth.app(Map.of("BASELINE_ENVIRONMENTS", "staging", "BASELINE_ACCOUNT_OWNER", "prod")).get("baseline-staging");
        Synthesized prod = Synth.app(Map.of("BASELINE_ENVIRONMENTS", "prod", "BASELINE_ACCOUNT_OWNER", "prod")).get("baseline-prod");

        assertThat(staging.carriesAccountBaseline()).isFalse();
        assertThat(staging.output("account_baseline_stack").path("value").asText()).isEqualTo("baseline-prod");
        assertThat(prod.carriesAccountBaseline()).isTrue();
    }
}
