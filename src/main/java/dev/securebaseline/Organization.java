package dev.securebaseline;

import dev.securebaseline.AccountSettings.GuardDutyProtection;

import java.util.List;
import java.util.Optional;

/**
 * Organizations mode: the AWS Organization the baseline governs, read from the organization settings file
 * ({@code BASELINE_ORGANIZATION_FILE}, see {@link OrganizationFile}). The management account holds the
 * organization's own stack, the log-archive account the audit buckets, the security account the
 * organization-wide services as their delegated administrator; every other account (log archive and
 * security included) gets a member account stack with what an organization cannot do for it.
 *
 * @param id                       the organization, {@code o-…}: the existing one is adopted, never created
 * @param rootId                   its root, {@code r-…}, where the policies attach unless {@code policyTargets} say otherwise
 * @param homeRegion               the organization trail's, the aggregators' and the member account stacks' home region
 * @param guardrailRegions         regions with the per-region guardrails, the home region first
 * @param management               the management account: the organization, its trail and policies
 * @param logArchive               the log-archive account: the trail and Config buckets
 * @param security                 the security account: delegated administrator of the organization-wide services
 * @param accountDeployRoleName    the role every member account stack deploys through, in each member account;
 *                                 the guardrail policies exempt it (it manages the guardrails)
 * @param breakGlassRoleName       the emergency role, in every account, that the policies exempt where they must
 * @param denyOtherRegions         whether a service control policy denies requests outside the guardrail regions
 * @param keepServiceAccessPrincipals trusted access the organization keeps besides the baseline's (other tools')
 * @param policyTargets            where the SCPs and RCPs attach: the root, or the workloads' organizational units
 * @param objectLock               the trail bucket's Object Lock
 * @param logArchiveOutputs        the log-archive stack's buckets and keys, once it is deployed
 * @param guardDutyProtections     paid GuardDuty plans enabled for every member
 * @param adoptDelegatedAdministrators the security account is already the services' delegated administrator: import
 * @param workloads                the accounts that run environments
 */
public record Organization(
        String id,
        String rootId,
        String homeRegion,
        List<String> guardrailRegions,
        Member management,
        Member logArchive,
        Member security,
        String accountDeployRoleName,
        String breakGlassRoleName,
        boolean denyOtherRegions,
        List<String> keepServiceAccessPrincipals,
        List<String> policyTargets,
        ObjectLock objectLock,
        Optional<LogArchiveOutputs> logArchiveOutputs,
        List<GuardDutyProtection> guardDutyProtections,
        boolean adoptDelegatedAdministrators,
        List<Workload> workloads) {

    /** The labels of the organization's own member accounts. */
    static final String LOG_ARCHIVE_LABEL = "log-archive";
    static final String SECURITY_LABEL = "security";

    /** An account of the organization with a role of its own in the baseline; its stack deploys through {@code deployRoleArn}. */
    public record Member(String accountId, Optional<String> deployRoleArn) {
    }

    /** An account that runs environments. */
    public record Workload(String label, String accountId, Optional<String> organizationalUnit, List<Environment> environments) {
    }

    /** S3 Object Lock of the trail bucket: GOVERNANCE (a privileged role may shorten it) or COMPLIANCE (nobody can, ever). */
    public record ObjectLock(String mode, int days) {
    }

    /** What the log-archive stack outputs, pasted into the file: where the organization's logs go. */
    public record LogArchiveOutputs(String trailBucket, String trailKeyArn, String configBucket, String configKeyArn) {
    }

    /** The workload an environment runs in, if the file places it. */
    Optional<Workload> workloadOf(Environment environment) {
        return workloads.stream().filter(w -> w.environments().contains(environment)).findFirst();
    }

    /** The organization trail's name, fixed so that the log archive's policies can name its ARN before it exists. */
    String trailName(String project) {
        return project + "-organization-trail";
    }

    /** {@code arn:<partition>:cloudtrail:<home>:<management>:trail/<name>}. */
    String trailArn(String partition, String project) {
        return "arn:" + partition + ":cloudtrail:" + homeRegion + ":" + management.accountId() + ":trail/" + trailName(project);
    }

    /** Every member account: the log archive, the security account and the workloads, with their labels. */
    List<Workload> memberAccounts() {
        List<Workload> members = new java.util.ArrayList<>();
        members.add(new Workload(LOG_ARCHIVE_LABEL, logArchive.accountId(), Optional.empty(), List.of()));
        members.add(new Workload(SECURITY_LABEL, security.accountId(), Optional.empty(), List.of()));
        members.addAll(workloads);
        return List.copyOf(members);
    }
}
