package dev.securebaseline.settings;

import dev.securebaseline.settings.AccountSettings.GuardDutyProtection;

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
 * @param management               the management account: the organization, its trail and policies, and its own account baseline
 * @param logArchive               the log-archive account: the trail and Config buckets
 * @param security                 the security account: delegated administrator of the organization-wide services
 * @param accountDeployRoleName    the role every member account stack deploys through, in each member account;
 *                                 the guardrail policies exempt it (it manages the guardrails)
 * @param breakGlassRoleName       the emergency role, in every account, that the policies exempt where they must
 * @param accountAccessRoleName    the role AWS Organizations puts in every account it creates, trusting the management account:
 *                                 the pipeline's roles are first created through it, so that nobody signs in to a member by hand
 * @param createBreakGlassRole     the pipeline stack of every account creates the break-glass role (the management account's
 *                                 MFA-signed-in administrators assume it); otherwise it is the organization's own
 * @param denyOtherRegions         whether a service control policy denies requests outside the guardrail regions
 * @param keepServiceAccessPrincipals trusted access the organization keeps besides the baseline's (other tools')
 * @param policyTargets            where the SCPs and RCPs attach: the root; or the workloads' organizational units and, directly,
 *                                 the log-archive and security accounts, so that every member is covered either way
 * @param objectLock               the trail bucket's Object Lock
 * @param logArchiveOutputs        archive buckets and keys the file adopts; when absent, the org and account stacks read the
 *                                 log-archive stack's from its state
 * @param guardDutyProtections     paid GuardDuty plans enabled for every member
 * @param adoptDelegatedAdministrators the security account is already the services' delegated administrator: import
 * @param workloads                the accounts that run environments
 * @param state                    the account of the state bucket (the bootstrap stack): a member of the file other than
 *                                 management, or one of {@code trustedOutsideAccounts}
 * @param trustedOutsideAccounts   accounts outside the organization whose principals deploy into it (CI, state): the
 *                                 organization perimeter lets them in, and nobody else from outside
 * @param keepPolicyTypes          policy types the organization uses besides the baseline's SCPs and RCPs: enabled, never
 *                                 disabled (the org stack also keeps every type it finds enabled)
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
        String accountAccessRoleName,
        boolean createBreakGlassRole,
        boolean denyOtherRegions,
        List<String> keepServiceAccessPrincipals,
        List<PolicyTarget> policyTargets,
        ObjectLock objectLock,
        Optional<LogArchiveOutputs> logArchiveOutputs,
        List<GuardDutyProtection> guardDutyProtections,
        boolean adoptDelegatedAdministrators,
        List<Workload> workloads,
        Member state,
        List<String> trustedOutsideAccounts,
        List<String> keepPolicyTypes) {

    /** The labels of the organization's own accounts, each with an account stack. */
    static final String LOG_ARCHIVE_LABEL = "log-archive";
    static final String SECURITY_LABEL = "security";
    static final String MANAGEMENT_LABEL = "management";
    /** The name AWS Organizations gives the role in the accounts it creates, unless told another. */
    static final String ORGANIZATION_ACCOUNT_ACCESS_ROLE = "OrganizationAccountAccessRole";

    /** What the policies attach to: the root, an organizational unit (with the file's accounts under it), or one account. */
    public record PolicyTarget(String id, Kind kind, List<String> accounts) {
        public enum Kind { ROOT, ORGANIZATIONAL_UNIT, ACCOUNT }
    }

    /** An account of the organization with a role of its own in the baseline; its stack deploys through {@code deployRoleArn}. */
    public record Member(String accountId, Optional<String> deployRoleArn) {
    }

    /** An account that runs environments. */
    public record Workload(String label, String accountId, Optional<String> organizationalUnit, List<Environment> environments) {
    }

    /** S3 Object Lock of the trail bucket: GOVERNANCE (a privileged role may shorten it) or COMPLIANCE (nobody can, ever). */
    public record ObjectLock(String mode, int days) {
    }

    /** Where the organization's logs go, as the file names them to adopt existing buckets (the log-archive stack's output's shape). */
    public record LogArchiveOutputs(String trailBucket, String trailKeyArn, String configBucket, String configKeyArn) {
    }

    /** The workload an environment runs in, if the file places it. */
    Optional<Workload> workloadOf(Environment environment) {
        return workloads.stream().filter(w -> w.environments().contains(environment)).findFirst();
    }

    /**
     * Whether the org and account stacks read the log archive's buckets and keys from its state: unless the file names
     * buckets to adopt ({@code log_archive_outputs}).
     */
    public boolean readsLogArchiveState() {
        return logArchiveOutputs.isEmpty();
    }

    /** The organization trail's name, fixed so that the log archive's policies can name its ARN before it exists. */
    public String trailName(String project) {
        return project + "-organization-trail";
    }

    /** {@code arn:<partition>:cloudtrail:<home>:<management>:trail/<name>}. */
    public String trailArn(String partition, String project) {
        return "arn:" + partition + ":cloudtrail:" + homeRegion + ":" + management.accountId() + ":trail/" + trailName(project);
    }

    /** Every member account: the log archive, the security account and the workloads, with their labels. */
    public List<Workload> memberAccounts() {
        List<Workload> members = new java.util.ArrayList<>();
        members.add(new Workload(LOG_ARCHIVE_LABEL, logArchive.accountId(), Optional.empty(), List.of()));
        members.add(new Workload(SECURITY_LABEL, security.accountId(), Optional.empty(), List.of()));
        members.addAll(workloads);
        return List.copyOf(members);
    }

    /**
     * Every account of the file that gets an account stack: the management account first (CIS applies to every
     * account, and no SCP ever constrains it), then every member.
     */
    List<Workload> baselinedAccounts() {
        List<Workload> accounts = new java.util.ArrayList<>();
        accounts.add(new Workload(MANAGEMENT_LABEL, management.accountId(), Optional.empty(), List.of()));
        accounts.addAll(memberAccounts());
        return List.copyOf(accounts);
    }

    /** The account ids of {@link #baselinedAccounts()}: every account whose AWS Config delivers into the log archive. */
    public List<String> accountIds() {
        return baselinedAccounts().stream().map(Workload::accountId).toList();
    }

    /** Is this account the management account? Its stack deploys through the management role, not the account deploy role. */
    public boolean isManagement(String accountId) {
        return management.accountId().equals(accountId);
    }
}
