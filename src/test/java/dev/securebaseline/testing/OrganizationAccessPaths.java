package dev.securebaseline.testing;

import dev.securebaseline.testing.AccessPath.Expect;
import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.organization.OrganizationPolicies;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.Organization;

import dev.securebaseline.testing.AccessPath.Expect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.securebaseline.testing.TerraformModel.FOREIGN_ACCOUNT;

/**
 * The access paths of Organizations mode that cross stacks, and the authorization guardrails: the organization
 * trail writes into the log archive's bucket with its key, every member's Config delivers into the log
 * archive's Config bucket with its key, the security account reads, nobody but break-glass deletes; and the
 * service and resource control policies, evaluated with the policies that really apply (AWS's default full-access
 * policies beside the baseline's), let every deploy role do what its stack needs (derived from the resource types
 * of the stack, {@link StackActions}) and deny the root users, leaving the organization, and switching any
 * guardrail off, break-glass excepted.
 */
public final class OrganizationAccessPaths {

    private static final String OTHER_ORGANIZATION = "o-otherorg123";
    private static final JsonNode FULL_AWS_ACCESS = Synthesized.parseJson(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    private static final JsonNode EVERYTHING = FULL_AWS_ACCESS;

    private final Organization organization;
    private final Map<String, Synthesized> app;
    private final String prefix;
    private final Synthesized org;
    private final Synthesized logArchive;
    private final TerraformModel orgModel;
    private final TerraformModel logArchiveModel;
    private final String organizationId;
    private final String rootId;
    private final Map<String, JsonNode> scps = new LinkedHashMap<>(Map.of("FullAWSAccess", FULL_AWS_ACCESS));
    // AWS attaches RCPFullAWSAccess (an Allow of everything) everywhere; the evaluator models RCPs as the denies they
    // are and refuses that document, so only the baseline's RCPs are given to it.
    private final Map<String, JsonNode> rcps = new LinkedHashMap<>();
    private final List<AccessPath> paths = new ArrayList<>();

    private OrganizationAccessPaths(Organization organization, Map<String, Synthesized> app, String prefix) {
        this.organization = organization;
        this.app = app;
        this.prefix = prefix;
        this.org = stack("org");
        this.logArchive = stack("log-archive");
        this.orgModel = new TerraformModel(org);
        this.logArchiveModel = new TerraformModel(logArchive);
        this.organizationId = organization.id();
        this.rootId = organization.rootId();
        org.resources("aws_organizations_policy").forEach((name, policy) -> {
            JsonNode content = Synthesized.parseJson(orgModel.resolve(policy.path("content").asText()));
            (policy.path("type").asText().equals("SERVICE_CONTROL_POLICY") ? scps : rcps).put("aws_organizations_policy." + name, content);
        });
    }

    /**
     * The paths of the organization app of {@code settings} (its stacks by name, possibly tampered with); each labelled
     * {@code <prefix><stack>}, as the proofs label stacks.
     */
    public static List<AccessPath> of(Map<String, String> settings, Map<String, Synthesized> app, String prefix) {
        Organization organization = AppSettings.fromEnvironment(settings).organization().orElseThrow().organization();
        OrganizationAccessPaths derived = new OrganizationAccessPaths(organization, app, prefix);
        derived.organizationTrail();
        derived.membersConfig();
        derived.guardrailPolicies();
        return derived.paths;
    }

    // ==================================================================== the log archive

    /** The organization trail into the log archive's trail bucket and key, for the management account and every member. */
    private void organizationTrail() {
        JsonNode trail = org.resource("aws_cloudtrail", "organization");
        String path = "trail aws_cloudtrail.organization";
        String trailArn = orgModel.attribute("aws_cloudtrail.organization", "arn");
        String management = orgModel.account();
        String bucketArn = logArchiveResource("aws_s3_bucket.trail", "id", trail.path("s3_bucket_name").asText(), "arn");
        String keyArn = logArchiveResource("aws_kms_key.trail", "arn", trail.path("kms_key_id").asText(), "arn");
        JsonNode bucketPolicy = logArchivePolicy("aws_s3_bucket_policy", "trail", "policy");
        JsonNode keyPolicy = logArchivePolicy("aws_kms_key", "trail", "policy");
        String logArchiveAccount = logArchiveModel.account();
        String region = orgModel.region(trail);

        allow("org", path + " checks the log archive's trail bucket", underTheResourcePolicies(new AccessRequest("cloudtrail.amazonaws.com", "s3:GetBucketAcl", bucketArn, logArchiveAccount)
                .with("aws:SourceArn", trailArn).with("aws:SourceAccount", management).resourcePolicy(bucketPolicy).blockPublicAccess(true)));
        String memberLog = bucketArn + "/AWSLogs/" + organizationId + "/444444444444/CloudTrail/" + region + "/2026/12/06/x.json.gz";
        String managementLog = bucketArn + "/AWSLogs/" + management + "/CloudTrail/" + region + "/2026/12/06/x.json.gz";
        for (String object : List.of(managementLog, memberLog)) {
            allow("org", path + " writes a log file into the log archive", underTheResourcePolicies(new AccessRequest("cloudtrail.amazonaws.com", "s3:PutObject", object, logArchiveAccount)
                    .with("aws:SourceArn", trailArn).with("aws:SourceAccount", management).with("s3:x-amz-acl", "bucket-owner-full-control")
                    .resourcePolicy(bucketPolicy).blockPublicAccess(true)));
        }
        allow("org", path + " encrypts with the log archive's trail key", underTheResourcePolicies(new AccessRequest("cloudtrail.amazonaws.com", "kms:GenerateDataKey", keyArn, logArchiveAccount)
                .with("aws:SourceArn", trailArn).with("aws:SourceAccount", management).with("kms:EncryptionContext:aws:cloudtrail:arn", trailArn)
                .resourcePolicy(keyPolicy)));
        for (String action : List.of("kms:DescribeKey", "kms:Decrypt")) {
            allow("org", path + " uses the log archive's trail key", underTheResourcePolicies(new AccessRequest("cloudtrail.amazonaws.com", action, keyArn, logArchiveAccount)
                    .with("aws:SourceArn", trailArn).with("aws:SourceAccount", management).resourcePolicy(keyPolicy)));
        }
        // Under the organization's own prefix, which the grant covers: only the aws:SourceArn condition keeps another trail out.
        deny("log-archive", "another trail writing into the organization trail's bucket", new Guard.Conditions("CloudTrailWritesLogFiles", "aws:SourceArn"),
                new AccessRequest("cloudtrail.amazonaws.com", "s3:PutObject",
                bucketArn + "/AWSLogs/" + organizationId + "/999999999999/CloudTrail/" + region + "/2026/12/06/x.json.gz", logArchiveAccount)
                .with("aws:SourceArn", "arn:aws:cloudtrail:" + region + ":999999999999:trail/exfiltration").with("aws:SourceAccount", "999999999999")
                .with("s3:x-amz-acl", "bucket-owner-full-control").resourcePolicy(bucketPolicy).blockPublicAccess(true)
                .resourceControlPolicies(rootId, rcps).with("aws:PrincipalIsAWSService", "true"));

        String securityAccount = organization.security().accountId();
        String auditor = "arn:aws:iam::" + securityAccount + ":role/auditor";
        allow("log-archive", "the security account reads a log file", new AccessRequest(auditor, "s3:GetObject", memberLog, logArchiveAccount)
                .identity("auditor", EVERYTHING).resourcePolicy(bucketPolicy).blockPublicAccess(true));
        allow("log-archive", "the security account decrypts a log file", new AccessRequest(auditor, "kms:Decrypt", keyArn, logArchiveAccount)
                .identity("auditor", EVERYTHING).resourcePolicy(keyPolicy));
        String administrator = "arn:aws:iam::" + logArchiveAccount + ":role/administrator";
        deny("log-archive", "the log archive's own administrator deleting the trail bucket", new Guard.Statement("NobodyButBreakGlassDeletes"), new AccessRequest(administrator, "s3:DeleteBucket", bucketArn,
                logArchiveAccount).with("aws:PrincipalArn", administrator).identity("administrator", EVERYTHING).resourcePolicy(bucketPolicy));
        deny("log-archive", "the log archive's own administrator scheduling the trail key's deletion",
                new Guard.Statement("NobodyButBreakGlassDisablesOrDeletes"), new AccessRequest(administrator,
                "kms:ScheduleKeyDeletion", keyArn, logArchiveAccount).with("aws:PrincipalArn", administrator).identity("administrator", EVERYTHING)
                .resourcePolicy(keyPolicy));
        String breakGlass = "arn:aws:iam::" + logArchiveAccount + ":role/" + breakGlassName();
        allow("log-archive", "break-glass deleting the trail bucket", new AccessRequest(breakGlass, "s3:DeleteBucket", bucketArn, logArchiveAccount)
                .with("aws:PrincipalArn", breakGlass).identity("break-glass", EVERYTHING).resourcePolicy(bucketPolicy));
    }

    /** Every member's Config, in every region, into the log archive's Config bucket with its key, for this organization only. */
    private void membersConfig() {
        String bucketArn = logArchiveModel.attribute("aws_s3_bucket.config", "arn");
        String keyArn = logArchiveModel.attribute("aws_kms_key.config", "arn");
        JsonNode bucketPolicy = logArchivePolicy("aws_s3_bucket_policy", "config", "policy");
        JsonNode keyPolicy = logArchivePolicy("aws_kms_key", "config", "policy");
        String logArchiveAccount = logArchiveModel.account();
        app.forEach((name, stack) -> {
            if (!stack.isAccountStack()) {
                return;
            }
            TerraformModel model = new TerraformModel(stack);
            String member = model.account();
            stack.resources("aws_config_delivery_channel").forEach((channelName, channel) -> {
                logArchiveResource("aws_s3_bucket.config", "id", channel.path("s3_bucket_name").asText(), "id");
                logArchiveResource("aws_kms_key.config", "arn", channel.path("s3_kms_key_arn").asText(), "arn");
                String path = "Config delivery aws_config_delivery_channel." + channelName;
                for (String action : List.of("s3:GetBucketAcl", "s3:ListBucket")) {
                    allow(name, path + " checks the log archive's Config bucket", configRequest(action, bucketArn, logArchiveAccount, member,
                            organizationId).resourcePolicy(bucketPolicy).blockPublicAccess(true));
                }
                String object = bucketArn + "/AWSLogs/" + member + "/Config/" + model.region(channel) + "/2026/12/6/ConfigSnapshot/x.json.gz";
                allow(name, path + " delivers into the log archive", configRequest("s3:PutObject", object, logArchiveAccount, member, organizationId)
                        .with("s3:x-amz-acl", "bucket-owner-full-control").resourcePolicy(bucketPolicy).blockPublicAccess(true));
                allow(name, path + " encrypts with the log archive's Config key", configRequest("kms:GenerateDataKey", keyArn, logArchiveAccount,
                        member, organizationId).resourcePolicy(keyPolicy));
            });
        });
        deny("log-archive", "another organization's Config delivering into the Config bucket",
                new Guard.Conditions("ConfigDeliversConfigurationItems", "aws:SourceOrgID"), configRequest("s3:PutObject",
                bucketArn + "/AWSLogs/999999999999/Config/x.json.gz", logArchiveAccount, "999999999999", OTHER_ORGANIZATION)
                .with("s3:x-amz-acl", "bucket-owner-full-control").resourcePolicy(bucketPolicy).blockPublicAccess(true));
        deny("log-archive", "another organization's Config using the Config key",
                new Guard.Conditions("ConfigEncryptsTheOrganizationsDeliveries", "aws:SourceAccount"), configRequest("kms:GenerateDataKey", keyArn, logArchiveAccount,
                "999999999999", OTHER_ORGANIZATION).resourcePolicy(keyPolicy));
    }

    private AccessRequest configRequest(String action, String resource, String resourceAccount, String sourceAccount, String sourceOrganization) {
        return underTheResourcePolicies(new AccessRequest(Policies.CONFIG, action, resource, resourceAccount)
                .with("aws:SourceAccount", sourceAccount).with("aws:SourceOrgID", sourceOrganization));
    }

    // ==================================================================== the authorization guardrails

    /**
     * Every SCP and RCP of the org stack with AWS's default full-access policies: what the deploy roles and the
     * baseline's services must still do is allowed, what the guardrails are for is denied.
     */
    private void guardrailPolicies() {
        Guardrails guardrails = new Guardrails();
        deployRolesDoWhatTheirStacksNeed(guardrails);
        rootUsersLeavingAndSwitchingOff(guardrails);
        theRegionGuardrail(guardrails);
        theResourcePerimeter(guardrails);
    }

    /** A member's principal acting under the organization's policies. */
    private final class Guardrails {

        /**
         * {@code principal} of account {@code account}, allowed everything by IAM, calls {@code action} on its account's
         * {@code resource}. Neither SCPs nor RCPs apply in the management account (AWS Organizations User Guide).
         */
        AccessRequest asMember(String principal, String account, String action, String resource, String region) {
            return asMember(principal, account, action, resource, region, "allows everything", EVERYTHING);
        }

        /** The same, with the principal's own identity policy. */
        AccessRequest asMember(String principal, String account, String action, String resource, String region, String policyName,
                               JsonNode identity) {
            AccessRequest request = new AccessRequest(principal, action, resource, account)
                    .with("aws:PrincipalArn", principal).with("aws:PrincipalAccount", account).with("aws:PrincipalOrgID", organizationId)
                    .with("aws:RequestedRegion", region).with("aws:PrincipalIsAWSService", "false")
                    .identity(policyName, identity);
            return organization.isManagement(account) ? request : request.serviceControlPolicies(rootId, scps).resourceControlPolicies(rootId, rcps);
        }
    }

    /**
     * Each deploy role may do what its stack's resource types need: the environments', the member accounts', the security and
     * log archive stacks'. With a pipeline, so may the pipeline's apply role of the stack's account, with the permissions it
     * really has (its role policy), under the same SCPs.
     */
    private void deployRolesDoWhatTheirStacksNeed(Guardrails guardrails) {
        String accountRole = accountDeployRoleName();
        app.forEach((name, stack) -> {
            if (stack.json().path("provider").path("aws").path(0).path("allowed_account_ids").isMissingNode() || name.endsWith("-org")
                    || name.endsWith("-bootstrap") || PipelineAccessPaths.isPipelineStack(stack)) {
                return;
            }
            TerraformModel model = new TerraformModel(stack);
            String account = model.account();
            String role = deployRoleOf(stack, account, accountRole);
            java.util.Optional<Synthesized> pipeline = pipelineStackOf(account);
            for (String type : stack.json().path("resource").properties().stream().map(Map.Entry::getKey).toList()) {
                StackActions.Needed needed = StackActions.of(type, name);
                for (JsonNode body : stack.resources(type).values()) {
                    String region = model.region(body);
                    allow(name, "the deploy role of " + name + " manages " + type + " in " + region, guardrails.asMember(role, account,
                            needed.action(), needed.resource(region, account), region));
                    pipeline.ifPresent(ci -> allow(name, "the pipeline's apply role of " + name + " manages " + type + " in " + region,
                            guardrails.asMember(pipelineApplyRole(ci, account), account, needed.action(), needed.resource(region, account), region,
                                    "aws_iam_role_policy.apply", Synthesized.parseJson(new TerraformModel(ci).resolve(
                                            ci.resource("aws_iam_role_policy", "apply").path("policy").asText())))));
                    break;
                }
            }
        });
    }


    private java.util.Optional<Synthesized> pipelineStackOf(String account) {
        return app.values().stream().filter(PipelineAccessPaths::isPipelineStack)
                .filter(s -> new TerraformModel(s).account().equals(account)).findFirst();
    }

    private static String pipelineApplyRole(Synthesized pipeline, String account) {
        return "arn:aws:iam::" + account + ":role/" + pipeline.resource("aws_iam_role", "apply").path("name").asText();
    }

    /** The role a stack deploys through: its provider's assume_role, or for an environment without one a representative deploy role. */
    private static String deployRoleOf(Synthesized stack, String account, String accountRoleName) {
        if (!stack.deployRole().isEmpty()) {
            return stack.deployRole();
        }
        return "arn:aws:iam::" + account + ":role/" + (stack.settings() != null ? stack.settings().baseName() + "-deploy" : accountRoleName);
    }

    /** The root users, leaving the organization, and every action that switches a guardrail off or changes the baseline's roles. */
    private void rootUsersLeavingAndSwitchingOff(Guardrails guardrails) {
        String member = "444444444444";
        String region = orgModel.region(org.resource("aws_organizations_organization", "main"));
        String root = "arn:aws:iam::" + member + ":root";
        deny("org", "a member's root user listing its buckets", new Guard.Statement("DenyRootUserOutsideRootSessions"), guardrails.asMember(root, member, "s3:ListAllMyBuckets", "*", region));
        allow("org", "a root session opened by centralized root access deleting a locked bucket policy", guardrails.asMember(root, member,
                "s3:DeleteBucketPolicy", "arn:aws:s3:::locked-bucket", region).with("aws:AssumedRoot", "true"));
        String administrator = "arn:aws:iam::" + member + ":role/administrator";
        deny("org", "a member's administrator leaving the organization", new Guard.Statement("DenyLeavingTheOrganization"), guardrails.asMember(administrator, member,
                "organizations:LeaveOrganization", "*", region));
        String deployRole = "arn:aws:iam::" + member + ":role/" + accountDeployRoleName();
        String breakGlass = "arn:aws:iam::" + member + ":role/" + breakGlassName();
        for (String action : OrganizationPolicies.GUARDRAIL_OFF_ACTIONS) {
            String resource = StackActions.guardrailResource(action, region, member);
            deny("org", "a member's administrator calling " + action, new Guard.Statement("DenySwitchingGuardrailsOff"), guardrails.asMember(administrator, member, action, resource, region));
            allow("org", "the account deploy role calling " + action, guardrails.asMember(deployRole, member, action, resource, region));
            allow("org", "break-glass calling " + action, guardrails.asMember(breakGlass, member, action, resource, region));
        }
        for (String action : OrganizationPolicies.ROLE_CHANGES) {
            deny("org", "a member's administrator changing the account deploy role with " + action, new Guard.Statement("DenyChangingTheBaselineRoles"),
                    guardrails.asMember(administrator, member, action, deployRole, region));
            deny("org", "the account deploy role changing itself with " + action, new Guard.Statement("DenyChangingTheBaselineRoles"), guardrails.asMember(deployRole, member, action, deployRole, region));
            allow("org", "break-glass changing the account deploy role with " + action, guardrails.asMember(breakGlass, member, action, deployRole, region));
            allow("org", "a member's administrator changing an application role with " + action, guardrails.asMember(administrator, member, action,
                    "arn:aws:iam::" + member + ":role/application", region));
        }
    }

    /** With deny_other_regions: nothing regional outside the guardrail regions, global services and break-glass excepted. */
    private void theRegionGuardrail(Guardrails guardrails) {
        if (!org.hasResource("aws_organizations_policy", "deny_other_regions")) {
            return;
        }
        String member = "444444444444";
        String administrator = "arn:aws:iam::" + member + ":role/administrator";
        deny("org", "a member launching outside the guardrail regions", new Guard.Statement("DenyOutsideTheGuardrailRegions"), guardrails.asMember(administrator, member, "ec2:RunInstances",
                "arn:aws:ec2:ap-east-1:" + member + ":instance/i-0123456789abcdef0", "ap-east-1"));
        allow("org", "a member using IAM, a global service, from outside the guardrail regions", guardrails.asMember(administrator, member,
                "iam:CreateRole", "arn:aws:iam::" + member + ":role/application", "ap-east-1"));
        String breakGlass = "arn:aws:iam::" + member + ":role/" + breakGlassName();
        allow("org", "break-glass outside the guardrail regions", guardrails.asMember(breakGlass, member, "ec2:RunInstances",
                "arn:aws:ec2:ap-east-1:" + member + ":instance/i-0123456789abcdef0", "ap-east-1"));
    }

    /** The RCPs: TLS only, and the organization's resources used from inside it, AWS services and ELB log delivery excepted. */
    private void theResourcePerimeter(Guardrails guardrails) {
        String member = "444444444444";
        String bucket = "arn:aws:s3:::baseline-dev-alb-logs-20261206093012345600000001";
        deny("org", "a principal outside the organization reading a member's bucket", new Guard.Statement("DenyPrincipalsOutsideTheOrganization"), new AccessRequest("arn:aws:iam::999999999999:role/administrator",
                "s3:GetObject", bucket + "/x", member).with("aws:PrincipalArn", "arn:aws:iam::999999999999:role/administrator")
                .with("aws:PrincipalAccount", "999999999999").with("aws:PrincipalOrgID", OTHER_ORGANIZATION).with("aws:PrincipalIsAWSService", "false")
                .identity("allows everything", EVERYTHING).resourcePolicy(Synthesized.parseJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                        + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999999999999:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"" + bucket + "/*\"}]}"))
                .resourceControlPolicies(rootId, rcps));
        deny("org", "a member's own administrator without TLS", new Guard.Statement("DenyRequestsWithoutTls"), guardrails.asMember("arn:aws:iam::" + member + ":role/administrator", member,
                "s3:GetObject", bucket + "/x", "us-east-1").with("aws:SecureTransport", "false"));
        allow("org", "a member's own administrator with TLS", guardrails.asMember("arn:aws:iam::" + member + ":role/administrator", member,
                "s3:GetObject", bucket + "/x", "us-east-1"));
        for (String outside : List.of(organization.trustedOutsideAccounts().get(0), FOREIGN_ACCOUNT)) {
            String pipeline = "arn:aws:iam::" + outside + ":role/pipeline";
            String deployRole = "arn:aws:iam::" + member + ":role/" + accountDeployRoleName();
            AccessRequest assume = new AccessRequest(pipeline, "sts:AssumeRole", deployRole, member).with("aws:PrincipalArn", pipeline)
                    .with("aws:PrincipalAccount", outside).with("aws:PrincipalIsAWSService", "false")
                    .identity("pipeline", EVERYTHING).resourcePolicy(trustingBoth(organization.trustedOutsideAccounts().get(0)))
                    .resourceControlPolicies(rootId, rcps);
            if (organization.trustedOutsideAccounts().contains(outside)) {
                allow("org", "a deployer in trusted outside account " + outside + " assuming a member's deploy role", assume);
            } else {
                deny("org", "a deployer in another outside account assuming a member's deploy role its trust policy names",
                        new Guard.Statement("DenyPrincipalsOutsideTheOrganization"), assume);
            }
        }
        String elbAccount = "arn:aws:iam::127311923021:root";
        allow("org", "Elastic Load Balancing's us-east-1 log account writing a member's load balancer logs", new AccessRequest(elbAccount, "s3:PutObject",
                bucket + "/alb/AWSLogs/" + member + "/x.log.gz", member).with("aws:PrincipalAccount", "127311923021")
                .with("aws:PrincipalIsAWSService", "false").resourcePolicy(Synthesized.parseJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                        + "\"Allow\",\"Principal\":{\"AWS\":\"" + elbAccount + "\"},\"Action\":\"s3:PutObject\",\"Resource\":\"" + bucket + "/*\"}]}"))
                .identity("elb-log-delivery", EVERYTHING).resourceControlPolicies(rootId, rcps));
    }

    // ==================================================================== helpers

    /** A deploy role's trust policy that names the trusted outside account and another one: only the perimeter tells them apart. */
    private static JsonNode trustingBoth(String trusted) {
        return Synthesized.parseJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::"
                + trusted + ":root\",\"arn:aws:iam::" + FOREIGN_ACCOUNT + ":root\"]},\"Action\":\"sts:AssumeRole\"}]}");
    }

    /**
     * The log archive's resource at {@code address}, checked to be the one {@code literal} names (a name the file adopts, or
     * {@code ${local.log_archive.<output>}}: what the log archive's state holds for that output); its {@code attribute}.
     */
    private String logArchiveResource(String address, String namedBy, String literal, String attribute) {
        java.util.regex.Matcher read = java.util.regex.Pattern.compile("\\$\\{local\\.log_archive\\.(\\w+)}").matcher(literal);
        if (read.matches()) {
            literal = logArchiveModel.resolve(logArchive.json().path("output").path(read.group(1)).path("value").asText());
        }
        String named = logArchiveModel.attribute(address, namedBy);
        if (!named.equals(literal)) {
            throw new AssertionError("the organization names " + literal + ", which is not the log archive's " + address + " (" + named + ")");
        }
        return logArchiveModel.attribute(address, attribute);
    }

    private JsonNode logArchivePolicy(String type, String name, String attribute) {
        return Synthesized.parseJson(logArchiveModel.resolve(logArchive.resource(type, name).path(attribute).asText()));
    }

    private String accountDeployRoleName() {
        return organization.accountDeployRoleName();
    }

    private String breakGlassName() {
        return organization.breakGlassRoleName();
    }

    private Synthesized stack(String part) {
        return app.entrySet().stream().filter(e -> e.getKey().endsWith("-" + part)).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("the organization app has no " + part + " stack"));
    }

    private String label(String stackName) {
        return prefix + stackName;
    }

    /** An AWS service acting on the organization's resources: the RCPs apply (and exempt it), SCPs do not. */
    private AccessRequest underTheResourcePolicies(AccessRequest request) {
        return request.with("aws:PrincipalIsAWSService", "true").resourceControlPolicies(rootId, rcps);
    }

    private void allow(String part, String path, AccessRequest request) {
        add(part, path, Expect.ALLOWED, request);
    }

    private void deny(String part, String path, Guard guard, AccessRequest request) {
        paths.add(new AccessPath(label(stackOf(part)), path, Expect.DENIED, request, guard));
    }

    private void add(String part, String path, Expect expect, AccessRequest request) {
        paths.add(new AccessPath(label(stackOf(part)), path, expect, request));
    }

    private String stackOf(String partOrStack) {
        return app.keySet().stream().filter(n -> n.equals(partOrStack) || n.endsWith("-" + partOrStack)).findFirst().orElse(partOrStack);
    }
}
