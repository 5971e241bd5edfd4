package dev.securebaseline.preview;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The estimated monthly cost of one synthesized stack: what it bills whether or not anything happens
 * (hours of NAT gateways, load balancers, public IPv4 addresses and instances; keys; alarm metrics; web
 * ACLs and their rules), computed from the resources in its JSON, plus the prices of what it bills by use.
 *
 * <p>Prices are AWS list prices for us-east-1 (Linux, on demand), 730 hours a month; other regions
 * differ. They change: the pricing pages are the authority, this table is the project's reading of them.
 */
final class MonthlyCost {

    static final String ASSUMPTIONS = "AWS list prices for us-east-1 (Linux, on demand), 730 hours a month, the Auto Scaling groups at "
            + "their desired capacity, before tax, free tiers and data volume; other regions differ. Billed by use (listed under each "
            + "stack) is not in the totals.";

    static final BigDecimal HOURS = new BigDecimal("730");
    static final BigDecimal NAT_GATEWAY_HOUR = new BigDecimal("0.045");
    static final BigDecimal PUBLIC_IPV4_HOUR = new BigDecimal("0.005");
    static final BigDecimal ALB_HOUR = new BigDecimal("0.0225");
    static final BigDecimal KMS_KEY_MONTH = new BigDecimal("1.00");
    static final BigDecimal ALARM_METRIC_MONTH = new BigDecimal("0.10");
    static final BigDecimal GP3_GB_MONTH = new BigDecimal("0.08");
    /** EC2 detailed monitoring: 7 metrics per instance at $0.30 each. */
    static final BigDecimal DETAILED_MONITORING_MONTH = new BigDecimal("2.10");
    static final BigDecimal WEB_ACL_MONTH = new BigDecimal("5.00");
    static final BigDecimal WEB_ACL_RULE_MONTH = new BigDecimal("1.00");

    /** On-demand Linux prices per hour of the instance types the price table knows. */
    static final Map<String, BigDecimal> INSTANCE_HOUR = Map.ofEntries(
            Map.entry("t3.nano", new BigDecimal("0.0052")), Map.entry("t3.micro", new BigDecimal("0.0104")),
            Map.entry("t3.small", new BigDecimal("0.0208")), Map.entry("t3.medium", new BigDecimal("0.0416")),
            Map.entry("t3.large", new BigDecimal("0.0832")), Map.entry("t3.xlarge", new BigDecimal("0.1664")),
            Map.entry("t3.2xlarge", new BigDecimal("0.3328")),
            Map.entry("t4g.nano", new BigDecimal("0.0042")), Map.entry("t4g.micro", new BigDecimal("0.0084")),
            Map.entry("t4g.small", new BigDecimal("0.0168")), Map.entry("t4g.medium", new BigDecimal("0.0336")),
            Map.entry("t4g.large", new BigDecimal("0.0672")), Map.entry("t4g.xlarge", new BigDecimal("0.1344")),
            Map.entry("m5.large", new BigDecimal("0.096")), Map.entry("m6i.large", new BigDecimal("0.096")),
            Map.entry("m7i.large", new BigDecimal("0.1008")), Map.entry("m7g.large", new BigDecimal("0.0816")),
            Map.entry("c6i.large", new BigDecimal("0.085")), Map.entry("c7g.large", new BigDecimal("0.0725")));

    /** What a resource type bills by use, in the order the preview lists it. */
    static final Map<String, String> BY_USE = byUse();

    private static Map<String, String> byUse() {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("aws_nat_gateway", "NAT gateway data processed: $0.045/GB");
        notes.put("aws_lb", "load balancer capacity units: $0.008 per LCU-hour");
        notes.put("aws_wafv2_web_acl", "AWS WAF requests: $0.60 per million");
        notes.put("aws_cloudwatch_log_group", "CloudWatch Logs: $0.50/GB ingested, $0.03/GB-month stored");
        notes.put("aws_s3_bucket", "S3: $0.023/GB-month (Standard), less in Glacier after the transition; requests");
        notes.put("aws_cloudtrail", "CloudTrail: the first copy of management events is free; data events $0.10 per 100,000");
        notes.put("aws_config_configuration_recorder", "AWS Config: $0.003 per configuration item recorded (continuous), $0.012 (daily)");
        notes.put("aws_guardduty_detector", "GuardDuty: $4 per million CloudTrail management events, $1/GB of VPC flow and DNS logs analysed "
                + "(first tiers); 30-day free trial");
        notes.put("aws_securityhub_account", "Security Hub: $0.0010 per security check (first 100,000 a month)");
        notes.put("aws_sns_topic", "SNS: the first million publishes and 1,000 emails a month are free");
        return notes;
    }

    /** One line of a stack's fixed monthly cost; {@code unit} is empty when the price table does not know the item. */
    record Line(String item, int quantity, Optional<BigDecimal> unit, String basis) {
        Optional<BigDecimal> monthly() {
            return unit.map(u -> u.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP));
        }
    }

    private MonthlyCost() {
    }

    /** The stack's fixed monthly cost lines, each with a quantity counted in its JSON. */
    static List<Line> lines(StackFacts stack) {
        List<Line> lines = new ArrayList<>();
        add(lines, "NAT gateway", stack.resources("aws_nat_gateway").size(), hourly(NAT_GATEWAY_HOUR), "$0.045/hour each");
        add(lines, "Elastic IP (public IPv4)", stack.resources("aws_eip").size(), hourly(PUBLIC_IPV4_HOUR), "$0.005/hour each");
        add(lines, "Application Load Balancer", stack.resources("aws_lb").size(), hourly(ALB_HOUR), "$0.0225/hour each");
        add(lines, "load balancer public IPv4 (one per zone)", loadBalancerPublicAddresses(stack), hourly(PUBLIC_IPV4_HOUR), "$0.005/hour each");
        instances(stack, lines);
        add(lines, "KMS key", stack.resources("aws_kms_key").size(), KMS_KEY_MONTH, "$1/month each");
        add(lines, "CloudWatch alarm metrics", alarmMetrics(stack), ALARM_METRIC_MONTH, "$0.10/month per metric an alarm reads");
        add(lines, "AWS WAF web ACL", stack.resources("aws_wafv2_web_acl").size(), WEB_ACL_MONTH, "$5/month each");
        add(lines, "AWS WAF rules and rule groups", stack.resources("aws_wafv2_web_acl").values().stream().mapToInt(a -> a.path("rule").size()).sum(),
                WEB_ACL_RULE_MONTH, "$1/month each");
        return lines;
    }

    /** The sum of the lines the price table knows. */
    static BigDecimal total(List<Line> lines) {
        return lines.stream().map(Line::monthly).flatMap(Optional::stream).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** What the stack bills by use. */
    static List<String> byUse(StackFacts stack) {
        return BY_USE.entrySet().stream().filter(e -> !stack.resources(e.getKey()).isEmpty()).map(Map.Entry::getValue).toList();
    }

    private static BigDecimal hourly(BigDecimal perHour) {
        return perHour.multiply(HOURS);
    }

    private static void add(List<Line> lines, String item, int quantity, BigDecimal unit, String basis) {
        if (quantity > 0) {
            lines.add(new Line(item, quantity, Optional.of(unit), basis));
        }
    }

    /** An internet-facing load balancer has a public IPv4 address in each of its subnets' zones. */
    private static int loadBalancerPublicAddresses(StackFacts stack) {
        return stack.resources("aws_lb").values().stream().filter(lb -> !lb.path("internal").asBoolean(false))
                .mapToInt(lb -> lb.path("subnets").size()).sum();
    }

    /** Each Auto Scaling group at its desired capacity, with its launch template's type, volume and monitoring. */
    private static void instances(StackFacts stack, List<Line> lines) {
        for (JsonNode group : stack.resources("aws_autoscaling_group").values()) {
            int desired = group.path("desired_capacity").asInt();
            JsonNode template = launchTemplate(stack, group);
            String type = template.path("instance_type").asText();
            Optional<BigDecimal> perHour = Optional.ofNullable(INSTANCE_HOUR.get(type));
            lines.add(new Line("EC2 instance " + type, desired, perHour.map(MonthlyCost::hourly),
                    perHour.map(p -> "$" + p.stripTrailingZeros().toPlainString() + "/hour each").orElse("not in the price table: see EC2 pricing")));
            int gigabytes = template.path("block_device_mappings").path(0).path("ebs").path("volume_size").asInt();
            add(lines, "EBS gp3 root volume, GB", desired * gigabytes, GP3_GB_MONTH, "$0.08/GB-month");
            if (template.path("monitoring").path("enabled").asBoolean(false)) {
                add(lines, "EC2 detailed monitoring", desired, DETAILED_MONITORING_MONTH, "7 metrics at $0.30/month per instance");
            }
        }
    }

    private static JsonNode launchTemplate(StackFacts stack, JsonNode group) {
        String reference = group.path("launch_template").path("id").asText();
        return stack.resources("aws_launch_template").entrySet().stream()
                .filter(e -> reference.equals("${aws_launch_template." + e.getKey() + ".id}")).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException(stack.name() + ": the Auto Scaling group's launch template " + reference + " is not in the stack"));
    }

    /** An alarm on one metric bills one metric; an alarm on metric math bills each metric it reads. */
    private static int alarmMetrics(StackFacts stack) {
        return stack.resources("aws_cloudwatch_metric_alarm").values().stream().mapToInt(alarm -> {
            if (!alarm.has("metric_query")) {
                return 1;
            }
            int metrics = 0;
            for (JsonNode query : alarm.path("metric_query")) {
                metrics += query.has("metric") ? 1 : 0;
            }
            return metrics;
        }).sum();
    }
}
