package dev.securebaseline.stacks;

import dev.securebaseline.network.Network;
import dev.securebaseline.network.SecurityGroups;
import dev.securebaseline.settings.Account;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.settings.BaselineSettings.WebTier;
import dev.securebaseline.storage.PrivateBucket;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;
import dev.securebaseline.web.AppServers;
import dev.securebaseline.web.Listeners;
import dev.securebaseline.web.LoadBalancer;

import static dev.securebaseline.tf.Tf.expr;
import static dev.securebaseline.tf.Tf.listOf;

/** What an environment stack tells its users and the stacks after it: network, key, buckets, topic, web tier. */
final class EnvironmentOutputs {

    private final Tf tf;
    private final BaselineSettings settings;

    EnvironmentOutputs(Tf tf, BaselineSettings settings) {
        this.tf = tf;
        this.settings = settings;
    }

    void network(Network network, Ref zones, SecurityGroups groups) {
        tf.output("vpc_id", network.vpc().get("id"), "ID of the VPC.");
        tf.output("vpc_cidr", network.vpc().get("cidr_block"), "IPv4 CIDR of the VPC.");
        tf.output("public_subnet_ids", Tf.ids(network.publicSubnets()), "Public subnet IDs, one per availability zone.");
        tf.output("private_subnet_ids", Tf.ids(network.privateSubnets()), "Private subnet IDs, one per availability zone.");
        tf.output("availability_zones", expr("slice(" + zones.attr("names") + ", 0, " + settings.azCount() + ")"),
                "Availability zones used, in subnet order.");
        tf.output("public_route_table_id", network.publicRouteTable().get("id"), "Route table of the public subnets.");
        tf.output("private_route_table_ids", Tf.ids(network.privateRouteTables()), "Route tables of the private subnets, one per zone.");
        tf.output("nat_gateway_ids", Tf.ids(network.natGateways()), "NAT gateway IDs.");
        tf.output("nat_public_ips", listOf(network.natIps().stream().map(ip -> ip.get("public_ip")).toList()),
                "Public IPs of the NAT gateways (the instances' egress addresses).");
        tf.output("alb_security_group_id", groups.loadBalancer().get("id"), "Security group of the load balancer.");
        tf.output("app_security_group_id", groups.app().get("id"), "Security group of the application instances.");
    }

    void environment(Ref key, Ref alias, PrivateBucket accessLogs, Ref flowLogGroup, Ref topic, Account account) {
        tf.output("kms_key_arn", key.get("arn"), "ARN of the customer managed KMS key.");
        tf.output("kms_key_alias", alias.get("name"), "Alias of the KMS key.");
        tf.output("access_log_bucket_name", accessLogs.bucket().get("id"), "S3 bucket receiving the environment's server access logs.");
        tf.output("flow_log_group_name", flowLogGroup.get("name"),
                "CloudWatch log group receiving the VPC flow logs.");
        tf.output("alarm_topic_arn", topic.get("arn"), "SNS topic every alarm of the environment notifies.");
        tf.output("account_stack", account.stackName(settings.project()),
                "The stack that holds what exists once per account (trail, CIS alarms, guardrails) for " + account.describe() + ".");
    }

    void web(LoadBalancer lb, Listeners listeners, AppServers servers, Ref webAcl) {
        WebTier web = settings.web();
        tf.output("app_url", web.httpsEnabled() ? "https://" + web.domainName() : "http://" + lb.alb().get("dns_name"),
                "URL of the application" + (web.httpsEnabled() ? "." : " (HTTP only: set BASELINE_ENABLE_HTTPS with a domain you own for HTTPS)."));
        tf.output("alb_dns_name", lb.alb().get("dns_name"), "DNS name of the load balancer.");
        tf.output("alb_zone_id", lb.alb().get("zone_id"), "Route 53 zone id of the load balancer, for alias records.");
        tf.output("alb_arn", lb.alb().get("arn"), "ARN of the load balancer.");
        tf.output("alb_arn_suffix", lb.alb().get("arn_suffix"), "ARN suffix of the load balancer, the CloudWatch dimension.");
        tf.output("alb_logs_bucket_name", lb.logs().bucket().get("id"), "S3 bucket receiving the load balancer access logs.");
        tf.output("http_listener_arn", listeners.http().get("arn"),
                web.httpsEnabled() ? "Listener on port 80 (redirects to HTTPS)." : "Listener on port 80 (forwards to the targets).");
        if (listeners.https() != null) {
            tf.output("https_listener_arn", listeners.https().get("arn"), "Listener on port 443.");
            tf.output("certificate_arn", listeners.certificate().get("arn"), "ACM certificate of " + web.domainName() + ".");
        }
        tf.output("target_group_arn", lb.targetGroup().get("arn"), "Target group of the web instances.");
        tf.output("target_group_name", lb.targetGroup().get("name"), "Name of the target group.");
        tf.output("asg_name", servers.group().get("name"), "Name of the Auto Scaling group.");
        tf.output("launch_template_id", servers.launchTemplate().get("id"), "ID of the launch template.");
        tf.output("ami_id", servers.ami().get("id"), "AMI the launch template uses (latest Amazon Linux 2023 at plan time).");
        if (webAcl != null) {
            tf.output("web_acl_arn", webAcl.get("arn"), "ARN of the AWS WAF web ACL in front of the load balancer.");
        }
    }
}
