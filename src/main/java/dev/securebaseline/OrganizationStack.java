package dev.securebaseline;

import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.Tf.Ref;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.securebaseline.Tf.list;
import static dev.securebaseline.Tf.listOf;
import static dev.securebaseline.Tf.map;
import static dev.securebaseline.Tf.tags;

/**
 * {@code <project>-org}, in the management account: the organization itself (adopted by import, never created
 * over, never deleted), trusted access for the services the baseline runs organization-wide, their delegated
 * administration by the security account, centralized root access, the service and resource control
 * policies, and, once the log archive's buckets exist, the organization trail with the CIS alarms on its log
 * group (the management account owns every organization trail and so its log group).
 */
public final class OrganizationStack extends TerraformStack {

    /** The services the baseline runs across the organization; each needs trusted access. */
    static final List<String> SERVICE_ACCESS = List.of("access-analyzer.amazonaws.com", "cloudtrail.amazonaws.com",
            "config-multiaccountsetup.amazonaws.com", "config.amazonaws.com", "guardduty.amazonaws.com", "iam.amazonaws.com",
            "malware-protection.guardduty.amazonaws.com", "securityhub.amazonaws.com");

    /** Delegated through Organizations itself: service principal → address. */
    private static final Map<String, String> DELEGATED_THROUGH_ORGANIZATIONS = Map.of(
            "config.amazonaws.com", "config",
            "access-analyzer.amazonaws.com", "access_analyzer",
            "iam.amazonaws.com", "iam");

    private final Tf tf;
    private final Naming names;
    private final AwsContext aws;
    private final Organization organization;
    private final OrganizationSettings settings;
    private final String project;

    public OrganizationStack(Construct scope, AppSettings.Bootstrap app, OrganizationSettings settings) {
        super(scope, OrganizationSettings.stackName(app.project(), OrganizationSettings.ORG));
        this.settings = settings;
        this.organization = settings.organization();
        this.project = app.project();
        this.tf = new Tf(this);
        this.names = Naming.ofOrganizationPart(app.project(), app.stateBucket(), OrganizationSettings.ORG);
        this.aws = OrganizationSettings.providersAndState(this, tf, app, OrganizationSettings.ORG, names, organization.management(),
                organization.homeRegion(), organization.guardrailRegions());

        Ref org = theOrganization();
        centralizedRootAccess(org);
        delegatedAdministrators(org);
        policies(org, "SERVICE_CONTROL_POLICY", OrganizationPolicies.serviceControlPolicies(organization, aws.partitionName()));
        policies(org, "RESOURCE_CONTROL_POLICY", OrganizationPolicies.resourceControlPolicies(organization, aws.partitionName()));
        // Before the log archive's buckets exist the synth says what to paste (Main); its summary shows no trail.
        organization.logArchiveOutputs().ifPresent(logArchive -> organizationTrail(org, logArchive));
        tf.output("organization_id", organization.id(), "The organization the baseline governs.");
        tf.flush();
    }

    private String stackName() {
        return OrganizationSettings.stackName(project, OrganizationSettings.ORG);
    }

    // ==================================================================== the organization

    /**
     * The existing organization, taken over by import (the first apply fails where it does not exist: create
     * it first, in the console). All features, both policy types, and trusted access for the baseline's
     * services and the ones the file keeps: anything else is removed from the list.
     */
    private Ref theOrganization() {
        TreeSet<String> access = new TreeSet<>(SERVICE_ACCESS);
        access.addAll(organization.keepServiceAccessPrincipals());
        Ref org = tf.resource("aws_organizations_organization", "main", map(
                "feature_set", "ALL",
                "aws_service_access_principals", listOf(List.copyOf(access)),
                "enabled_policy_types", list("RESOURCE_CONTROL_POLICY", "SERVICE_CONTROL_POLICY"),
                // Never deleted by Terraform, not even in a retire: deleting an organization is for a human.
                "lifecycle", map("prevent_destroy", true)));
        tf.adopt(org, organization.id());
        return org;
    }

    /**
     * CIS v7: the members' root users hold no credentials and sign in to nothing; the management account (or its
     * delegate) opens a short root session for the few tasks that need one.
     */
    private void centralizedRootAccess(Ref org) {
        tf.resource("aws_iam_organizations_features", "main", map(
                "enabled_features", list("RootCredentialsManagement", "RootSessions"),
                "depends_on", list(org.dependency())));
    }

    /** The security account administers GuardDuty, Security Hub, Config, Access Analyzer, CloudTrail and root access. */
    private void delegatedAdministrators(Ref org) {
        String security = organization.security().accountId();
        DELEGATED_THROUGH_ORGANIZATIONS.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(entry -> adoptable(
                tf.resource("aws_organizations_delegated_administrator", entry.getValue(), map(
                        "account_id", security,
                        "service_principal", entry.getKey(),
                        "depends_on", list(org.dependency()))),
                security + "/" + entry.getKey(), tf));
        adoptable(tf.resource("aws_cloudtrail_organization_delegated_admin_account", "security", map(
                "account_id", security,
                "depends_on", list(org.dependency()))), security, tf);
        adoptable(tf.resource("aws_securityhub_organization_admin_account", "security", map(
                "admin_account_id", security,
                "depends_on", list(org.dependency()))), security, tf);
        // GuardDuty's delegated administrator is regional: one designation per guardrail region.
        for (String region : organization.guardrailRegions()) {
            Tf regional = tf.withProvider(AwsProvider.in(region));
            adoptable(regional.resource("aws_guardduty_organization_admin_account", AwsRegions.alias(region), map(
                    "admin_account_id", security,
                    "depends_on", list(org.dependency()))), security, regional);
        }
    }

    private void adoptable(Ref designation, String id, Tf view) {
        if (organization.adoptDelegatedAdministrators()) {
            view.adopt(designation, id);
        }
    }

    // ==================================================================== authorization guardrails

    /** Each policy, attached to every target (the root, or the workloads' organizational units). */
    private void policies(Ref org, String type, List<OrganizationPolicies.Named> policies) {
        for (OrganizationPolicies.Named named : policies) {
            Ref policy = tf.resource("aws_organizations_policy", named.name(), map(
                    "name", names.display(named.name().replace('_', '-')),
                    "description", named.description(),
                    "type", type,
                    "content", named.policy().json(),
                    "tags", tags(names.display(named.name().replace('_', '-'))),
                    // The policy type must be enabled in the organization first.
                    "depends_on", list(org.dependency())));
            for (String target : organization.policyTargets()) {
                tf.resource("aws_organizations_policy_attachment", named.name() + "_" + target.replace('-', '_'), map(
                        "policy_id", policy.get("id"),
                        "target_id", target));
            }
        }
    }

    // ==================================================================== the organization trail

    /**
     * CIS 3.1 for every account: one multi-region organization trail into the log archive, validated and
     * encrypted with the log archive's key, delivered to a log group here, with the fifteen CIS alarms on it.
     */
    private void organizationTrail(Ref org, Organization.LogArchiveOutputs logArchive) {
        Ref key = AuditKeys.key(tf, names, "monitoring", "Encrypts the organization trail's log group and the security alarm topic",
                Policies.monitoringKey(aws, "log-group:" + names.logPath() + "/*"), !settings.allowDestroy());
        Ref retention = StackVariables.logRetentionDays(tf, settings.trailLogRetentionDays(), "Retention in days of the organization trail's log group.");
        Ref email = StackVariables.alarmEmail(tf, settings.securityAlarmEmail(),
                "Email address subscribed to the security alarm topic (the CIS alarms on the organization trail); empty for none.");
        AccountBaseline.LogDelivery logs = AccountBaseline.logDelivery(tf, names, key.get("arn"), retention.value(), !settings.allowDestroy(),
                organization.trailName(project));
        Map<String, Object> body = logs.trail(organization.trailName(project), logArchive.trailBucket(), logArchive.trailKeyArn(),
                !settings.allowDestroy());
        body.put("is_organization_trail", true);
        body.put("event_selector", list(map("read_write_type", "All", "include_management_events", true)));
        // Trusted access for CloudTrail comes with the organization; the role must be able to write first.
        body.put("depends_on", list(org.dependency(), logs.rolePolicy().dependency()));
        Ref trail = tf.resource("aws_cloudtrail", "organization", body);
        Ref topic = Monitoring.alarmTopic(tf, aws, names, "security_alarms", "security_alarm_email", "security-alarms", key.get("arn"), email);
        List<Ref> alarms = CisControls.write(tf, names, logs.logGroup(), topic);
        tf.output("organization_trail_arn", trail.get("arn"), "The organization trail.");
        tf.output("trail_log_group_name", logs.logGroup().get("name"), "The organization trail's log group, where the CIS alarms count.");
        tf.output("security_alarm_topic_arn", topic.get("arn"), "The SNS topic the CIS alarms notify.");
        tf.output("cis_alarm_names", listOf(alarms.stream().map(alarm -> alarm.get("alarm_name")).toList()),
                "Names of the CIS monitoring alarms, in control order.");
    }
}
