package dev.securebaseline.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which IAM services a Terraform type calls, and which of their actions only read: the pipeline's roles are granted the services of
 * the types their account's stacks write, so a role can do what its stacks manage and nothing the baseline does not touch.
 */
public final class DeployServices {

    /** Type prefix → the IAM services its create, read, update and delete call; the longest prefix wins. */
    private static final Map<String, List<String>> BY_PREFIX = byPrefix();

    /** Types that call no API that needs a permission: constants of the provider, or STS's GetCallerIdentity. */
    private static final List<String> NO_PERMISSION = List.of("aws_partition", "aws_caller_identity", "aws_elb_service_account",
            "aws_region",
            // Another stack's state, read through the account's state role (StateRoles), never the plan or apply role.
            "terraform_remote_state");

    /** Action patterns that only read (Read and List access levels), per service: what a plan refreshes with. */
    private static final Map<String, List<String>> READS = Map.ofEntries(
            Map.entry("access-analyzer", List.of("access-analyzer:Get*", "access-analyzer:List*")),
            Map.entry("account", List.of("account:GetAlternateContact", "account:GetContactInformation", "account:ListRegions")),
            Map.entry("acm", List.of("acm:Describe*", "acm:Get*", "acm:List*")),
            Map.entry("autoscaling", List.of("autoscaling:Describe*")),
            Map.entry("cloudtrail", List.of("cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*")),
            Map.entry("cloudwatch", List.of("cloudwatch:Describe*", "cloudwatch:ListTagsForResource")),
            Map.entry("config", List.of("config:Describe*", "config:Get*", "config:List*")),
            Map.entry("ec2", List.of("ec2:Describe*", "ec2:Get*")),
            Map.entry("elasticloadbalancing", List.of("elasticloadbalancing:Describe*")),
            Map.entry("guardduty", List.of("guardduty:Describe*", "guardduty:Get*", "guardduty:List*")),
            Map.entry("iam", List.of("iam:Get*", "iam:List*")),
            Map.entry("kms", List.of("kms:Describe*", "kms:Get*", "kms:List*")),
            Map.entry("logs", List.of("logs:Describe*", "logs:Get*", "logs:ListTagsForResource", "logs:ListTagsLogGroup")),
            Map.entry("organizations", List.of("organizations:Describe*", "organizations:List*")),
            Map.entry("route53", List.of("route53:Get*", "route53:List*")),
            Map.entry("s3", List.of("s3:Get*", "s3:List*")),
            Map.entry("securityhub", List.of("securityhub:Describe*", "securityhub:Get*", "securityhub:List*")),
            Map.entry("servicequotas", List.of("servicequotas:Get*", "servicequotas:List*")),
            Map.entry("sns", List.of("sns:Get*", "sns:List*")),
            Map.entry("wafv2", List.of("wafv2:Describe*", "wafv2:Get*", "wafv2:List*")));

    private DeployServices() {
    }

    private static Map<String, List<String>> byPrefix() {
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        prefixes.put("aws_accessanalyzer_", List.of("access-analyzer"));
        prefixes.put("aws_account_", List.of("account"));
        prefixes.put("aws_acm_", List.of("acm"));
        prefixes.put("aws_autoscaling_", List.of("autoscaling"));
        // A trail delivering to CloudWatch Logs passes its role; an organization trail asks Organizations.
        prefixes.put("aws_cloudtrail", List.of("cloudtrail", "iam", "organizations"));
        prefixes.put("aws_cloudwatch_log_", List.of("logs"));
        prefixes.put("aws_cloudwatch_metric_alarm", List.of("cloudwatch"));
        prefixes.put("aws_config_", List.of("config", "iam", "organizations"));
        for (String ec2 : List.of("aws_ami", "aws_availability_zones", "aws_default_network_acl", "aws_default_security_group",
                "aws_default_vpc", "aws_ebs_", "aws_ec2_", "aws_eip", "aws_internet_gateway", "aws_launch_template", "aws_nat_gateway",
                "aws_network_acl", "aws_route", "aws_route_table", "aws_security_group", "aws_subnet", "aws_vpc")) {
            prefixes.put(ec2, List.of("ec2"));
        }
        // A flow log writes into a log group through a role it passes.
        prefixes.put("aws_flow_log", List.of("ec2", "logs", "iam"));
        prefixes.put("aws_guardduty_", List.of("guardduty", "organizations"));
        prefixes.put("aws_iam_", List.of("iam"));
        prefixes.put("aws_iam_organizations_features", List.of("iam", "organizations"));
        prefixes.put("aws_kms_", List.of("kms"));
        prefixes.put("aws_lb", List.of("elasticloadbalancing"));
        prefixes.put("aws_organizations_", List.of("organizations"));
        prefixes.put("aws_route53_", List.of("route53"));
        prefixes.put("aws_s3_", List.of("s3"));
        prefixes.put("aws_securityhub_", List.of("securityhub", "organizations"));
        prefixes.put("aws_servicequotas_", List.of("servicequotas"));
        prefixes.put("aws_sns_", List.of("sns"));
        prefixes.put("aws_wafv2_", List.of("wafv2"));
        return prefixes;
    }

    /** The IAM services {@code types} call, sorted; a type this table does not know stops the synth, naming it. */
    public static List<String> servicesOf(Collection<String> types) {
        TreeSet<String> services = new TreeSet<>();
        for (String type : types) {
            if (NO_PERMISSION.contains(type)) {
                continue;
            }
            String prefix = BY_PREFIX.keySet().stream().filter(type::startsWith).max((a, b) -> a.length() - b.length())
                    .orElseThrow(() -> new IllegalStateException("no IAM service is known for " + type
                            + ": add its prefix to DeployServices, so that the pipeline's roles may manage it"));
            services.addAll(BY_PREFIX.get(prefix));
        }
        return List.copyOf(services);
    }

    /** The read-only action patterns of {@code services}. */
    public static List<String> readsOf(List<String> services) {
        List<String> reads = new ArrayList<>();
        services.forEach(service -> reads.addAll(READS.get(service)));
        return reads;
    }
}
