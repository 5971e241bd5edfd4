package dev.securebaseline.audit;

import dev.securebaseline.monitoring.Monitoring;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fifteen monitoring controls of the CIS AWS Foundations Benchmark (section 4 in v1.4 and v3.0;
 * Security Hub CloudWatch.1-14), each a CloudWatch Logs metric filter on the CloudTrail log group
 * and an alarm on the metric it counts.
 */
public final class CisControls {

    private CisControls() {
    }

    /** One control: its CIS id, a slug for names and addresses, a title, and its filter pattern. */
    public record Control(String id, String slug, String title, String pattern) {

        /** Terraform address suffix, e.g. {@code unauthorized_api_calls}. */
        public String address() {
            return slug.replace('-', '_');
        }

        /** Metric name, e.g. {@code UnauthorizedApiCalls}. */
        public String metricName() {
            return Arrays.stream(slug.split("-"))
                    .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                    .collect(Collectors.joining());
        }
    }

    public static final List<Control> ALL = List.of(
            // CIS prints this with the exclusions OR-ed to the error codes, which matches nearly every
            // event; the outer parentheses make the exclusions apply to both error codes.
            new Control("4.1", "unauthorized-api-calls", "Unauthorized API calls",
                    "{ (($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\")) "
                            + "&& ($.sourceIPAddress != \"delivery.logs.amazonaws.com\") && ($.eventName != \"HeadBucket\") }"),
            // Only successful IAM-user sign-ins: federated (SSO) sign-ins carry MFA in the identity provider.
            new Control("4.2", "console-signin-without-mfa", "Management Console sign-in without MFA",
                    "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") "
                            + "&& ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"),
            new Control("4.3", "root-account-usage", "Usage of the root account",
                    "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"),
            new Control("4.4", "iam-policy-changes", "IAM policy changes",
                    anyEventName("DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy",
                            "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion",
                            "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy",
                            "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy")),
            new Control("4.5", "cloudtrail-changes", "CloudTrail configuration changes",
                    anyEventName("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging")),
            new Control("4.6", "console-auth-failures", "Management Console authentication failures",
                    "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }"),
            new Control("4.7", "cmk-disable-or-deletion", "Disabling or scheduled deletion of customer managed keys",
                    fromSource("kms.amazonaws.com", "DisableKey", "ScheduleKeyDeletion")),
            new Control("4.8", "s3-bucket-policy-changes", "S3 bucket policy changes",
                    fromSource("s3.amazonaws.com", "PutBucketAcl", "PutBucketPolicy", "PutBucketCors",
                            "PutBucketLifecycle", "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors",
                            "DeleteBucketLifecycle", "DeleteBucketReplication")),
            new Control("4.9", "config-changes", "AWS Config configuration changes",
                    fromSource("config.amazonaws.com", "StopConfigurationRecorder", "DeleteDeliveryChannel",
                            "PutDeliveryChannel", "PutConfigurationRecorder")),
            new Control("4.10", "security-group-changes", "Security group changes",
                    anyEventName("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
                            "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup",
                            "DeleteSecurityGroup")),
            new Control("4.11", "nacl-changes", "Network ACL changes",
                    anyEventName("CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl",
                            "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation")),
            new Control("4.12", "network-gateway-changes", "Network gateway changes",
                    anyEventName("CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway",
                            "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway")),
            new Control("4.13", "route-table-changes", "Route table changes",
                    fromSource("ec2.amazonaws.com", "CreateRoute", "CreateRouteTable", "ReplaceRoute",
                            "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable")),
            new Control("4.14", "vpc-changes", "VPC changes",
                    anyEventName("CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection",
                            "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection",
                            "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink")),
            new Control("4.15", "organizations-changes", "AWS Organizations changes",
                    fromSource("organizations.amazonaws.com", "AcceptHandshake", "AttachPolicy", "CreateAccount",
                            "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake", "DeleteOrganization",
                            "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType",
                            "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount",
                            "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit")));

    /**
     * CIS 4.1-4.15: a metric filter on the trail's log group and an alarm to the topic for each control, in a
     * metric namespace of the stack's own; the alarms, in control order.
     */
    public static List<Tf.Ref> write(Tf tf, Naming names, Tf.Ref logGroup, Tf.Ref topic) {
        String namespace = names.unique("cis");
        List<Tf.Ref> alarms = new java.util.ArrayList<>();
        for (Control control : ALL) {
            tf.resource("aws_cloudwatch_log_metric_filter", control.address(), Tf.map(
                    "name", names.display("cis-" + control.id() + "-" + control.slug()),
                    "log_group_name", logGroup.get("name"),
                    "pattern", control.pattern(),
                    "metric_transformation", Tf.map(
                            "name", control.metricName(),
                            "namespace", namespace,
                            "value", "1")));
            alarms.add(Monitoring.alarm(tf, names, topic, control.address(), "cis-" + control.id() + "-" + control.slug(),
                    "CIS " + control.id() + ": " + control.title(), Tf.map(
                            "namespace", namespace,
                            "metric_name", control.metricName(),
                            "statistic", "Sum",
                            "period", 300,
                            "evaluation_periods", 1,
                            "threshold", 1,
                            "comparison_operator", "GreaterThanOrEqualToThreshold")));
        }
        return alarms;
    }

    /** {@code { ($.eventName = A) || ($.eventName = B) ... }}. */
    private static String anyEventName(String... eventNames) {
        return "{ " + eventNameAlternatives(eventNames) + " }";
    }

    /** {@code { ($.eventSource = S) && (($.eventName = A) || ...) }}. */
    private static String fromSource(String eventSource, String... eventNames) {
        return "{ ($.eventSource = \"" + eventSource + "\") && (" + eventNameAlternatives(eventNames) + ") }";
    }

    private static String eventNameAlternatives(String... eventNames) {
        return Arrays.stream(eventNames)
                .map(name -> "($.eventName = \"" + name + "\")")
                .collect(Collectors.joining(" || "));
    }
}
