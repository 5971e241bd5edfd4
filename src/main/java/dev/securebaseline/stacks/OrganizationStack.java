package dev.securebaseline.stacks;

import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.audit.AccountAudit;
import dev.securebaseline.audit.AuditKeys;
import dev.securebaseline.audit.CisControls;
import dev.securebaseline.monitoring.Monitoring;
import dev.securebaseline.organization.Delegations;
import dev.securebaseline.organization.OneWriteAtATime;
import dev.securebaseline.organization.OrganizationPolicies;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.Organization;
import dev.securebaseline.settings.OrganizationSettings;
import dev.securebaseline.settings.PolicyType;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.AwsProvider;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.StackVariables;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.securebaseline.tf.Tf.expr;
import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.listOf;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * {@code <project>-org}, in the management account: the organization itself (adopted by import, never created
 * over, never deleted), trusted access for the services the baseline runs organization-wide, their delegated
 * administration by the security account, centralized root access, the service and resource control
 * policies, and, once the log archive's buckets exist, the organization trail with the CIS alarms on its log
 * group (the management account owns every organization trail and so its log group).
 */
public final class OrganizationStack extends TerraformStack {

    /** The services the baseline runs across the organization; each needs trusted access. */
    public static final List<String> SERVICE_ACCESS = List.of("access-analyzer.amazonaws.com", "cloudtrail.amazonaws.com",
            "config-multiaccountsetup.amazonaws.com", "config.amazonaws.com", "guardduty.amazonaws.com", "iam.amazonaws.com",
            "malware-protection.guardduty.amazonaws.com", "securityhub.amazonaws.com");

    private final Tf tf;
    private final Naming names;
    private final AwsContext aws;
    private final Organization organization;
    private final OrganizationSettings settings;
    private final String project;
    private final java.util.Set<String> checkedUnits = new java.util.HashSet<>();
    private final OneWriteAtATime writes;

    public OrganizationStack(Construct scope, AppSettings.Bootstrap app, OrganizationSettings settings) {
        super(scope, OrganizationSettings.stackName(app.project(), OrganizationSettings.ORG));
        this.settings = settings;
        this.organization = settings.organization();
        this.project = app.project();
        this.tf = new Tf(this);
        this.names = Naming.ofOrganizationPart(app.project(), app.stateBucket(), OrganizationSettings.ORG);
        this.aws = OrganizationParts.providersAndState(this, tf, app, OrganizationSettings.ORG, names, organization.management(),
                organization.homeRegion(), organization.guardrailRegions(), LogArchiveState.stateBucket(app, organization));

        Ref org = theOrganization();
        this.writes = new OneWriteAtATime(org);
        Delegations delegations = new Delegations(tf, organization, writes);
        delegations.centralizedRootAccess();
        delegations.delegatedAdministrators();
        policies("SERVICE_CONTROL_POLICY", OrganizationPolicies.serviceControlPolicies(organization, aws.partitionName(), settings.pipelineDeployRoles()));
        policies("RESOURCE_CONTROL_POLICY", OrganizationPolicies.resourceControlPolicies(organization, aws.partitionName()));
        organizationTrail(org, LogArchiveState.read(tf, app, organization, "The organization trail (CIS 3.1 for every account)"));
        tf.output("organization_id", organization.id(), "The organization the baseline governs.");
        tf.flush();
    }

    private String stackName() {
        return OrganizationSettings.stackName(project, OrganizationSettings.ORG);
    }

    // ==================================================================== the organization

    /**
     * The existing organization, taken over by import (the first apply fails where it does not exist: create it first, in
     * the console), with all features. Adopting it removes nothing: trusted access and enabled policy types are what the
     * organization already has (read by a lookup) plus what the baseline and the file add. The provider disables every
     * enabled policy type missing from the list, and AWS detaches every policy of a disabled type; it disables trusted
     * access the same way.
     */
    private Ref theOrganization() {
        Ref current = tf.data("aws_organizations_organization", "current", map());
        TreeSet<String> access = new TreeSet<>(SERVICE_ACCESS);
        access.addAll(organization.keepServiceAccessPrincipals());
        TreeSet<String> types = new TreeSet<>(PolicyType.theBaselines().stream().map(PolicyType::name).toList());
        types.addAll(organization.keepPolicyTypes());
        String unknown = "setsubtract(" + current.attr("enabled_policy_types") + ", " + hclList(PolicyType.names()) + ")";
        Ref org = tf.resource("aws_organizations_organization", "main", map(
                "feature_set", "ALL",
                "aws_service_access_principals", expr("setunion(" + hclList(access) + ", " + current.attr("aws_service_access_principals") + ")"),
                "enabled_policy_types", expr("setunion(" + hclList(types) + ", " + current.attr("enabled_policy_types") + ")"),
                "lifecycle", map(
                        // Never deleted by Terraform, not even in a retire: deleting an organization is for a human.
                        "prevent_destroy", true,
                        // A type this provider cannot name could not be kept, and the provider would disable it.
                        "precondition", list(map(
                                "condition", expr("length(" + unknown + ") == 0"),
                                "error_message", "The organization has policy types enabled that this stack's AWS provider (hashicorp/aws "
                                        + AwsProvider.VERSION + ") cannot manage (" + expr("join(\", \", " + unknown + ")") + "); applying would disable them and "
                                        + "detach their policies. Use a provider version that knows them.")))));
        tf.adopt(org, organization.id());
        return org;
    }

    // ==================================================================== authorization guardrails

    /**
     * Each policy, attached to every target: the root, or the workloads' organizational units and the log-archive and
     * security accounts, so that every account of the file but management is covered. A unit must hold the accounts the file
     * places under it, or the plan stops: a wrong unit id would leave a workload unguarded.
     */
    private void policies(String type, List<OrganizationPolicies.Named> policies) {
        for (OrganizationPolicies.Named named : policies) {
            Ref policy = writes.write(tf, "aws_organizations_policy", named.name(), map(
                    "name", names.display(named.name().replace('_', '-')),
                    "description", named.description(),
                    "type", type,
                    "content", named.policy().json(),
                    "tags", tags(names.display(named.name().replace('_', '-')))));
            for (Organization.PolicyTarget target : organization.policyTargets()) {
                Map<String, Object> attachment = map(
                        "policy_id", policy.get("id"),
                        "target_id", target.kind() == Organization.PolicyTarget.Kind.ORGANIZATIONAL_UNIT ? holding(target).get("id") : target.id());
                writes.write(tf, "aws_organizations_policy_attachment", named.name() + "_" + target.id().replace('-', '_'), attachment);
            }
        }
    }

    /**
     * The unit, looked up once, with a check that every account the file places under it is there, at any depth; the
     * attachments name it through the lookup, so the check runs before any of them.
     */
    private Ref holding(Organization.PolicyTarget unit) {
        String name = unit.id().replace('-', '_');
        if (!checkedUnits.add(unit.id())) {
            return Ref.data("aws_organizations_organizational_unit_descendant_accounts", name);
        }
        String missing = "setsubtract(" + hclList(unit.accounts()) + ", self.accounts[*].id)";
        return tf.data("aws_organizations_organizational_unit_descendant_accounts", name, map(
                "parent_id", unit.id(),
                "lifecycle", map("postcondition", list(map(
                        "condition", expr("length(" + missing + ") == 0"),
                        "error_message", "The organization file places " + String.join(", ", unit.accounts()) + " under " + unit.id()
                                + ", but the unit does not hold " + expr("join(\", \", " + missing + ")") + ": the policies attached "
                                + "to it would not reach them. Correct the organizational_unit in the file.")))));
    }

    private static String hclList(java.util.Collection<String> values) {
        return "[" + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
    }

    // ==================================================================== the organization trail

    /**
     * CIS 3.1 for every account: one multi-region organization trail into the log archive, validated and
     * encrypted with the log archive's key, delivered to a log group here, with the fifteen CIS alarms on it. The trail
     * itself waits for the log archive's buckets (see {@link LogArchiveState}); its log group, key and alarms do not.
     */
    private void organizationTrail(Ref org, LogArchiveState.Destinations logArchive) {
        Ref key = AuditKeys.key(tf, names, "monitoring", "Encrypts the organization trail's log group and the security alarm topic",
                Policies.monitoringKey(aws, "log-group:" + names.logPath() + "/*"), !settings.allowDestroy());
        Ref retention = StackVariables.logRetentionDays(tf, settings.trailLogRetentionDays(), "Retention in days of the organization trail's log group.");
        Ref email = StackVariables.alarmEmail(tf, settings.securityAlarmEmail(),
                "Email address subscribed to the security alarm topic (the CIS alarms on the organization trail); empty for none.");
        AccountAudit.LogDelivery logs = AccountAudit.logDelivery(tf, names, key.get("arn"), retention.value(), !settings.allowDestroy(),
                organization.trailName(project));
        Map<String, Object> body = logs.trail(organization.trailName(project), logArchive.trailBucket(), logArchive.trailKeyArn(),
                !settings.allowDestroy());
        body.put("is_organization_trail", true);
        body.put("event_selector", list(map("read_write_type", "All", "include_management_events", true)));
        // Trusted access for CloudTrail comes with the organization; the role must be able to write first.
        body.put("depends_on", list(org.dependency(), logs.rolePolicy().dependency()));
        logArchive.ready().ifPresent(ready -> body.put("count", Tf.countIf(ready)));
        Ref trail = tf.resource("aws_cloudtrail", "organization", body);
        // A trail written before it waited (the two-pass flow) is the same trail.
        logArchive.ready().ifPresent(ready -> tf.movedToFirstInstance(trail));
        String trailArn = logArchive.ready().isPresent() ? expr("one(" + trail.path() + "[*].arn)") : trail.get("arn");
        Ref topic = Monitoring.alarmTopic(tf, aws, names, "security_alarms", "security_alarm_email", "security-alarms", key.get("arn"), email);
        List<Ref> alarms = CisControls.write(tf, names, logs.logGroup(), topic);
        tf.output("organization_trail_arn", trailArn, "The organization trail (null while it waits for the log archive).");
        tf.output("trail_log_group_name", logs.logGroup().get("name"), "The organization trail's log group, where the CIS alarms count.");
        tf.output("security_alarm_topic_arn", topic.get("arn"), "The SNS topic the CIS alarms notify.");
        tf.output("cis_alarm_names", listOf(alarms.stream().map(alarm -> alarm.get("alarm_name")).toList()),
                "Names of the CIS monitoring alarms, in control order.");
    }
}
