package dev.securebaseline.stacks;

import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.guardrails.SecurityHubStandards;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.settings.AccountSettings.GuardDutyProtection;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.settings.Organization;
import dev.securebaseline.settings.OrganizationSettings;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.AwsProvider;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;
import software.constructs.Construct;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.listOf;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * {@code <project>-security}, in the security account, the delegated administrator: GuardDuty for every member
 * with the chosen protection plans in every guardrail region, Security Hub's central configuration (FSBP and
 * CIS v5.0.0 for the whole organization in the guardrail regions, and only there, their findings aggregated in the
 * home region), an organization-wide Config aggregator and an organization IAM Access Analyzer in every guardrail region.
 * Deployed after {@code <project>-org}, whose designations make this account the administrator.
 */
public final class SecurityStack extends TerraformStack {

    private final Tf tf;
    private final Naming names;
    private final AwsContext aws;
    private final Organization organization;

    public SecurityStack(Construct scope, AppSettings.Bootstrap app, OrganizationSettings settings) {
        super(scope, OrganizationSettings.stackName(app.project(), OrganizationSettings.SECURITY));
        this.organization = settings.organization();
        this.tf = new Tf(this);
        this.names = Naming.ofOrganizationPart(app.project(), app.stateBucket(), OrganizationSettings.SECURITY);
        this.aws = OrganizationParts.providersAndState(this, tf, app, OrganizationSettings.SECURITY, names, organization.security(),
                organization.homeRegion(), organization.guardrailRegions());

        for (String region : organization.guardrailRegions()) {
            guardDuty(tf.withProvider(AwsProvider.in(region)), region);
            accessAnalyzer(tf.withProvider(AwsProvider.in(region)), region);
        }
        securityHub(tf.withProvider(AwsProvider.in(organization.homeRegion())));
        configAggregator(tf.withProvider(AwsProvider.in(organization.homeRegion())));
        tf.output("guardrail_regions", listOf(organization.guardrailRegions()), "Regions the organization-wide services cover, the home region first.");
        tf.flush();
    }

    // ==================================================================== GuardDuty

    /**
     * FSBP GuardDuty.1 for every member: new and existing accounts enrolled, S3 protection on, the chosen paid
     * plans on and every other plan off (AWS would enable them). The administrator's own detector is the one
     * the org stack's designation enabled, found by a lookup.
     */
    private void guardDuty(Tf regional, String region) {
        String suffix = AwsRegions.alias(region);
        Ref detector = regional.data("aws_guardduty_detector", suffix, map());
        regional.resource("aws_guardduty_organization_configuration", suffix, map(
                "detector_id", detector.get("id"),
                "auto_enable_organization_members", "ALL"));
        Ref previous = feature(regional, suffix, detector, null, "S3_DATA_EVENTS", true);
        for (GuardDutyProtection plan : GuardDutyProtection.values()) {
            boolean wanted = organization.guardDutyProtections().contains(plan);
            if ((wanted || plan.onByDefault()) && plan.isOfferedIn(region)) {
                previous = feature(regional, suffix, detector, previous, plan.name(), wanted);
            }
        }
    }

    private Ref feature(Tf regional, String suffix, Ref detector, Ref after, String feature, boolean enabled) {
        String autoEnable = enabled ? "ALL" : "NONE";
        Map<String, Object> body = map(
                "detector_id", detector.get("id"),
                "name", feature,
                "auto_enable", autoEnable,
                // One feature at a time: they all update the same organization configuration.
                "depends_on", after == null ? null : list(after.dependency()));
        if (feature.equals(GuardDutyProtection.RUNTIME_MONITORING.name())) {
            body.put("additional_configuration", list(
                    map("name", "EKS_ADDON_MANAGEMENT", "auto_enable", autoEnable),
                    map("name", "ECS_FARGATE_AGENT_MANAGEMENT", "auto_enable", autoEnable),
                    map("name", "EC2_AGENT_MANAGEMENT", "auto_enable", autoEnable)));
        }
        return regional.resource("aws_guardduty_organization_configuration_feature", suffix + "_" + feature.toLowerCase(Locale.ROOT), body);
    }

    // ==================================================================== Security Hub

    /**
     * CIS 4.16 for every member, through Security Hub's central configuration: one configuration policy, FSBP and CIS
     * v5.0.0 with every control on, associated with the root. A configuration policy takes effect in the home region and
     * every region the finding aggregator links, so the aggregator links exactly the other guardrail regions: Security Hub
     * runs where Config, GuardDuty and Access Analyzer do, never where nothing records (Config-based controls would fail
     * there, and billed checks run for nothing). Central configuration disables the controls of global resources outside
     * the home region by itself, as the standalone account stacks do with control associations.
     */
    private void securityHub(Tf home) {
        List<String> linked = organization.guardrailRegions().stream().filter(r -> !r.equals(organization.homeRegion())).toList();
        Ref aggregator = home.resource("aws_securityhub_finding_aggregator", "main", linked.isEmpty()
                ? map("linking_mode", "NO_REGIONS")
                : map("linking_mode", "SPECIFIED_REGIONS", "specified_regions", listOf(linked)));
        Ref central = home.resource("aws_securityhub_organization_configuration", "main", map(
                "auto_enable", false,
                "auto_enable_standards", "NONE",
                "organization_configuration", map("configuration_type", "CENTRAL"),
                "depends_on", list(aggregator.dependency())));
        Ref policy = home.resource("aws_securityhub_configuration_policy", "baseline", map(
                "name", names.display("baseline"),
                "description", "FSBP and CIS AWS Foundations Benchmark v5.0.0, every control on",
                "configuration_policy", map(
                        "service_enabled", true,
                        "enabled_standard_arns", listOf(SecurityHubStandards.ALL.stream()
                                .map(standard -> standard.arn(aws.partitionName(), organization.homeRegion())).toList()),
                        "security_controls_configuration", map("disabled_control_identifiers", list())),
                "depends_on", list(central.dependency())));
        home.resource("aws_securityhub_configuration_policy_association", "root", map(
                "target_id", organization.rootId(),
                "policy_id", policy.get("id")));
    }

    // ==================================================================== Config and Access Analyzer

    /** Every member's configuration, in every region, seen from here (the delegated administrator for Config). */
    private void configAggregator(Tf home) {
        Ref role = home.resource("aws_iam_role", "config_aggregator", map(
                // IAM's name_prefix takes 38 characters: the role, not the purpose, is short.
                "name_prefix", names.prefix("config-agg"),
                "description", "Lets AWS Config read the organization's accounts for " + names.display("config-aggregator"),
                "assume_role_policy", Policies.assumeRole(aws, Policies.CONFIG, null).json(),
                "tags", tags(names.display("config-aggregator"))));
        Ref attachment = home.resource("aws_iam_role_policy_attachment", "config_aggregator", map(
                "role", role.get("name"),
                "policy_arn", aws.managedPolicyArn("service-role/AWSConfigRoleForOrganizations")));
        home.resource("aws_config_configuration_aggregator", "organization", map(
                "name", names.display("organization"),
                "organization_aggregation_source", map("all_regions", true, "role_arn", role.get("arn")),
                "depends_on", list(attachment.dependency())));
    }

    /** CIS 1.20 / FSBP IAM.28 for the whole organization: access from outside the organization, in every region. */
    private void accessAnalyzer(Tf regional, String region) {
        regional.resource("aws_accessanalyzer_analyzer", AwsRegions.alias(region), map(
                "analyzer_name", names.unique("organization-access"),
                "type", "ORGANIZATION",
                "tags", tags(names.display("organization-access"))));
    }
}
