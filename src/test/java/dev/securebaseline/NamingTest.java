package dev.securebaseline;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names: Terraform addresses are a contract (renaming one replaces a live resource), and AWS names
 * are unique per deployment and within AWS's length limits.
 */
class NamingTest {

    /** Renaming any of these would destroy and recreate audit data, keys or the network. */
    static final List<String> PINNED_ADDRESSES = List.of(
            "aws_vpc.main", "aws_subnet.public_a", "aws_subnet.public_b", "aws_subnet.private_a", "aws_subnet.private_b",
            "aws_internet_gateway.main", "aws_nat_gateway.nat_a", "aws_eip.nat_a",
            "aws_route_table.public", "aws_route_table.private_a", "aws_route_table.private_b",
            "aws_default_security_group.main", "aws_security_group.alb", "aws_security_group.app",
            "aws_kms_key.main", "aws_kms_alias.main",
            "aws_s3_bucket.trail", "aws_s3_bucket.access_logs",
            "aws_cloudtrail.main", "aws_cloudwatch_log_group.trail", "aws_cloudwatch_log_group.flow_logs",
            "aws_flow_log.main", "aws_sns_topic.alarms",
            "aws_iam_role.trail", "aws_iam_role.flow_logs",
            "aws_s3_bucket.alb_logs", "aws_lb.main", "aws_lb_target_group.app", "aws_lb_listener.http",
            "aws_launch_template.app", "aws_autoscaling_group.app", "aws_iam_role.app", "aws_iam_instance_profile.app",
            "aws_iam_service_linked_role.autoscaling");

    private final Synthesized defaults = Synth.defaults();

    @Test
    void statefulResourcesKeepTheirReadableAddresses() {
        assertThat(defaults.addresses()).containsAll(PINNED_ADDRESSES);
    }

    @Test
    void addressesAreReadableNamesNotHashes() {
        assertThat(defaults.addresses()).allSatisfy(address ->
                assertThat(address.substring(address.indexOf('.') + 1)).matches("[a-z][a-z0-9_]*").doesNotContainPattern("[0-9a-f]{8}"));
    }

    @Test
    void namesWithoutAPrefixArgumentCarryTheDeploymentIdWhichFollowsTheState() {
        Synthesized other = Synth.of(Map.of("BASELINE_STATE_KEY", "team-b/dev/terraform.tfstate"));
        String trail = defaults.resource("aws_cloudtrail", "main").path("name").asText();
        String otherTrail = other.resource("aws_cloudtrail", "main").path("name").asText();

        assertThat(trail).matches("baseline-dev-[0-9a-f]{6}-trail");
        assertThat(otherTrail).matches("baseline-dev-[0-9a-f]{6}-trail").isNotEqualTo(trail);
        String idFromAFreshRead = Naming.of(Synth.settings(Map.of())).deploymentId();
        assertThat(trail).as("stable from run to run").isEqualTo("baseline-dev-" + idFromAFreshRead + "-trail");
    }

    @Test
    void resourcesWithAPrefixArgumentUseItSoAwsMakesTheNameUnique() {
        assertThat(defaults.resource("aws_s3_bucket", "trail").path("bucket_prefix").asText()).isEqualTo("baseline-dev-trail-");
        assertThat(defaults.resource("aws_iam_role", "trail").path("name_prefix").asText()).isEqualTo("baseline-dev-cloudtrail-");
        assertThat(defaults.resource("aws_security_group", "app").path("name_prefix").asText()).isEqualTo("baseline-dev-app-");
        assertThat(defaults.resource("aws_sns_topic", "alarms").path("name_prefix").asText()).isEqualTo("baseline-dev-alarms-");
        assertThat(defaults.resource("aws_cloudwatch_log_group", "trail").path("name_prefix").asText())
                .isEqualTo("/baseline/dev/cloudtrail-");
    }

    @Test
    void theLongestAcceptedNamesStayWithinAwsLimits() {
        Synthesized longest = Synth.of(Map.of("BASELINE_PROJECT", "abcdefghijklm", "BASELINE_ENVIRONMENTS", "staging"));

        longest.resources("aws_s3_bucket").forEach((name, bucket) ->
                assertThat(bucket.path("bucket_prefix").asText()).as("bucket_prefix of %s", name).hasSizeLessThanOrEqualTo(37));
        longest.resources("aws_iam_role").forEach((name, role) ->
                assertThat(role.path("name_prefix").asText()).as("name_prefix of role %s", name).hasSizeLessThanOrEqualTo(38));
        longest.resources("aws_cloudwatch_metric_alarm").forEach((name, alarm) ->
                assertThat(alarm.path("alarm_name").asText()).as(name).hasSizeLessThanOrEqualTo(255));
        assertThat(longest.resource("aws_cloudtrail", "main").path("name").asText()).hasSizeLessThanOrEqualTo(128);
        assertThat(longest.settings().baseName()).hasSize(BaselineSettings.MAX_BASE_NAME_LENGTH);
    }
}
