package dev.securebaseline.web;

import dev.securebaseline.monitoring.Monitoring;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.settings.BaselineSettings.Firewall;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.listOf;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * AWS WAF in front of an environment's load balancer: a regional web ACL that allows by default, AWS
 * managed rule groups, a rate limit per source IP, logging to an encrypted log group with credentials
 * redacted, and an alarm on blocked requests. Checkov CKV2_AWS_28, CKV2_AWS_76, CKV_AWS_192, CKV2_AWS_31.
 */
public final class WebFirewall {

    /**
     * In evaluation order: known bad IP addresses first (cheapest to reject), the common rule set (OWASP
     * top ten), known bad inputs (Log4j's JNDI lookups among them).
     */
    static final List<String> MANAGED_RULE_GROUPS = List.of(
            "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet");
    static final String RATE_RULE = "rate-limit-per-ip";
    /** Credentials and sessions never reach the log group. */
    static final List<String> REDACTED_HEADERS = List.of("authorization", "cookie");
    /** WAF logs only to log groups whose name starts so. */
    static final String LOG_GROUP_PREFIX = "aws-waf-logs-";
    private static final int PRIORITY_STEP = 10;
    private static final int ALARM_PERIOD_SECONDS = 300;

    private WebFirewall() {
    }

    /**
     * Writes the web ACL for {@code loadBalancer}; logs go to a log group encrypted with {@code keyArn}
     * and kept {@code logRetentionDays}; the alarm notifies {@code topic}.
     */
    public static Ref write(Tf tf, Naming names, AwsContext aws, Firewall firewall, Ref loadBalancer, String keyArn,
                     Ref logRetentionDays, boolean protect, Ref topic) {
        String aclName = names.unique("waf");
        List<Object> rules = new ArrayList<>();
        int priority = 0;
        for (String group : MANAGED_RULE_GROUPS) {
            priority += PRIORITY_STEP;
            rules.add(map(
                    "name", group,
                    "priority", priority,
                    // Count mode: the group's rules count and log what they would block, and block nothing.
                    "override_action", map(firewall.countMode() ? "count" : "none", map()),
                    "statement", map("managed_rule_group_statement", map("name", group, "vendor_name", "AWS")),
                    "visibility_config", visibility(group)));
        }
        rules.add(map(
                "name", RATE_RULE,
                "priority", priority + PRIORITY_STEP,
                "action", map("block", map()),
                "statement", map("rate_based_statement", map("limit", firewall.rateLimit(), "aggregate_key_type", "IP")),
                "visibility_config", visibility(RATE_RULE)));

        Ref acl = tf.resource("aws_wafv2_web_acl", "main", map(
                "name", aclName,
                "description", "Managed rule groups and a per-IP rate limit in front of " + names.display("alb"),
                "scope", "REGIONAL",
                "default_action", map("allow", map()),
                "rule", rules,
                "visibility_config", visibility(aclName),
                "tags", tags(names.display("waf"))));
        tf.resource("aws_wafv2_web_acl_association", "main", map(
                "resource_arn", loadBalancer.get("arn"),
                "web_acl_arn", acl.get("arn")));

        Ref logGroup = Monitoring.logGroup(tf, "waf", LOG_GROUP_PREFIX + names.prefix("waf"), names.display("waf-logs"), keyArn,
                logRetentionDays.value(), protect);
        // Written here rather than left to WAF, which would append it to a shared account policy of its own.
        Ref delivery = tf.resource("aws_cloudwatch_log_resource_policy", "waf_logging", map(
                "policy_name", names.unique("waf-log-delivery"),
                "policy_document", Policies.logDelivery(aws, logGroup.get("arn")).json()));
        tf.resource("aws_wafv2_web_acl_logging_configuration", "main", map(
                "resource_arn", acl.get("arn"),
                "log_destination_configs", list(logGroup.get("arn")),
                "redacted_fields", listOf(REDACTED_HEADERS.stream().map(header -> (Object) map("single_header", map("name", header))).toList()),
                "depends_on", list(delivery.dependency())));

        Monitoring.alarm(tf, names, topic, "waf_blocked_requests", "waf-blocked-requests",
                "The web ACL blocked at least " + firewall.blockedRequestsThreshold() + " requests in 5 minutes", map(
                        "namespace", "AWS/WAFV2",
                        "metric_name", "BlockedRequests",
                        "dimensions", map("WebACL", aclName, "Rule", "ALL", "Region", aws.region()),
                        "statistic", "Sum",
                        "period", ALARM_PERIOD_SECONDS,
                        "evaluation_periods", 1,
                        "threshold", firewall.blockedRequestsThreshold(),
                        "comparison_operator", "GreaterThanOrEqualToThreshold"));
        return acl;
    }

    /** CloudWatch metrics and sampled requests for every rule and the ACL itself. */
    private static Map<String, Object> visibility(String metricName) {
        return map("cloudwatch_metrics_enabled", true, "metric_name", metricName, "sampled_requests_enabled", true);
    }
}
