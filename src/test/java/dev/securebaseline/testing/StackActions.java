package dev.securebaseline.testing;

import java.util.Map;

/**
 * What a deploy role must be able to call to manage a resource type of a stack: the API call that creates (or,
 * for settings, sets) it, with a resource of the shape IAM's service reference gives that call. The
 * organization's guardrail proofs derive their requests from the resource types a stack really holds; a type
 * missing here fails naming it, so a new kind of resource gets its request before it gets its proof.
 */
final class StackActions {

    /** One call: the action and its resource, {@code {region}} and {@code {account}} filled in per request. */
    record Needed(String action, String resourcePattern) {
        String resource(String region, String account) {
            return resourcePattern.replace("{region}", region).replace("{account}", account);
        }
    }

    private static final String EC2 = "arn:aws:ec2:{region}:{account}:";
    private static final String RECORDER = "arn:aws:config:{region}:{account}:configuration-recorder/default/abcdefghijklmnop";
    private static final String HUB = "arn:aws:securityhub:{region}:{account}:hub/default";

    private static final Map<String, Needed> BY_TYPE = Map.ofEntries(
            // network
            Map.entry("aws_vpc", new Needed("ec2:CreateVpc", EC2 + "vpc/vpc-0123456789abcdef0")),
            Map.entry("aws_subnet", new Needed("ec2:CreateSubnet", EC2 + "subnet/subnet-0123456789abcdef0")),
            Map.entry("aws_internet_gateway", new Needed("ec2:CreateInternetGateway", EC2 + "internet-gateway/igw-0123456789abcdef0")),
            Map.entry("aws_eip", new Needed("ec2:AllocateAddress", EC2 + "elastic-ip/eipalloc-0123456789abcdef0")),
            Map.entry("aws_nat_gateway", new Needed("ec2:CreateNatGateway", EC2 + "natgateway/nat-0123456789abcdef0")),
            Map.entry("aws_route_table", new Needed("ec2:CreateRouteTable", EC2 + "route-table/rtb-0123456789abcdef0")),
            Map.entry("aws_route", new Needed("ec2:CreateRoute", EC2 + "route-table/rtb-0123456789abcdef0")),
            Map.entry("aws_route_table_association", new Needed("ec2:AssociateRouteTable", EC2 + "route-table/rtb-0123456789abcdef0")),
            Map.entry("aws_security_group", new Needed("ec2:CreateSecurityGroup", EC2 + "security-group/sg-0123456789abcdef0")),
            Map.entry("aws_default_security_group", new Needed("ec2:RevokeSecurityGroupIngress", EC2 + "security-group/sg-0123456789abcdef0")),
            Map.entry("aws_vpc_security_group_ingress_rule", new Needed("ec2:AuthorizeSecurityGroupIngress", EC2 + "security-group/sg-0123456789abcdef0")),
            Map.entry("aws_vpc_security_group_egress_rule", new Needed("ec2:AuthorizeSecurityGroupEgress", EC2 + "security-group/sg-0123456789abcdef0")),
            Map.entry("aws_network_acl", new Needed("ec2:CreateNetworkAcl", EC2 + "network-acl/acl-0123456789abcdef0")),
            Map.entry("aws_network_acl_rule", new Needed("ec2:CreateNetworkAclEntry", EC2 + "network-acl/acl-0123456789abcdef0")),
            Map.entry("aws_default_network_acl", new Needed("ec2:DeleteNetworkAclEntry", EC2 + "network-acl/acl-0123456789abcdef0")),
            Map.entry("aws_flow_log", new Needed("ec2:CreateFlowLogs", EC2 + "vpc-flow-log/fl-0123456789abcdef0")),
            // compute and load balancing
            Map.entry("aws_launch_template", new Needed("ec2:CreateLaunchTemplate", EC2 + "launch-template/lt-0123456789abcdef0")),
            Map.entry("aws_autoscaling_group", new Needed("autoscaling:CreateAutoScalingGroup",
                    "arn:aws:autoscaling:{region}:{account}:autoScalingGroup:0123abcd-0123-4567-89ab-0123456789ab:autoScalingGroupName/app")),
            Map.entry("aws_autoscaling_policy", new Needed("autoscaling:PutScalingPolicy",
                    "arn:aws:autoscaling:{region}:{account}:autoScalingGroup:0123abcd-0123-4567-89ab-0123456789ab:autoScalingGroupName/app")),
            Map.entry("aws_lb", new Needed("elasticloadbalancing:CreateLoadBalancer",
                    "arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/app/baseline-dev/50dc6c495c0c9188")),
            Map.entry("aws_lb_listener", new Needed("elasticloadbalancing:CreateListener",
                    "arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/app/baseline-dev/50dc6c495c0c9188")),
            Map.entry("aws_lb_target_group", new Needed("elasticloadbalancing:CreateTargetGroup",
                    "arn:aws:elasticloadbalancing:{region}:{account}:targetgroup/baseline-dev-tg/73e2d6bc24d8a067")),
            Map.entry("aws_wafv2_web_acl", new Needed("wafv2:CreateWebACL",
                    "arn:aws:wafv2:{region}:{account}:regional/webacl/baseline-prod/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")),
            Map.entry("aws_wafv2_web_acl_association", new Needed("wafv2:AssociateWebACL",
                    "arn:aws:wafv2:{region}:{account}:regional/webacl/baseline-prod/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")),
            Map.entry("aws_wafv2_web_acl_logging_configuration", new Needed("wafv2:PutLoggingConfiguration",
                    "arn:aws:wafv2:{region}:{account}:regional/webacl/baseline-prod/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")),
            // identity
            Map.entry("aws_iam_role", new Needed("iam:CreateRole", "arn:aws:iam::{account}:role/baseline-dev-app-20261206093012345600000001")),
            Map.entry("aws_iam_role_policy", new Needed("iam:PutRolePolicy", "arn:aws:iam::{account}:role/baseline-dev-app-20261206093012345600000001")),
            Map.entry("aws_iam_role_policy_attachment", new Needed("iam:AttachRolePolicy",
                    "arn:aws:iam::{account}:role/baseline-dev-app-20261206093012345600000001")),
            Map.entry("aws_iam_instance_profile", new Needed("iam:CreateInstanceProfile",
                    "arn:aws:iam::{account}:instance-profile/baseline-dev-app-20261206093012345600000001")),
            Map.entry("aws_iam_service_linked_role", new Needed("iam:CreateServiceLinkedRole",
                    "arn:aws:iam::{account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig")),
            Map.entry("aws_iam_account_password_policy", new Needed("iam:UpdateAccountPasswordPolicy", "*")),
            // keys, buckets, logs, topics, alarms
            Map.entry("aws_kms_key", new Needed("kms:CreateKey", "*")),
            Map.entry("aws_kms_alias", new Needed("kms:CreateAlias", "arn:aws:kms:{region}:{account}:alias/baseline-dev-main-x")),
            Map.entry("aws_s3_bucket", new Needed("s3:CreateBucket", "arn:aws:s3:::baseline-dev-logs-20261206093012345600000001")),
            Map.entry("aws_s3_bucket_versioning", new Needed("s3:PutBucketVersioning", "arn:aws:s3:::baseline-dev-logs-20261206093012345600000001")),
            Map.entry("aws_s3_bucket_lifecycle_configuration", new Needed("s3:PutLifecycleConfiguration",
                    "arn:aws:s3:::baseline-dev-logs-20261206093012345600000001")),
            Map.entry("aws_s3_bucket_logging", new Needed("s3:PutBucketLogging", "arn:aws:s3:::baseline-dev-logs-20261206093012345600000001")),
            Map.entry("aws_s3_bucket_ownership_controls", new Needed("s3:PutBucketOwnershipControls",
                    "arn:aws:s3:::baseline-dev-logs-20261206093012345600000001")),
            Map.entry("aws_s3_bucket_policy", new Needed("s3:PutBucketPolicy", "arn:aws:s3:::baseline-dev-logs-20261206093012345600000001")),
            Map.entry("aws_s3_bucket_public_access_block", new Needed("s3:PutBucketPublicAccessBlock",
                    "arn:aws:s3:::baseline-dev-logs-20261206093012345600000001")),
            Map.entry("aws_s3_bucket_server_side_encryption_configuration", new Needed("s3:PutEncryptionConfiguration",
                    "arn:aws:s3:::baseline-dev-logs-20261206093012345600000001")),
            Map.entry("aws_s3_bucket_object_lock_configuration", new Needed("s3:PutBucketObjectLockConfiguration",
                    "arn:aws:s3:::baseline-log-archive-trail-20261206093012345600000001")),
            Map.entry("aws_s3_account_public_access_block", new Needed("s3:PutAccountPublicAccessBlock", "*")),
            Map.entry("aws_cloudwatch_log_group", new Needed("logs:CreateLogGroup", "arn:aws:logs:{region}:{account}:log-group:/baseline/dev/x")),
            Map.entry("aws_cloudwatch_log_resource_policy", new Needed("logs:PutResourcePolicy", "*")),
            Map.entry("aws_cloudwatch_metric_alarm", new Needed("cloudwatch:PutMetricAlarm", "arn:aws:cloudwatch:{region}:{account}:alarm:baseline-dev-x")),
            Map.entry("aws_sns_topic", new Needed("sns:CreateTopic", "arn:aws:sns:{region}:{account}:baseline-dev-alarms-x")),
            Map.entry("aws_sns_topic_policy", new Needed("sns:SetTopicAttributes", "arn:aws:sns:{region}:{account}:baseline-dev-alarms-x")),
            Map.entry("aws_sns_topic_subscription", new Needed("sns:Subscribe", "arn:aws:sns:{region}:{account}:baseline-dev-alarms-x")),
            // account settings and guardrails
            Map.entry("aws_config_configuration_recorder", new Needed("config:PutConfigurationRecorder", RECORDER)),
            Map.entry("aws_config_configuration_recorder_status", new Needed("config:StartConfigurationRecorder", RECORDER)),
            Map.entry("aws_config_delivery_channel", new Needed("config:PutDeliveryChannel", "*")),
            Map.entry("aws_config_configuration_aggregator", new Needed("config:PutConfigurationAggregator",
                    "arn:aws:config:{region}:{account}:config-aggregator/config-aggregator-abcd1234")),
            Map.entry("aws_ebs_encryption_by_default", new Needed("ec2:EnableEbsEncryptionByDefault", "*")),
            Map.entry("aws_ebs_snapshot_block_public_access", new Needed("ec2:EnableSnapshotBlockPublicAccess", "*")),
            Map.entry("aws_ec2_image_block_public_access", new Needed("ec2:EnableImageBlockPublicAccess", "*")),
            Map.entry("aws_ec2_instance_metadata_defaults", new Needed("ec2:ModifyInstanceMetadataDefaults", "*")),
            Map.entry("aws_ec2_serial_console_access", new Needed("ec2:DisableSerialConsoleAccess", "*")),
            Map.entry("aws_accessanalyzer_analyzer", new Needed("access-analyzer:CreateAnalyzer",
                    "arn:aws:access-analyzer:{region}:{account}:analyzer/baseline-security-organization-access")),
            Map.entry("aws_guardduty_organization_configuration", new Needed("guardduty:UpdateOrganizationConfiguration", "*")),
            Map.entry("aws_guardduty_organization_configuration_feature", new Needed("guardduty:UpdateOrganizationConfiguration", "*")),
            Map.entry("aws_securityhub_finding_aggregator", new Needed("securityhub:CreateFindingAggregator", "*")),
            Map.entry("aws_securityhub_organization_configuration", new Needed("securityhub:UpdateOrganizationConfiguration", HUB)),
            Map.entry("aws_securityhub_configuration_policy", new Needed("securityhub:CreateConfigurationPolicy", "*")),
            Map.entry("aws_securityhub_configuration_policy_association", new Needed("securityhub:StartConfigurationPolicyAssociation", HUB)),
            // a standalone account's own trail and services (an organization runs them for its members)
            Map.entry("aws_cloudtrail", new Needed("cloudtrail:CreateTrail", "arn:aws:cloudtrail:{region}:{account}:trail/baseline-account-trail")),
            Map.entry("aws_cloudwatch_log_metric_filter", new Needed("logs:PutMetricFilter", "arn:aws:logs:{region}:{account}:log-group:/baseline/trail")),
            Map.entry("aws_guardduty_detector", new Needed("guardduty:CreateDetector", "*")),
            Map.entry("aws_guardduty_detector_feature", new Needed("guardduty:UpdateDetector",
                    "arn:aws:guardduty:{region}:{account}:detector/0123456789abcdef0123456789abcdef")),
            Map.entry("aws_securityhub_account", new Needed("securityhub:EnableSecurityHub", HUB)),
            Map.entry("aws_securityhub_standards_subscription", new Needed("securityhub:BatchEnableStandards", HUB)),
            Map.entry("aws_securityhub_standards_control_association", new Needed("securityhub:BatchUpdateStandardsControlAssociations", HUB)),
            Map.entry("aws_account_alternate_contact", new Needed("account:PutAlternateContact", "arn:aws:account::{account}:account")),
            Map.entry("aws_acm_certificate", new Needed("acm:RequestCertificate", "*")),
            Map.entry("aws_acm_certificate_validation", new Needed("acm:DescribeCertificate",
                    "arn:aws:acm:{region}:{account}:certificate/0123abcd-0123-4567-89ab-0123456789ab")),
            Map.entry("aws_route53_record", new Needed("route53:ChangeResourceRecordSets", "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ")),
            // the organization's own stack, in the management account
            Map.entry("aws_organizations_organization", new Needed("organizations:EnableAWSServiceAccess", "*")),
            Map.entry("aws_organizations_policy", new Needed("organizations:CreatePolicy",
                    "arn:aws:organizations::{account}:policy/o-a1b2c3d4e5/service_control_policy/p-abcd1234")),
            Map.entry("aws_organizations_policy_attachment", new Needed("organizations:AttachPolicy",
                    "arn:aws:organizations::{account}:policy/o-a1b2c3d4e5/service_control_policy/p-abcd1234")),
            Map.entry("aws_organizations_delegated_administrator", new Needed("organizations:RegisterDelegatedAdministrator",
                    "arn:aws:organizations::{account}:account/o-a1b2c3d4e5/333333333333")),
            Map.entry("aws_cloudtrail_organization_delegated_admin_account", new Needed("cloudtrail:RegisterOrganizationDelegatedAdmin", "*")),
            Map.entry("aws_iam_organizations_features", new Needed("iam:EnableOrganizationsRootCredentialsManagement", "*")),
            Map.entry("aws_guardduty_organization_admin_account", new Needed("guardduty:EnableOrganizationAdminAccount", "*")),
            Map.entry("aws_securityhub_organization_admin_account", new Needed("securityhub:EnableOrganizationAdminAccount", HUB)));

    private StackActions() {
    }

    /** What the deploy role of {@code stack} calls for {@code type}; fails naming both when nobody has said. */
    static Needed of(String type, String stack) {
        Needed needed = BY_TYPE.get(type);
        if (needed == null) {
            throw new AssertionError(stack + " holds " + type + ", and StackActions does not say what its deploy role calls to manage it");
        }
        return needed;
    }

    /**
     * A resource of the right shape for one of the guardrail-switching actions; {@code *} for the actions IAM's
     * service reference gives no resource type (the proofs' checker retries those on {@code *}).
     */
    static String guardrailResource(String action, String region, String account) {
        String service = action.substring(0, action.indexOf(':'));
        return switch (service) {
            case "cloudtrail" -> "arn:aws:cloudtrail:" + region + ":" + account + ":trail/baseline-organization-trail";
            case "config" -> action.endsWith("ConfigurationRecorder") ? new Needed(action, RECORDER).resource(region, account) : "*";
            case "guardduty" -> action.endsWith("Detector") ? "arn:aws:guardduty:" + region + ":" + account + ":detector/0123456789abcdef0123456789abcdef" : "*";
            case "securityhub" -> new Needed(action, HUB).resource(region, account);
            case "access-analyzer" -> "arn:aws:access-analyzer:" + region + ":" + account + ":analyzer/baseline-organization-access";
            default -> "*";
        };
    }
}
