package dev.securebaseline.settings;

import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.Synth;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A setting given where it changes nothing is accepted silently, and the preview would list it as a change: so every setting,
 * in each of its forms (for all, for one environment, for one account), given another valid value, is either refused naming
 * the variable given, or changes the JSON of some stack. The next setting that changes nothing is caught here.
 */
class EverySettingActsTest {

    /** Another valid value for every setting: what a user would set. A new setting without one fails the first test. */
    static final Map<Setting, String> ANOTHER_VALUE = Map.ofEntries(
            entry(Setting.PROJECT, "acme"), entry(Setting.ENVIRONMENTS, "dev"), entry(Setting.REGION, "eu-west-1"),
            entry(Setting.OWNER, "security-team"), entry(Setting.ACCOUNT_ID, "111111111111"),
            entry(Setting.DEPLOY_ROLE_ARN, "arn:aws:iam::111111111111:role/deploy"),
            entry(Setting.ORGANIZATION_FILE, Organizations.EXAMPLE.toString()), entry(Setting.ACCOUNT_LABELS, "shared=111111111111"),
            entry(Setting.VPC_CIDR, "10.5.0.0/16"), entry(Setting.AZ_COUNT, "3"), entry(Setting.NAT_STRATEGY, "per-az"),
            entry(Setting.STATE_BUCKET, "acme-tfstate"), entry(Setting.STATE_KEY, "team/env/terraform.tfstate"),
            entry(Setting.STATE_REGION, "eu-west-1"), entry(Setting.ALARM_EMAIL, "ops@yourcompany.com"),
            entry(Setting.ALB_INGRESS_CIDRS, "203.0.113.0/24"), entry(Setting.APP_PORT, "9090"), entry(Setting.SSH_CIDR, "10.0.1.0/24"),
            entry(Setting.LOG_RETENTION_DAYS, "731"), entry(Setting.LOG_BUCKET_GLACIER_DAYS, "120"),
            entry(Setting.LOG_BUCKET_EXPIRATION_DAYS, "3000"), entry(Setting.KMS_DELETION_WINDOW_DAYS, "7"),
            entry(Setting.ALLOW_DESTROY, "true"), entry(Setting.ENABLE_HTTPS, "true"), entry(Setting.DOMAIN_NAME, "shop.acme-corp.io"),
            entry(Setting.HOSTED_ZONE_ID, "Z0123456789ABCDEFGHIJ"), entry(Setting.HOSTED_ZONE_NAME, "acme-corp.io"),
            entry(Setting.CREATE_DNS_RECORD, "false"), entry(Setting.INSTANCE_TYPE, "t3.large"), entry(Setting.MIN_SIZE, "0"),
            entry(Setting.DESIRED_CAPACITY, "2"), entry(Setting.MAX_SIZE, "4"), entry(Setting.HEALTH_CHECK_PATH, "/status"),
            entry(Setting.ROOT_VOLUME_GB, "16"), entry(Setting.DELETION_PROTECTION, "true"), entry(Setting.CPU_TARGET_PERCENT, "60"),
            entry(Setting.UNHEALTHY_HOSTS_THRESHOLD, "2"), entry(Setting.TARGET_5XX_RATE_PERCENT, "10"), entry(Setting.ALB_5XX_THRESHOLD, "20"),
            entry(Setting.ENABLE_WAF, "true"), entry(Setting.WAF_RATE_LIMIT, "1000"), entry(Setting.WAF_COUNT_MODE, "true"),
            entry(Setting.WAF_BLOCKED_REQUESTS_THRESHOLD, "50"), entry(Setting.HOME_REGION, "eu-west-1"), entry(Setting.GUARDRAIL_REGIONS, "us-east-1,eu-west-1,eu-central-1"),
            entry(Setting.ACCOUNT_DEPLOY_ROLE_ARN, "arn:aws:iam::111111111111:role/admin"),
            entry(Setting.ACCOUNT_STATE_KEY, "acme/account/terraform.tfstate"), entry(Setting.SECURITY_ALARM_EMAIL, "security@yourcompany.com"),
            entry(Setting.TRAIL_LOG_RETENTION_DAYS, "731"), entry(Setting.MANAGE_CONFIG, "false"), entry(Setting.MANAGE_GUARDDUTY, "false"),
            entry(Setting.MANAGE_SECURITY_HUB, "false"), entry(Setting.MANAGE_ACCESS_ANALYZER, "false"),
            entry(Setting.ADOPT_GUARDDUTY_DETECTORS, "us-east-1=0123456789abcdef0123456789abcdef"), entry(Setting.ADOPT_SECURITY_HUB, "us-east-1"),
            entry(Setting.ADOPT_CONFIG_RECORDERS, "us-east-1=default"), entry(Setting.ADOPT_CONFIG_DELIVERY_CHANNELS, "us-east-1=default"),
            entry(Setting.ADOPT_ACCESS_ANALYZERS, "us-east-1=ConsoleAnalyzer"), entry(Setting.CONFIG_RECORDING_FREQUENCY, "daily"),
            entry(Setting.GUARDDUTY_PROTECTIONS, "eks-audit-logs"), entry(Setting.PASSWORD_MIN_LENGTH, "16"),
            entry(Setting.PASSWORD_MAX_AGE_DAYS, "90"), entry(Setting.SECURITY_CONTACT_EMAIL, "security@yourcompany.com"),
            entry(Setting.SECURITY_CONTACT_NAME, "SecOps"), entry(Setting.SECURITY_CONTACT_TITLE, "Chief"),
            entry(Setting.SECURITY_CONTACT_PHONE, "+1 206 555 0100"), entry(Setting.TRAIL_DATA_EVENTS, "s3"), entry(Setting.IMDS_HOP_LIMIT, "1"),
            entry(Setting.UNUSED_ACCESS_ANALYZER, "true"), entry(Setting.UNUSED_ACCESS_AGE_DAYS, "30"), entry(Setting.TRAIL_GLACIER_DAYS, "120"),
            entry(Setting.TRAIL_EXPIRATION_DAYS, "3000"), entry(Setting.ALLOW_ACCOUNT_DESTROY, "true"),
            entry(Setting.GITHUB_REPOSITORY, "example-org/aws-baseline"), entry(Setting.GITHUB_DEFAULT_BRANCH, "trunk"),
            entry(Setting.GITHUB_APPROVAL_ENVIRONMENT, "approved"), entry(Setting.GITHUB_OIDC_PROVIDER, "existing"),
            entry(Setting.STATE_ACCOUNT_ID, "999999999999"));

    /** Standalone: dev (no HTTPS, no firewall) and prod (a firewall), one account, two guardrail regions to keep it quick. */
    private static final Map<String, String> STANDALONE = Map.of("BASELINE_ENVIRONMENTS", "dev,prod", "BASELINE_GUARDRAIL_REGIONS", "us-east-1,eu-west-1");

    @Test
    void everySettingHasAnotherValueToTry() {
        assertThat(ANOTHER_VALUE.keySet()).containsExactlyInAnyOrder(Setting.values());
        ANOTHER_VALUE.forEach((setting, value) -> assertThat(value).as(setting.name()).isNotEqualTo(setting.defaultValue()));
    }

    @Test
    void everyFormOfEverySettingIsRefusedByNameOrChangesSomeStack() {
        assertThat(inertForms(STANDALONE, setting -> true, "default", value -> value))
                .as("settings accepted although every stack's JSON stays the same").isEmpty();
    }

    @Test
    void everyAccountFormInOrganizationsModeIsRefusedByNameOrChangesSomeStack() {
        Map<String, String> organization = new HashMap<>(Organizations.example());
        organization.put("BASELINE_ENVIRONMENTS", "dev,prod");
        assertThat(inertForms(organization, setting -> setting.scope() == Setting.Scope.ACCOUNT, "shared",
                value -> value.replace("111111111111", "444444444444")))
                .as("settings accepted although every stack's JSON stays the same").isEmpty();
    }

    /**
     * Each form of each setting {@code which} accepts, set to another value on top of {@code base}: refused naming the
     * variable, or else it must change some stack's JSON. Returns the forms accepted that changed nothing.
     */
    private static List<String> inertForms(Map<String, String> base, java.util.function.Predicate<Setting> which, String forms,
                                           java.util.function.UnaryOperator<String> value) {
        Map<String, com.fasterxml.jackson.databind.JsonNode> baseline = jsonOf(base);
        List<String> inert = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            if (!which.test(setting)) {
                continue;
            }
            for (String variable : forms(setting, forms)) {
                Map<String, String> variables = new HashMap<>(base);
                variables.put(variable, value.apply(ANOTHER_VALUE.get(setting)));
                try {
                    AppSettings.fromEnvironment(variables);
                } catch (SettingsException refused) {
                    assertThat(refused.problems()).as("%s is refused by name", variable)
                            .anySatisfy(p -> assertThat(p).containsAnyOf(variable + "=", setting.variable()));
                    continue;
                }
                if (jsonOf(variables).equals(baseline)) {
                    inert.add(variable + "=" + variables.get(variable));
                }
            }
        }
        return inert;
    }

    /** {@code BASELINE_<SETTING>}, and its form for dev or for the account of that label. */
    private static List<String> forms(Setting setting, String accountLabel) {
        List<String> forms = new ArrayList<>(List.of(setting.variable()));
        if (setting.scope() == Setting.Scope.ENVIRONMENT) {
            forms.add(Environment.DEV.variable(setting));
        } else if (setting.scope() == Setting.Scope.ACCOUNT) {
            forms.add(new AccountScope(accountLabel).variable(setting));
        }
        return forms;
    }

    private static Map<String, com.fasterxml.jackson.databind.JsonNode> jsonOf(Map<String, String> variables) {
        Map<String, com.fasterxml.jackson.databind.JsonNode> json = new LinkedHashMap<>();
        Synth.app(variables).forEach((name, stack) -> json.put(name, stack.json()));
        return json;
    }
}
