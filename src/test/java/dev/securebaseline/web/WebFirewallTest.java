package dev.securebaseline.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.SettingsException;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.securebaseline.testing.Synthesized.texts;
import static dev.securebaseline.testing.Synthesized.ref;
import static org.assertj.core.api.Assertions.assertThat;

/** AWS WAF in front of the load balancer: on in prod, off elsewhere unless asked, with its rules, logging and alarm. */
class WebFirewallTest {

    private final Map<String, Synthesized> app = Synth.app(Map.of());
    private final JsonNode acl = app.get("baseline-prod").resource("aws_wafv2_web_acl", "main");

    @Test
    void productionHasAWebAclOnItsLoadBalancerAndDevAndStagingHaveNoneUnlessAsked() {
        Synthesized prod = app.get("baseline-prod");
        assertThat(prod.resource("aws_wafv2_web_acl_association", "main").path("resource_arn").asText()).isEqualTo(ref("aws_lb.main", "arn"));
        assertThat(prod.resource("aws_wafv2_web_acl_association", "main").path("web_acl_arn").asText()).isEqualTo(ref("aws_wafv2_web_acl.main", "arn"));
        assertThat(prod.output("web_acl_arn").path("value").asText()).isEqualTo(ref("aws_wafv2_web_acl.main", "arn"));
        for (String environment : List.of("baseline-dev", "baseline-staging")) {
            assertThat(app.get(environment).text()).as(environment).doesNotContain("aws_wafv2");
        }
        assertThat(Synth.app(Map.of("BASELINE_DEV_ENABLE_WAF", "true")).get("baseline-dev").hasResource("aws_wafv2_web_acl", "main")).isTrue();
    }

    @Test
    void theWebAclAllowsByDefaultAndRunsTheThreeManagedGroupsThenThePerIpRateLimit() {
        assertThat(acl.path("scope").asText()).isEqualTo("REGIONAL");
        assertThat(acl.path("default_action").has("allow")).isTrue();
        List<String> names = new ArrayList<>();
        acl.path("rule").forEach(rule -> names.add(rule.path("name").asText()));
        assertThat(names).containsExactly("AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet",
                "AWSManagedRulesKnownBadInputsRuleSet", "rate-limit-per-ip");
        acl.path("rule").forEach(rule -> {
            JsonNode visibility = rule.path("visibility_config");
            assertThat(visibility.path("cloudwatch_metrics_enabled").asBoolean() && visibility.path("sampled_requests_enabled").asBoolean())
                    .as(rule.path("name").asText()).isTrue();
        });
        assertThat(acl.path("rule").get(0).path("statement").path("managed_rule_group_statement").path("vendor_name").asText()).isEqualTo("AWS");
        assertThat(acl.path("rule").get(1).path("override_action").has("none")).as("blocking, not counting").isTrue();
        JsonNode rate = acl.path("rule").get(3);
        assertThat(rate.path("action").has("block")).isTrue();
        assertThat(rate.path("statement").path("rate_based_statement").path("limit").asInt()).isEqualTo(2000);
        assertThat(rate.path("statement").path("rate_based_statement").path("aggregate_key_type").asText()).isEqualTo("IP");
        List<Integer> priorities = new ArrayList<>();
        acl.path("rule").forEach(rule -> priorities.add(rule.path("priority").asInt()));
        assertThat(priorities).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void countModeCountsWithTheManagedGroupsButTheRateLimitStillBlocksAtItsConfiguredRate() {
        JsonNode counting = Synth.of(Map.of("BASELINE_ENVIRONMENTS", "prod", "BASELINE_WAF_COUNT_MODE", "true", "BASELINE_WAF_RATE_LIMIT", "500",
                "BASELINE_GUARDRAIL_REGIONS", "us-east-1")).resource("aws_wafv2_web_acl", "main");

        for (int i = 0; i < 3; i++) {
            assertThat(counting.path("rule").get(i).path("override_action").has("count")).isTrue();
        }
        assertThat(counting.path("rule").get(3).path("action").has("block")).isTrue();
        assertThat(counting.path("rule").get(3).path("statement").path("rate_based_statement").path("limit").asInt()).isEqualTo(500);
    }

    @Test
    void theWebAclLogsToAnEncryptedAwsWafLogsGroupWithCredentialsRedacted() {
        Synthesized prod = app.get("baseline-prod");
        JsonNode logging = prod.resource("aws_wafv2_web_acl_logging_configuration", "main");
        assertThat(texts(logging.path("log_destination_configs"))).containsExactly(ref("aws_cloudwatch_log_group.waf", "arn"));
        List<String> redacted = new ArrayList<>();
        logging.path("redacted_fields").forEach(field -> redacted.add(field.path("single_header").path("name").asText()));
        assertThat(redacted).containsExactly("authorization", "cookie");

        JsonNode group = prod.resource("aws_cloudwatch_log_group", "waf");
        assertThat(group.path("name_prefix").asText()).startsWith("aws-waf-logs-");
        assertThat(group.path("kms_key_id").asText()).isEqualTo(ref("aws_kms_key.main", "arn"));
        assertThat(group.path("retention_in_days").asText()).isEqualTo("${var.log_retention_days}");
        assertThat(group.path("lifecycle").path("prevent_destroy").asBoolean()).isTrue();
    }

    @Test
    void blockedRequestsAboveTheThresholdRaiseAnAlarmOnTheTopic() {
        JsonNode alarm = app.get("baseline-prod").resource("aws_cloudwatch_metric_alarm", "waf_blocked_requests");

        assertThat(alarm.path("namespace").asText()).isEqualTo("AWS/WAFV2");
        assertThat(alarm.path("metric_name").asText()).isEqualTo("BlockedRequests");
        assertThat(alarm.path("dimensions").path("WebACL").asText()).isEqualTo(acl.path("name").asText());
        assertThat(alarm.path("dimensions").path("Rule").asText()).isEqualTo("ALL");
        assertThat(alarm.path("dimensions").path("Region").asText()).isEqualTo("us-east-1");
        assertThat(alarm.path("threshold").asInt()).isEqualTo(100);
        assertThat(texts(alarm.path("alarm_actions"))).containsExactly(ref("aws_sns_topic.alarms", "arn"));
    }

    @Test
    void badWafSettingsAreRefused() {
        for (Map.Entry<String, String> bad : Map.of("BASELINE_WAF_RATE_LIMIT", "50", "BASELINE_ENABLE_WAF", "yes",
                "BASELINE_WAF_BLOCKED_REQUESTS_THRESHOLD", "0").entrySet()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of(bad.getKey(), bad.getValue())))
                    .isInstanceOf(SettingsException.class)
                    .hasMessageContaining(bad.getKey() + "=\"" + bad.getValue() + "\" is not accepted for dev, staging and prod: ")
                    .hasMessageContaining("Accepted: ");
        }
    }
}
