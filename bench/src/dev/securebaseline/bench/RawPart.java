package dev.securebaseline.bench;

import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.audit.CisControls;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.settings.DeployAccess;
import dev.securebaseline.storage.PrivateBucket;
import dev.securebaseline.storage.PrivateBucket.Encryption;
import dev.securebaseline.storage.PrivateBucket.Retention;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.AwsProvider;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;

import static dev.securebaseline.tf.Tf.expr;
import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * The benchmark's representative part of the baseline (network with flow logs, key, audit bucket,
 * trail, one CIS alarm and its topic), written the project's way: escape-hatch overrides. Its twin,
 * {@code BindingsPart}, writes the same resources with the generated bindings.
 */
public final class RawPart extends TerraformStack {

    public RawPart(Construct scope, String id) {
        super(scope, id);
        Tf tf = new Tf(this);
        AwsContext aws = AwsProvider.configure(tf, "us-east-1", map("project", "bench", "managed-by", "cdktf"), DeployAccess.none(), java.util.List.of());
        Ref zones = tf.data("aws_availability_zones", "available", map(
                "filter", list(map("name", "opt-in-status", "values", list("opt-in-not-required")))));

        Ref vpc = tf.resource("aws_vpc", "main", map("cidr_block", "10.0.0.0/16", "enable_dns_support", true,
                "enable_dns_hostnames", true, "tags", tags("bench-vpc")));
        tf.resource("aws_default_security_group", "main", map("vpc_id", vpc.get("id")));
        Ref gateway = tf.resource("aws_internet_gateway", "main", map("vpc_id", vpc.get("id")));
        List<Ref> publicSubnets = new ArrayList<>();
        List<Ref> privateSubnets = new ArrayList<>();
        for (int zone = 0; zone < 2; zone++) {
            for (String tier : List.of("public", "private")) {
                int netnum = tier.equals("public") ? zone : 8 + zone;
                Ref subnet = tf.resource("aws_subnet", tier + "_" + (char) ('a' + zone), map("vpc_id", vpc.get("id"),
                        "cidr_block", expr("cidrsubnet(" + vpc.attr("cidr_block") + ", 4, " + netnum + ")"),
                        "availability_zone", expr(zones.attr("names[" + zone + "]")), "map_public_ip_on_launch", false));
                (tier.equals("public") ? publicSubnets : privateSubnets).add(subnet);
            }
        }
        Ref ip = tf.resource("aws_eip", "nat_a", map("domain", "vpc"));
        Ref nat = tf.resource("aws_nat_gateway", "nat_a", map("allocation_id", ip.get("id"),
                "subnet_id", publicSubnets.get(0).get("id"), "depends_on", list(gateway.dependency())));
        Ref publicRoutes = tf.resource("aws_route_table", "public", map("vpc_id", vpc.get("id")));
        tf.resource("aws_route", "public_internet", map("route_table_id", publicRoutes.get("id"),
                "destination_cidr_block", "0.0.0.0/0", "gateway_id", gateway.get("id")));
        for (int zone = 0; zone < 2; zone++) {
            String suffix = String.valueOf((char) ('a' + zone));
            tf.resource("aws_route_table_association", "public_" + suffix, map("subnet_id", publicSubnets.get(zone).get("id"),
                    "route_table_id", publicRoutes.get("id")));
            Ref table = tf.resource("aws_route_table", "private_" + suffix, map("vpc_id", vpc.get("id")));
            tf.resource("aws_route", "private_" + suffix + "_nat", map("route_table_id", table.get("id"),
                    "destination_cidr_block", "0.0.0.0/0", "nat_gateway_id", nat.get("id")));
            tf.resource("aws_route_table_association", "private_" + suffix, map("subnet_id", privateSubnets.get(zone).get("id"),
                    "route_table_id", table.get("id")));
        }

        String trailArn = aws.arn("cloudtrail", "trail/bench-trail");
        Ref key = tf.resource("aws_kms_key", "main", map("enable_key_rotation", true, "deletion_window_in_days", 30,
                "policy", Policies.auditKeyPolicy(aws, trailArn, "log-group:*", false).json()));
        Ref flowLogs = tf.resource("aws_cloudwatch_log_group", "flow_logs", map("name_prefix", "/bench/flow-logs-",
                "retention_in_days", 365, "kms_key_id", key.get("arn")));
        Ref flowRole = tf.resource("aws_iam_role", "flow_logs", map("name_prefix", "bench-flow-logs-",
                "assume_role_policy", Policies.assumeRole(aws, "vpc-flow-logs.amazonaws.com", aws.arn("ec2", "vpc-flow-log/*")).json()));
        tf.resource("aws_iam_role_policy", "flow_logs", map("role", flowRole.get("id"),
                "policy", Policies.writeToLogGroup(flowLogs.get("arn"), true).json()));
        tf.resource("aws_flow_log", "main", map("vpc_id", vpc.get("id"), "traffic_type", "ALL",
                "log_destination_type", "cloud-watch-logs", "log_destination", flowLogs.get("arn"), "iam_role_arn", flowRole.get("arn")));

        PrivateBucket trailBucket = PrivateBucket.named("trail").prefix("bench-trail-")
                .encryption(Encryption.customerKey(key.get("arn")))
                .retention(Retention.archive(90, 365)).protect(false)
                .policy(arn -> Policies.trailBucket(aws, arn, trailArn));
        trailBucket.writeTo(tf, "bench-trail");
        Ref trailLogs = tf.resource("aws_cloudwatch_log_group", "trail", map("name_prefix", "/bench/cloudtrail-",
                "retention_in_days", 365, "kms_key_id", key.get("arn")));
        Ref trailRole = tf.resource("aws_iam_role", "trail", map("name_prefix", "bench-cloudtrail-",
                "assume_role_policy", Policies.assumeRole(aws, "cloudtrail.amazonaws.com", trailArn).json()));
        Ref trailPolicy = tf.resource("aws_iam_role_policy", "trail", map("role", trailRole.get("id"),
                "policy", Policies.writeToLogGroup(trailLogs.get("arn"), false).json()));
        tf.resource("aws_cloudtrail", "main", map("name", "bench-trail", "s3_bucket_name", trailBucket.bucket().get("id"),
                "is_multi_region_trail", true, "include_global_service_events", true, "enable_log_file_validation", true,
                "kms_key_id", key.get("arn"), "cloud_watch_logs_group_arn", trailLogs.get("arn") + ":*",
                "cloud_watch_logs_role_arn", trailRole.get("arn"),
                "depends_on", list(trailBucket.bucketPolicy().dependency(), trailPolicy.dependency())));

        CisControls.Control control = CisControls.ALL.get(2);
        Ref topic = tf.resource("aws_sns_topic", "alarms", map("name_prefix", "bench-alarms-", "kms_master_key_id", key.get("arn")));
        tf.resource("aws_cloudwatch_log_metric_filter", control.address(), map("name", "bench-" + control.slug(),
                "log_group_name", trailLogs.get("name"), "pattern", control.pattern(),
                "metric_transformation", map("name", control.metricName(), "namespace", "bench-cis", "value", "1")));
        tf.resource("aws_cloudwatch_metric_alarm", control.address(), map("alarm_name", "bench-" + control.slug(),
                "namespace", "bench-cis", "metric_name", control.metricName(), "statistic", "Sum", "period", 300,
                "evaluation_periods", 1, "threshold", 1, "comparison_operator", "GreaterThanOrEqualToThreshold",
                "alarm_actions", list(topic.get("arn"))));
        tf.flush();
    }
}
