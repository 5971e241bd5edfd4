package dev.securebaseline.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.securebaseline.testing.Synthesized.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts and environments: whatever AWS allows once per account is written exactly once per account, in
 * the account's own stack, and nowhere else; no environment stack has an aliased provider; a stack that
 * names its account can never be applied to another one.
 */
class AccountLayoutsTest {

    /** Resource types that exist once per account (or once per account and region). */
    static final Set<String> ACCOUNT_TYPES = Set.of(
            "aws_cloudtrail", "aws_cloudwatch_log_metric_filter", "aws_iam_account_password_policy",
            "aws_s3_account_public_access_block", "aws_account_alternate_contact", "aws_config_configuration_recorder",
            "aws_config_delivery_channel", "aws_config_configuration_recorder_status", "aws_guardduty_detector",
            "aws_guardduty_detector_feature", "aws_securityhub_account", "aws_securityhub_standards_subscription",
            "aws_securityhub_finding_aggregator", "aws_accessanalyzer_analyzer", "aws_ebs_encryption_by_default",
            "aws_ec2_instance_metadata_defaults", "aws_ebs_snapshot_block_public_access", "aws_ec2_image_block_public_access",
            "aws_ec2_serial_console_access");

    /** Layout → the account stacks, and each environment's account id. */
    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of(Layouts.ONE_IMPLICIT_ACCOUNT, Set.of("baseline-account-default"), Map.of()),
                Arguments.of(Layouts.THREE_ACCOUNTS, Set.of("baseline-account-111111111111", "baseline-account-222222222222",
                                "baseline-account-333333333333"),
                        Map.of("dev", Layouts.DEV_ACCOUNT, "staging", Layouts.STAGING_ACCOUNT, "prod", Layouts.PROD_ACCOUNT)),
                Arguments.of(Layouts.SHARED_AND_SEPARATE, Set.of("baseline-account-111111111111", "baseline-account-333333333333"),
                        Map.of("dev", Layouts.DEV_ACCOUNT, "staging", Layouts.DEV_ACCOUNT, "prod", Layouts.PROD_ACCOUNT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void theAccountPartExistsExactlyOncePerAccountInItsAccountStackAndNoEnvironmentHasAnAliasedProvider(
            String layout, Set<String> accountStacks, Map<String, String> accounts) {
        Map<String, Synthesized> app = Layouts.app(layout);

        assertThat(app.keySet().stream().filter(name -> name.startsWith("baseline-account-"))).containsExactlyInAnyOrderElementsOf(accountStacks);
        for (String stack : accountStacks) {
            for (String type : ACCOUNT_TYPES) {
                if (!type.equals("aws_account_alternate_contact")) {
                    assertThat(app.get(stack).resources(type)).as("%s in %s", type, stack).isNotEmpty();
                }
            }
            assertThat(app.get(stack).resources("aws_guardduty_detector")).hasSize(17);
            assertThat(app.get(stack).resources("aws_cloudtrail")).containsOnlyKeys("main");
        }
        for (String environment : List.of("dev", "staging", "prod")) {
            Synthesized stack = app.get("baseline-" + environment);
            assertThat(stack.addresses()).as("account resources in %s", environment)
                    .noneMatch(address -> ACCOUNT_TYPES.contains(address.substring(0, address.indexOf('.'))));
            assertThat(stack.json().path("provider").path("aws")).as("providers of %s", environment).hasSize(1);
        }
        assertThat(app.get("baseline-bootstrap").resources("aws_cloudtrail")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void everyEnvironmentNamesItsAccountStack(String layout, Set<String> accountStacks, Map<String, String> accounts) {
        Map<String, Synthesized> app = Layouts.app(layout);
        for (String environment : List.of("dev", "staging", "prod")) {
            String expected = "baseline-account-" + accounts.getOrDefault(environment, "default");
            assertThat(app.get("baseline-" + environment).output("account_stack").path("value").asText()).as(environment).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void everyProviderOfAStackWithAnAccountIdIsPinnedToIt(String layout, Set<String> accountStacks, Map<String, String> accounts) {
        Map<String, Synthesized> app = Layouts.app(layout);
        app.forEach((name, stack) -> {
            String account = name.startsWith("baseline-account-") ? name.substring("baseline-account-".length())
                    : accounts.get(name.substring("baseline-".length()));
            for (JsonNode provider : stack.json().path("provider").path("aws")) {
                String alias = provider.path("alias").asText("default");
                if (account != null && account.matches("[0-9]{12}")) {
                    assertThat(texts(provider.path("allowed_account_ids"))).as("%s provider %s", name, alias).containsExactly(account);
                } else {
                    assertThat(provider.has("allowed_account_ids")).as("%s provider %s", name, alias).isFalse();
                }
            }
        });
    }

    @Test
    void eachStackAssumesItsOwnRoleAndTheStateStaysWithTheCallersCredentials() {
        Map<String, Synthesized> app = Synth.app(Map.of(
                "BASELINE_DEV_ACCOUNT_ID", Layouts.DEV_ACCOUNT, "BASELINE_STAGING_ACCOUNT_ID", Layouts.DEV_ACCOUNT,
                "BASELINE_PROD_DEPLOY_ROLE_ARN", Layouts.PROD_DEPLOY_ROLE,
                "BASELINE_ACCOUNT_333333333333_ACCOUNT_DEPLOY_ROLE_ARN", "arn:aws:iam::333333333333:role/baseline-account-admin"));
        JsonNode prodProviders = app.get("baseline-prod").json().path("provider").path("aws");
        JsonNode accountProviders = app.get("baseline-account-333333333333").json().path("provider").path("aws");

        assertThat(prodProviders).hasSize(1);
        assertThat(app.get("baseline-prod").deployRole()).isEqualTo(Layouts.PROD_DEPLOY_ROLE);
        assertThat(prodProviders.get(0).path("assume_role").get(0).path("session_name").asText()).isEqualTo("baseline-prod-deploy");
        assertThat(accountProviders).hasSize(18);
        for (JsonNode provider : accountProviders) {
            JsonNode role = provider.path("assume_role").get(0);
            assertThat(app.get("baseline-account-333333333333").deployRole(provider)).as(provider.path("alias").asText("default"))
                    .isEqualTo("arn:aws:iam::333333333333:role/baseline-account-admin");
            assertThat(role.path("session_name").asText()).isEqualTo("baseline-account-333333333333-deploy");
        }
        app.get("baseline-account-111111111111").json().path("provider").path("aws")
                .forEach(provider -> assertThat(provider.has("assume_role")).isFalse());
        for (String stack : List.of("baseline-prod", "baseline-account-333333333333")) {
            JsonNode backend = app.get(stack).json().path("terraform").path("backend").path("s3");
            assertThat(backend.has("role_arn") || backend.has("assume_role")).as("%s: the state bucket lives in the deploying account", stack).isFalse();
        }
    }

    @Test
    void theSynthListsTheStacksInTheOrderToDeployThem() {
        Map<String, Synthesized> app = Layouts.app(Layouts.SHARED_AND_SEPARATE);

        assertThat(app.keySet()).containsExactly("baseline-bootstrap", "baseline-account-111111111111", "baseline-account-333333333333",
                "baseline-dev", "baseline-staging", "baseline-prod");
    }

    @Test
    void labelsNameTheAccountStacks() {
        Map<String, Synthesized> app = Synth.app(Map.of("BASELINE_ACCOUNT_LABELS", "shared=111111111111,production=333333333333",
                "BASELINE_DEV_ACCOUNT_ID", Layouts.DEV_ACCOUNT, "BASELINE_STAGING_ACCOUNT_ID", Layouts.DEV_ACCOUNT,
                "BASELINE_PROD_ACCOUNT_ID", Layouts.PROD_ACCOUNT));

        assertThat(app.keySet()).contains("baseline-account-shared", "baseline-account-production");
        assertThat(app.get("baseline-staging").output("account_stack").path("value").asText()).isEqualTo("baseline-account-shared");
    }

    @Test
    void theSummaryOfEachAccountNamesItsStackAndItsEnvironments() {
        List<String> summaries = AppSettings.fromEnvironment(Layouts.all().get(Layouts.SHARED_AND_SEPARATE)).accounts().stream()
                .map(account -> account.summary("baseline")).toList();

        assertThat(summaries).containsExactly(
                "baseline-account-111111111111: account 111111111111, 17 guardrail regions (home us-east-1); environments baseline-dev, baseline-staging",
                "baseline-account-333333333333: account 333333333333, 17 guardrail regions (home us-east-1); environments baseline-prod");
    }

    @Test
    void aPipelinePerEnvironmentWritesTheSameAccountStackEveryTime() {
        Synthesized alone = Synth.app(Map.of("BASELINE_ENVIRONMENTS", "staging")).get("baseline-account-default");
        Synthesized together = Layouts.app(Layouts.ONE_IMPLICIT_ACCOUNT).get("baseline-account-default");

        assertThat(alone.addresses()).containsExactlyInAnyOrderElementsOf(together.addresses());
    }
}
