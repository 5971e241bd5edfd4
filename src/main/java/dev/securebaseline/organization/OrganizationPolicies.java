package dev.securebaseline.organization;

import dev.securebaseline.policy.Policy;
import dev.securebaseline.policy.Policy.ResourceControl;
import dev.securebaseline.policy.Policy.ServiceControl;
import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.settings.Organization;

import java.util.ArrayList;
import java.util.List;

/**
 * The organization's authorization guardrails (CIS AWS Foundations v7, "authorization guardrails"): service
 * control policies, which bound what every principal of a member account may do, and resource control
 * policies, which bound what may be done to a member's resources. Both only ever deny; what they leave
 * allowed, IAM still has to allow.
 *
 * <p>Exempt where it must be: the break-glass role everywhere it could otherwise lock the organization out,
 * and the role the member account stacks deploy through where it manages the guardrails themselves. The
 * policy proofs evaluate every document here against the requests the baseline's own roles and services make.
 */
public final class OrganizationPolicies {

    /** One policy: its Terraform name, what AWS shows, and the document. */
    public record Named(String name, String description, Policy policy) {
    }

    /**
     * The management actions that would switch a guardrail off or blind it: the trail, Config, GuardDuty,
     * Security Hub, Access Analyzer, and the account settings the member account stacks own.
     */
    public static final List<String> GUARDRAIL_OFF_ACTIONS = List.of(
            "cloudtrail:DeleteTrail", "cloudtrail:StopLogging", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors",
            "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel", "config:StopConfigurationRecorder",
            "config:DeleteRetentionConfiguration",
            "guardduty:DeleteDetector", "guardduty:DisassociateFromAdministratorAccount", "guardduty:DisassociateFromMasterAccount",
            "guardduty:DisassociateMembers", "guardduty:StopMonitoringMembers", "guardduty:UpdateDetector",
            "securityhub:DisableSecurityHub", "securityhub:DisassociateFromAdministratorAccount",
            "securityhub:DisassociateFromMasterAccount", "securityhub:DisassociateMembers", "securityhub:BatchDisableStandards",
            "access-analyzer:DeleteAnalyzer",
            "s3:PutAccountPublicAccessBlock",
            "ec2:DisableEbsEncryptionByDefault", "ec2:ModifyInstanceMetadataDefaults", "ec2:DisableSnapshotBlockPublicAccess",
            "ec2:DisableImageBlockPublicAccess", "ec2:EnableSerialConsoleAccess",
            "iam:DeleteAccountPasswordPolicy", "iam:UpdateAccountPasswordPolicy");

    /** What changes a role: its trust, its permissions, its boundary, its existence. */
    public static final List<String> ROLE_CHANGES = List.of(
            "iam:AttachRolePolicy", "iam:DeleteRole", "iam:DeleteRolePermissionsBoundary", "iam:DeleteRolePolicy", "iam:DetachRolePolicy",
            "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole",
            "iam:UpdateRoleDescription");

    /**
     * Global services a region guardrail must leave alone (AWS Organizations user guide, "Deny access to AWS
     * based on the requested AWS Region"): their endpoints live in us-east-1 whatever region is used.
     */
    static final List<String> GLOBAL_SERVICES = List.of(
            "account:*", "acm:*", "aws-marketplace-management:*", "aws-marketplace:*", "aws-portal:*", "budgets:*", "ce:*",
            "chime:*", "cloudfront:*", "config:*", "cur:*", "directconnect:*", "ec2:DescribeRegions", "ec2:DescribeTransitGateways",
            "ec2:DescribeVpnGateways", "fms:*", "globalaccelerator:*", "health:*", "iam:*", "kms:*", "networkmanager:*",
            "organizations:*", "pricing:*", "route53:*", "route53domains:*", "route53-recovery-cluster:*",
            "route53-recovery-control-config:*", "route53-recovery-readiness:*", "s3:GetAccountPublic*", "s3:ListAllMyBuckets",
            "s3:ListMultiRegionAccessPoints", "s3:PutAccountPublic*", "shield:*", "sts:*", "support:*", "trustedadvisor:*",
            "waf-regional:*", "waf:*", "wafv2:*", "wellarchitected:*");

    /** The services whose resources the resource control policies guard (RCPs take only these). */
    static final List<String> PERIMETER_ACTIONS = List.of("s3:*", "kms:*", "sts:AssumeRole");
    static final List<String> TLS_ACTIONS = List.of("s3:*", "kms:*", "sqs:*", "secretsmanager:*", "sts:*");

    private OrganizationPolicies() {
    }

    /** The service control policies, in the order they attach. */
    public static List<Named> serviceControlPolicies(Organization organization, String partition, List<String> pipelineDeployRoles) {
        List<Named> policies = new ArrayList<>();
        policies.add(new Named("protect_the_organization", "Members stay in the organization, their root users act only through "
                + "centralized root access, and nothing but the baseline's roles switches a guardrail off", protectTheOrganization(organization, partition, pipelineDeployRoles)));
        if (organization.denyOtherRegions()) {
            policies.add(new Named("deny_other_regions", "Nothing outside the guardrail regions, global services excepted",
                    denyOtherRegions(organization, partition)));
        }
        return policies;
    }

    /** The resource control policies, in the order they attach. */
    public static List<Named> resourceControlPolicies(Organization organization, String partition) {
        return List.of(
                new Named("enforce_tls", "Requests to the organization's S3, KMS, SQS, Secrets Manager and STS resources use TLS",
                        Policy.resourceControl(ResourceControl.deny("DenyRequestsWithoutTls", "*")
                                .actions(TLS_ACTIONS.toArray(String[]::new))
                                .when("BoolIfExists", "aws:SecureTransport", "false"))),
                new Named("organization_perimeter", "The organization's S3 buckets, KMS keys and roles are used from inside the "
                        + "organization, by AWS services on its behalf, and by Elastic Load Balancing's log delivery accounts",
                        organizationPerimeter(organization)));
    }

    /** CIS v7 guardrails: no leaving, no root user, no guardrail switched off, the baseline's roles unchanged. */
    private static Policy protectTheOrganization(Organization organization, String partition, List<String> pipelineDeployRoles) {
        String deployRole = roleInEveryAccount(partition, organization.accountDeployRoleName());
        String breakGlass = roleInEveryAccount(partition, organization.breakGlassRoleName());
        List<String> mayDeploy = new ArrayList<>(List.of(deployRole, breakGlass));
        pipelineDeployRoles.forEach(name -> mayDeploy.add(mayDeploy.size() - 1, roleInEveryAccount(partition, name)));
        return Policy.serviceControl(
                ServiceControl.deny("DenyLeavingTheOrganization", "*")
                        .actions("organizations:LeaveOrganization"),
                // A root user acts only through a root session the management account opens (sts:AssumeRoot, which
                // sets aws:AssumedRoot), and then only for the task that session's policy names.
                ServiceControl.deny("DenyRootUserOutsideRootSessions", "*")
                        .actions("*")
                        .when("StringLike", "aws:PrincipalArn", "arn:" + partition + ":iam::*:root")
                        .when("Null", "aws:AssumedRoot", "true"),
                ServiceControl.deny("DenySwitchingGuardrailsOff", "*")
                        .actions(GUARDRAIL_OFF_ACTIONS.toArray(String[]::new))
                        .when("ArnNotLike", "aws:PrincipalArn", mayDeploy.toArray(String[]::new)),
                ServiceControl.deny("DenyChangingTheBaselineRoles", deployRole, breakGlass)
                        .actions(ROLE_CHANGES.toArray(String[]::new))
                        .when("ArnNotLike", "aws:PrincipalArn", breakGlass));
    }

    private static Policy denyOtherRegions(Organization organization, String partition) {
        return Policy.serviceControl(ServiceControl.deny("DenyOutsideTheGuardrailRegions", "*")
                .exceptActions(GLOBAL_SERVICES.toArray(String[]::new))
                .when("StringNotEquals", "aws:RequestedRegion", organization.guardrailRegions().toArray(String[]::new))
                .when("ArnNotLike", "aws:PrincipalArn", roleInEveryAccount(partition, organization.breakGlassRoleName())));
    }

    /**
     * The identity perimeter of the AWS data perimeter examples: a principal outside the organization is refused, except
     * AWS services acting for the organization (aws:PrincipalIsAWSService), the regional Elastic Load Balancing accounts
     * that deliver load balancer logs in older regions, and the outside accounts the file trusts to deploy (CI, state),
     * whose principals assume the deploy roles and read the state.
     */
    private static Policy organizationPerimeter(Organization organization) {
        List<String> outside = new ArrayList<>(AwsRegions.ELB_LOG_ACCOUNTS);
        outside.addAll(organization.trustedOutsideAccounts());
        return Policy.resourceControl(ResourceControl.deny("DenyPrincipalsOutsideTheOrganization", "*")
                .actions(PERIMETER_ACTIONS.toArray(String[]::new))
                .when("StringNotEqualsIfExists", "aws:PrincipalOrgID", organization.id())
                .when("StringNotEqualsIfExists", "aws:PrincipalAccount", outside.toArray(String[]::new))
                .when("BoolIfExists", "aws:PrincipalIsAWSService", "false"));
    }

    /** {@code arn:<partition>:iam::*:role/<name>}: the role of that name in any account. */
    static String roleInEveryAccount(String partition, String name) {
        return "arn:" + partition + ":iam::*:role/" + name;
    }
}
