package dev.securebaseline.tf;

import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names: Terraform addresses are a contract (renaming one replaces a live resource), and AWS names are unique per
 * deployment. Their lengths, at the longest accepted settings, are {@code stacks.LongestNamesTest}'s.
 */
class NamingTest {

    /** Renaming any of these would destroy and recreate the network, keys or logs of an environment. */
    static final List<String> ENVIRONMENT_ADDRESSES = List.of(
            "aws_vpc.main", "aws_subnet.public_a", "aws_subnet.public_b", "aws_subnet.private_a", "aws_subnet.private_b",
            "aws_internet_gateway.main", "aws_nat_gateway.nat_a", "aws_eip.nat_a",
            "aws_route_table.public", "aws_route_table.private_a", "aws_route_table.private_b",
            "aws_default_security_group.main", "aws_security_group.alb", "aws_security_group.app",
            "aws_kms_key.main", "aws_kms_alias.main", "aws_s3_bucket.access_logs", "aws_cloudwatch_log_group.flow_logs",
            "aws_flow_log.main", "aws_sns_topic.alarms", "aws_iam_role.flow_logs",
            "aws_s3_bucket.alb_logs", "aws_lb.main", "aws_lb_target_group.app", "aws_lb_listener.http",
            "aws_launch_template.app", "aws_autoscaling_group.app", "aws_iam_role.app", "aws_iam_instance_profile.app",
            "aws_iam_service_linked_role.autoscaling",
            "aws_network_acl.public", "aws_network_acl.private", "aws_default_network_acl.main");

    /**
     * Renaming any of these would destroy and recreate audit data or switch a guardrail off and on; they are
     * also the addresses of the earlier layout, so a migration is a move under the same address.
     */
    static final List<String> ACCOUNT_ADDRESSES = List.of(
            "aws_s3_bucket.trail", "aws_cloudtrail.main", "aws_cloudwatch_log_group.trail", "aws_iam_role.trail",
            "aws_kms_key.audit", "aws_s3_bucket.config", "aws_s3_bucket.audit_access_logs",
            "aws_iam_service_linked_role.config", "aws_iam_role.support", "aws_iam_account_password_policy.main",
            "aws_s3_account_public_access_block.main", "aws_securityhub_finding_aggregator.main", "aws_sns_topic.security_alarms",
            "aws_config_configuration_recorder.us_east_1", "aws_config_configuration_recorder.eu_west_1",
            "aws_guardduty_detector.us_east_1", "aws_guardduty_detector.eu_west_1",
            "aws_securityhub_account.us_east_1", "aws_securityhub_account.eu_west_1",
            "aws_ebs_encryption_by_default.sa_east_1", "aws_default_security_group.default_vpc_ap_northeast_3");

    private final Synthesized defaults = Synth.defaults();
    private final Synthesized account = Synth.accountDefaults();

    @Test
    void statefulResourcesKeepTheirReadableAddresses() {
        assertThat(defaults.addresses()).containsAll(ENVIRONMENT_ADDRESSES);
        assertThat(account.addresses()).containsAll(ACCOUNT_ADDRESSES);
    }

    @Test
    void addressesAreReadableNamesNotHashes() {
        for (Synthesized stack : List.of(defaults, account)) {
            assertThat(stack.addresses()).allSatisfy(address ->
                    assertThat(address.substring(address.indexOf('.') + 1)).matches("[a-z][a-z0-9_]*").doesNotContainPattern("[0-9a-f]{8}"));
        }
    }

    @Test
    void namesWithoutAPrefixArgumentCarryTheDeploymentIdWhichFollowsTheState() {
        Synthesized other = Synth.of(Map.of("BASELINE_STATE_KEY", "team-b/dev/terraform.tfstate"));
        String alarm = defaults.resource("aws_cloudwatch_metric_alarm", "alb_5xx").path("alarm_name").asText();
        String otherAlarm = other.resource("aws_cloudwatch_metric_alarm", "alb_5xx").path("alarm_name").asText();

        assertThat(alarm).matches("baseline-dev-[0-9a-f]{6}-web-alb-5xx");
        assertThat(otherAlarm).matches("baseline-dev-[0-9a-f]{6}-web-alb-5xx").isNotEqualTo(alarm);
        String idFromAFreshRead = Naming.of(Synth.settings(Map.of())).deploymentId();
        assertThat(alarm).as("stable from run to run").isEqualTo("baseline-dev-" + idFromAFreshRead + "-web-alb-5xx");
    }

    @Test
    void theAccountStacksNamesFollowTheStateBucketAndTheAccountNeverAnEnvironment() {
        String trail = account.resource("aws_cloudtrail", "main").path("name").asText();
        String withStaging = Synth.accountOf(Map.of("BASELINE_ENVIRONMENTS", "staging")).resource("aws_cloudtrail", "main").path("name").asText();
        String otherKey = Synth.accountOf(Map.of("BASELINE_STATE_KEY", "team-b/dev/terraform.tfstate")).resource("aws_cloudtrail", "main").path("name").asText();
        String otherAccount = Synth.accountOf(Map.of("BASELINE_ACCOUNT_ID", "111122223333")).resource("aws_cloudtrail", "main").path("name").asText();
        String otherBucket = Synth.accountOf(Map.of("BASELINE_STATE_BUCKET", "acme-tfstate")).resource("aws_cloudtrail", "main").path("name").asText();

        assertThat(trail).matches("baseline-account-[0-9a-f]{6}-trail");
        assertThat(List.of(withStaging, otherKey)).as("which environments the account hosts renames nothing").containsOnly(trail);
        assertThat(List.of(otherAccount, otherBucket)).doesNotContain(trail).doesNotHaveDuplicates();
    }

    @Test
    void resourcesWithAPrefixArgumentUseItSoAwsMakesTheNameUnique() {
        assertThat(account.resource("aws_s3_bucket", "trail").path("bucket_prefix").asText()).isEqualTo("baseline-account-trail-");
        assertThat(account.resource("aws_iam_role", "trail").path("name_prefix").asText()).isEqualTo("baseline-account-cloudtrail-");
        assertThat(defaults.resource("aws_security_group", "app").path("name_prefix").asText()).isEqualTo("baseline-dev-app-");
        assertThat(defaults.resource("aws_sns_topic", "alarms").path("name_prefix").asText()).isEqualTo("baseline-dev-alarms-");
        assertThat(account.resource("aws_cloudwatch_log_group", "trail").path("name_prefix").asText())
                .isEqualTo("/baseline/account/cloudtrail-");
        assertThat(defaults.resource("aws_cloudwatch_log_group", "flow_logs").path("name_prefix").asText())
                .isEqualTo("/baseline/dev/vpc-flow-logs-");
    }
}
