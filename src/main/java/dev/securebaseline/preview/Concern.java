package dev.securebaseline.preview;

import java.util.List;

/**
 * What a resource is for, as the preview groups it: by resource type, the first concern with a matching
 * prefix (or, for an entry ending in {@code $}, the exact type). Organization-wide types come first, so that {@code aws_guardduty_organization_*} counts as the
 * organization's and not as a region's guardrail.
 */
enum Concern {
    ORGANIZATION("organization", List.of("aws_organizations_", "aws_iam_organizations_", "aws_guardduty_organization_",
            "aws_securityhub_organization_", "aws_securityhub_configuration_policy", "aws_cloudtrail_organization_",
            "aws_config_configuration_aggregator", "aws_config_organization_")),
    NETWORK("network", List.of("aws_vpc$", "aws_subnet", "aws_internet_gateway", "aws_nat_gateway", "aws_eip", "aws_route_table",
            "aws_route$", "aws_network_acl", "aws_default_network_acl", "aws_flow_log")),
    SECURITY_GROUPS("security groups", List.of("aws_security_group", "aws_vpc_security_group_", "aws_default_security_group")),
    WEB_TIER("web tier", List.of("aws_lb", "aws_launch_template", "aws_autoscaling_", "aws_acm_", "aws_route53_", "aws_iam_instance_profile")),
    FIREWALL("web application firewall", List.of("aws_wafv2_")),
    ENCRYPTION("encryption", List.of("aws_kms_")),
    STORAGE("buckets", List.of("aws_s3_bucket")),
    AUDIT_TRAIL("audit trail", List.of("aws_cloudtrail")),
    MONITORING("alarms and notifications", List.of("aws_cloudwatch_metric_alarm", "aws_cloudwatch_log_metric_filter", "aws_sns_")),
    LOGS("log groups", List.of("aws_cloudwatch_log_")),
    GUARDRAILS("guardrails", List.of("aws_config_", "aws_guardduty_", "aws_securityhub_", "aws_accessanalyzer_", "aws_ebs_", "aws_ec2_",
            "aws_s3_account_public_access_block")),
    IDENTITY("identity and account settings", List.of("aws_iam_", "aws_account_")),
    OTHER("other", List.of(""));

    private final String label;
    private final List<String> prefixes;

    Concern(String label, List<String> prefixes) {
        this.label = label;
        this.prefixes = prefixes;
    }

    String label() {
        return label;
    }

    static Concern of(String resourceType) {
        for (Concern concern : values()) {
            if (concern.prefixes.stream().anyMatch(p -> p.endsWith("$") ? resourceType.equals(p.substring(0, p.length() - 1))
                    : resourceType.startsWith(p))) {
                return concern;
            }
        }
        throw new IllegalStateException("unreachable: OTHER matches every type");
    }
}
