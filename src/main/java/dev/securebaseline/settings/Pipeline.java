package dev.securebaseline.settings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;


/**
 * The CI pipeline that deploys the baseline: GitHub Actions in one repository, with short-lived credentials from GitHub's
 * OpenID Connect tokens. Every claim a role trusts is built here, from validated parts, and compared whole
 * ({@code StringEquals}): no value may hold a wildcard, so no trust can widen to another repository, branch or environment.
 *
 * @param repository          {@code owner/name}
 * @param defaultBranch       the branch whose pushes apply
 * @param approvalEnvironment the GitHub environment (with required reviewers) through which alone protected accounts are applied
 * @param createOidcProvider  create GitHub's identity provider in each account, or read the one that exists (one per URL per account)
 * @param stateAccountId      the account of the state bucket, where the state roles are
 */
public record Pipeline(String repository, String defaultBranch, String approvalEnvironment, boolean createOidcProvider,
                       String stateAccountId) {

    /** GitHub's token issuer; IAM names the provider by it. */
    public static final String ISSUER = "token.actions.githubusercontent.com";
    /** The audience configure-aws-credentials requests, and the only one the roles accept. */
    public static final String AUDIENCE = "sts.amazonaws.com";

    static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}");
    /** A branch name git accepts, without the characters a trust could read as a pattern. */
    static final Pattern BRANCH = Pattern.compile("(?!/|-|.*//|.*\\.\\.|.*\\.lock$|.*/$|.*\\.$)[A-Za-z0-9._/-]{1,200}");
    static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    /** The names of the bootstrap's buckets (the state and its access logs) begin with {@code <project>-tfstate-}. */
    public static final java.util.function.UnaryOperator<String> STATE_BUCKET_PREFIX = project -> project + "-tfstate-";

    /** {@code <project>-ci-plan}: in every account the pipeline deploys into. */
    public static String planRoleName(String project) {
        return project + "-ci-plan";
    }

    /** {@code <project>-ci-apply}: in every account the pipeline deploys into. */
    public static String applyRoleName(String project) {
        return project + "-ci-apply";
    }

    /** {@code <project>-state-<label>-plan} or {@code -apply}: in the state account, one pair per account the pipeline deploys into. */
    public static String stateRoleName(String project, String label, boolean apply) {
        return project + "-state-" + label + (apply ? "-apply" : "-plan");
    }

    /** {@code arn:aws:iam::<account>:role/<name>}. */
    public static String roleArn(String accountId, String name) {
        return "arn:aws:iam::" + accountId + ":role/" + name;
    }

    /** Where the generated workflow goes in the repository: the only workflow whose default-branch jobs may apply. */
    public static final String WORKFLOW_FILE = ".github/workflows/baseline.yml";

    /**
     * {@code owner/name/.github/workflows/baseline.yml@refs/heads/<branch>}: the {@code job_workflow_ref} of the workflow's jobs on
     * the default branch. The apply roles require it besides {@code sub}: another workflow of the repository, or a job of another
     * branch that names the approval environment, carries another.
     */
    public String applyWorkflowRef() {
        return repository + "/" + WORKFLOW_FILE + "@refs/heads/" + defaultBranch;
    }

    /** {@code repo:owner/name:pull_request}: what a pull request's jobs carry in {@code sub}. */
    public String pullRequestSubject() {
        return "repo:" + repository + ":pull_request";
    }

    /** {@code repo:owner/name:ref:refs/heads/<branch>}: a push to (or a scheduled run on) the default branch. */
    public String defaultBranchSubject() {
        return "repo:" + repository + ":ref:refs/heads/" + defaultBranch;
    }

    /** {@code repo:owner/name:environment:<name>}: a job that runs in the approval environment. */
    public String approvalSubject() {
        return "repo:" + repository + ":environment:" + approvalEnvironment;
    }

    /** The {@code sub} values that may assume an account's apply role: the approval environment alone for a protected account. */
    public List<String> applySubjects(boolean protectedAccount) {
        return List.of(protectedAccount ? approvalSubject() : defaultBranchSubject());
    }

    /** The {@code sub} values that may assume a plan role: pull requests, and the default branch (drift detection). */
    public List<String> planSubjects() {
        return List.of(pullRequestSubject(), defaultBranchSubject());
    }

    /** The pipeline's settings; empty when {@code BASELINE_GITHUB_REPOSITORY} is not set (and then none of the others may be). */
    static Optional<Pipeline> read(Map<String, String> variables, Optional<Organization> organization, List<Account> accounts,
                                   List<String> problems) {
        SettingsReader r = new SettingsReader(variables, null, problems);
        List<Setting> dependents = List.of(Setting.GITHUB_DEFAULT_BRANCH, Setting.GITHUB_APPROVAL_ENVIRONMENT, Setting.GITHUB_OIDC_PROVIDER,
                Setting.STATE_ACCOUNT_ID);
        String repository = r.parse(Setting.GITHUB_REPOSITORY, v -> SettingsReader.require(v, v.isEmpty() || REPOSITORY.matcher(v).matches(),
                "not a GitHub repository"), "owner/name of a GitHub repository, such as example-org/aws-baseline, or empty for no pipeline", "");
        if (repository.isEmpty()) {
            if (organization.map(Organization::createBreakGlassRole).orElse(false) && !r.isRefused(Setting.GITHUB_REPOSITORY)) {
                problems.add(Setting.ORGANIZATION_FILE.variable() + "=\"" + r.raw(Setting.ORGANIZATION_FILE) + "\": create_break_glass_role = true is "
                        + "not accepted: each account's pipeline stack creates the break-glass role, and there is no pipeline, so it would "
                        + "change nothing. Accepted: set " + Setting.GITHUB_REPOSITORY.variable() + " too, or remove it.");
            }
            if (!r.isRefused(Setting.GITHUB_REPOSITORY)) {
                dependents.stream().filter(r::isSet).forEach(setting -> r.reject(setting, r.raw(setting),
                        "there is no pipeline, so it would change nothing", "set " + Setting.GITHUB_REPOSITORY.variable() + " too, or remove it"));
            }
            return Optional.empty();
        }
        String branch = r.parse(Setting.GITHUB_DEFAULT_BRANCH, v -> SettingsReader.require(v, BRANCH.matcher(v).matches(), "not a branch name"),
                "a branch name such as main: letters, digits, '.', '_', '-' and '/' (no wildcard)", Setting.GITHUB_DEFAULT_BRANCH.defaultValue());
        String environment = r.parse(Setting.GITHUB_APPROVAL_ENVIRONMENT, v -> SettingsReader.require(v, ENVIRONMENT_NAME.matcher(v).matches(),
                "not a GitHub environment name"), "a GitHub environment name such as production: letters, digits, '.', '_' and '-' (no wildcard)",
                Setting.GITHUB_APPROVAL_ENVIRONMENT.defaultValue());
        boolean create = r.parse(Setting.GITHUB_OIDC_PROVIDER, v -> switch (v) {
            case "create" -> true;
            case "existing" -> false;
            default -> throw new IllegalArgumentException("neither create nor existing");
        }, "create or existing", true);
        Optional<String> state = stateAccount(r, organization, accounts);
        organizationFileInTheRepository(r);
        unpinnedAccounts(r, repository, accounts, organization.isPresent());
        return state.map(account -> new Pipeline(repository, branch, environment, create, account));
    }

    /** The state account: the file's in Organizations mode; standalone, the setting, else the one account every environment shares. */
    private static Optional<String> stateAccount(SettingsReader r, Optional<Organization> organization, List<Account> accounts) {
        if (organization.isPresent()) {
            if (r.isSet(Setting.STATE_ACCOUNT_ID)) {
                r.reject(Setting.STATE_ACCOUNT_ID, r.raw(Setting.STATE_ACCOUNT_ID), Setting.ORGANIZATION_FILE.variable()
                        + " is set, and in Organizations mode the file's state names the state account", "remove it");
            }
            return Optional.of(organization.get().state().accountId());
        }
        Optional<String> given = r.optional(Setting.STATE_ACCOUNT_ID, v -> SettingsReader.require(v, BaselineSettings.ACCOUNT_ID.matcher(v).matches(),
                "not a 12-digit account id"), "the 12-digit id of the state bucket's account, or empty");
        if (given.isPresent() || r.isRefused(Setting.STATE_ACCOUNT_ID)) {
            return given;
        }
        Set<Optional<String>> ids = new LinkedHashSet<>();
        accounts.forEach(account -> ids.add(account.id()));
        if (ids.size() == 1 && ids.iterator().next().isPresent()) {
            return ids.iterator().next();
        }
        if (ids.stream().allMatch(Optional::isPresent)) {
            r.reject(Setting.GITHUB_REPOSITORY, r.raw(Setting.GITHUB_REPOSITORY), "the environments deploy into " + ids.size()
                            + " accounts, and the pipeline needs the one that holds the state bucket (" + Setting.STATE_ACCOUNT_ID.variable()
                            + "), which is not set", Setting.STATE_ACCOUNT_ID.variable() + " beside it: the account the bootstrap stack deploys "
                            + "into, such as one of " + String.join(", ", ids.stream().map(Optional::get).toList()));
        }
        return Optional.empty();
    }

    /** CI synthesizes from the repository's checkout: the organization file must be in it, under the working folder. */
    private static void organizationFileInTheRepository(SettingsReader r) {
        String file = r.raw(Setting.ORGANIZATION_FILE);
        if (file.isEmpty()) {
            return;
        }
        java.nio.file.Path path = java.nio.file.Path.of(file).toAbsolutePath().normalize();
        if (!path.startsWith(java.nio.file.Path.of("").toAbsolutePath())) {
            r.reject(Setting.ORGANIZATION_FILE, file, Setting.GITHUB_REPOSITORY.variable() + " is set, and the pipeline synthesizes from the "
                    + "repository's checkout, which does not hold this file", "the organization file inside the repository, such as "
                    + "organization.json, committed with it");
        }
    }

    /** A pipeline assumes roles by ARN: every account it deploys into needs its id. */
    private static void unpinnedAccounts(SettingsReader r, String repository, List<Account> accounts, boolean organization) {
        List<String> unpinned = new ArrayList<>();
        accounts.stream().filter(a -> a.id().isEmpty()).forEach(a -> a.environments().forEach(e -> unpinned.add(e.environment().id())));
        if (!organization && !unpinned.isEmpty()) {
            r.reject(Setting.GITHUB_REPOSITORY, repository, String.join(", ", unpinned) + " deploy" + (unpinned.size() == 1 ? "s" : "")
                            + " into the deploying credentials' account, and a pipeline assumes its roles by account id",
                    "BASELINE_ACCOUNT_ID (or BASELINE_<ENVIRONMENT>_ACCOUNT_ID) set for every environment, with the repository");
        }
    }
}
