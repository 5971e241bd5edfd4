package dev.securebaseline.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole app: the state bootstrap stack, one stack per configured environment, and the accounts
 * they deploy into. Reading it validates every environment and the relations between them; all
 * problems are reported together, before anything is written.
 */
public record AppSettings(Bootstrap bootstrap, List<BaselineSettings> environments, List<Account> accounts,
                          Optional<OrganizationSettings> organization, Optional<Pipeline> pipeline) {

    /**
     * In Organizations mode the organization file is the single source of the accounts: these settings, in any
     * form, are refused, each with what replaces it.
     */
    static final Map<Setting, String> REPLACED_BY_THE_ORGANIZATION_FILE = replacedByTheOrganizationFile();

    private static Map<Setting, String> replacedByTheOrganizationFile() {
        Map<Setting, String> replaced = new LinkedHashMap<>();
        replaced.put(Setting.ACCOUNT_ID, "the file places each environment in a workload account (workloads[].environments)");
        replaced.put(Setting.ACCOUNT_LABELS, "the file labels every account (workloads[].label)");
        replaced.put(Setting.HOME_REGION, "the file's home_region");
        replaced.put(Setting.GUARDRAIL_REGIONS, "the file's guardrail_regions");
        replaced.put(Setting.ACCOUNT_DEPLOY_ROLE_ARN, "the file's account_deploy_role_name, the same role in every member account");
        for (Setting organizationRuns : List.of(Setting.MANAGE_CONFIG, Setting.MANAGE_GUARDDUTY, Setting.MANAGE_SECURITY_HUB,
                Setting.MANAGE_ACCESS_ANALYZER, Setting.ADOPT_GUARDDUTY_DETECTORS, Setting.ADOPT_SECURITY_HUB,
                Setting.UNUSED_ACCESS_ANALYZER, Setting.UNUSED_ACCESS_AGE_DAYS, Setting.TRAIL_DATA_EVENTS)) {
            replaced.put(organizationRuns, "the security account runs GuardDuty, Security Hub, the organization analyzers and the "
                    + "organization trail for every account, from the organization's stacks, and every account stack records with Config "
                    + "and keeps an account analyzer");
        }
        replaced.put(Setting.GUARDDUTY_PROTECTIONS, "the file's guardduty_protections, enabled for every member");
        replaced.put(Setting.ACCOUNT_STATE_KEY, "<project>/account/<label>/terraform.tfstate, one per member account");
        return replaced;
    }

    /**
     * The state bootstrap stack: where the state bucket lives and which state keys the stacks use.
     *
     * @param region       the state bucket's region (and the bootstrap stack's)
     * @param stateBucket  the bucket named by {@code BASELINE_STATE_BUCKET}, empty until the bootstrap is deployed
     * @param stateKeys    stack → its state key, for the bootstrap's output
     * @param allowDestroy {@code BASELINE_ALLOW_DESTROY=true} for all environments (never one environment's
     *                     form) lifts the state buckets' protection too: retiring everything, the bootstrap last
     * @param access       whom its provider acts as: in Organizations mode pinned to the file's state account, through its
     *                     deploy role; standalone, the deploying credentials
     */
    public record Bootstrap(String project, String region, String owner, String stateBucket, Map<String, String> stateKeys,
                            boolean allowDestroy, DeployAccess access) {

        public String stackName() {
            return project + "-bootstrap";
        }
    }

    /** The account this environment deploys into. */
    public Account accountOf(BaselineSettings environment) {
        return accounts.stream().filter(a -> a.environments().contains(environment)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(environment.baseName() + " is in no account"));
    }

    /** Reads and validates everything from environment variables; unset ones take their defaults. */
    public static AppSettings fromEnvironment(Map<String, String> variables) {
        List<String> problems = new ArrayList<>();
        List<Environment> selected = environments(variables, problems);
        SettingsReader appReader = new SettingsReader(variables, null, problems);
        Optional<Organization> organization = appReader.raw(Setting.ORGANIZATION_FILE).isEmpty() ? Optional.empty()
                : OrganizationFile.read(appReader.raw(Setting.ORGANIZATION_FILE), selected, problems);
        Map<String, String> effective = organization.map(o -> withTheOrganizationsAccounts(variables, o, selected, problems)).orElse(variables);
        List<BaselineSettings> environments = new ArrayList<>();
        for (Environment environment : selected) {
            environments.add(BaselineSettings.read(effective, environment, problems));
        }
        EnvironmentReader appWide = new EnvironmentReader(appReader, null);
        Bootstrap bootstrap = new Bootstrap(appWide.project(), appWide.stateRegion(appReader.region(Setting.REGION)), appWide.owner(),
                appWide.stateBucket(), Map.of(), appReader.bool(Setting.ALLOW_DESTROY), DeployAccess.none());
        List<Account> accounts = organization.isPresent()
                ? Accounts.ofOrganization(effective, organization.get(), environments, bootstrap, problems)
                : Accounts.of(variables, environments, bootstrap, problems);
        List<String> labels = new ArrayList<>(Accounts.labels(variables, new ArrayList<>()).values());
        accounts.forEach(account -> labels.add(account.label()));
        UnknownSettings.check(variables, labels, problems);
        InertSettings.check(variables, environments, accounts, organization.isPresent(), problems);
        Optional<Pipeline> pipeline = Pipeline.read(variables, organization, accounts, problems);
        // The pipeline's apply role deploys the guardrails as the account deploy role does: the guardrail policies exempt both.
        List<String> pipelineDeployRoles = pipeline.map(p -> List.of(Pipeline.applyRoleName(appWide.project()))).orElse(List.of());
        Optional<OrganizationSettings> organizationSettings = organization.map(o -> new OrganizationSettings(o,
                appReader.archive(Setting.TRAIL_GLACIER_DAYS, Setting.TRAIL_EXPIRATION_DAYS),
                appReader.email(Setting.SECURITY_ALARM_EMAIL, "an email address such as security@yourcompany.com, or empty for no subscription"),
                appReader.logRetentionDays(Setting.TRAIL_LOG_RETENTION_DAYS),
                appReader.bool(Setting.ALLOW_ACCOUNT_DESTROY), pipelineDeployRoles));
        stateKeysAreDistinct(variables, environments, accounts, problems);
        vpcRangesAreDisjoint(variables, environments, problems);
        domainsAreDistinctPerAccount(variables, environments, problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        organizationSettings.ifPresent(o -> OrganizationSettings.parts().forEach(part ->
                keys.put(OrganizationSettings.stackName(bootstrap.project(), part), OrganizationSettings.state(bootstrap, part).key())));
        accounts.forEach(a -> keys.put(a.stackName(bootstrap.project()), a.settings().state().key()));
        environments.forEach(e -> keys.put(e.baseName(), e.state().key()));
        // With a pipeline the state account is named: the bootstrap, which holds the state roles, is pinned to it.
        DeployAccess access = organization.map(o -> new DeployAccess(Optional.of(o.state().accountId()), o.state().deployRoleArn(),
                bootstrap.stackName() + "-deploy")).orElse(pipeline.map(p -> new DeployAccess(Optional.of(p.stateAccountId()), Optional.empty(),
                bootstrap.stackName() + "-deploy")).orElse(DeployAccess.none()));
        return new AppSettings(new Bootstrap(bootstrap.project(), bootstrap.region(), bootstrap.owner(), bootstrap.stateBucket(), keys,
                bootstrap.allowDestroy(), access), List.copyOf(environments), accounts, organizationSettings, pipeline);
    }

    /**
     * The variables with each environment's account taken from the organization file; a setting the file
     * replaces, in any of its forms, is refused.
     */
    private static Map<String, String> withTheOrganizationsAccounts(Map<String, String> variables, Organization organization,
                                                                    List<Environment> selected, List<String> problems) {
        for (String variable : new java.util.TreeSet<>(variables.keySet())) {
            REPLACED_BY_THE_ORGANIZATION_FILE.forEach((setting, replacement) -> {
                if (variable.equals(setting.variable()) || variable.endsWith("_" + setting.name()) && isFormOf(variable, setting)) {
                    problems.add(variable + "=\"" + variables.get(variable).trim() + "\" is not accepted: "
                            + Setting.ORGANIZATION_FILE.variable() + " is set, and in Organizations mode " + replacement
                            + ". Accepted: remove it.");
                }
            });
        }
        Map<String, String> effective = new LinkedHashMap<>(variables);
        for (Environment environment : selected) {
            organization.workloadOf(environment).ifPresent(w -> effective.put(environment.variable(Setting.ACCOUNT_ID), w.accountId()));
        }
        return effective;
    }

    /** {@code BASELINE_PROD_X} or {@code BASELINE_ACCOUNT_<LABEL>_X} for setting X. */
    private static boolean isFormOf(String variable, Setting setting) {
        String rest = variable.substring(Setting.PREFIX.length(), variable.length() - setting.name().length() - 1);
        return Environment.find(rest.toLowerCase(java.util.Locale.ROOT)).isPresent() || rest.startsWith("ACCOUNT_");
    }

    /** {@code BASELINE_ENVIRONMENTS}: known names, each once. */
    private static List<Environment> environments(Map<String, String> variables, List<String> problems) {
        String variable = Setting.ENVIRONMENTS.variable();
        String value = variables.getOrDefault(variable, Setting.ENVIRONMENTS.defaultValue()).trim();
        List<Environment> selected = new ArrayList<>();
        for (String item : value.split(",")) {
            String id = item.trim();
            Optional<Environment> environment = Environment.find(id);
            if (environment.isEmpty()) {
                problems.add(variable + "=\"" + value + "\" is not accepted: \"" + id + "\" is not a known environment. "
                        + "Accepted: a comma-separated list of " + Environment.ids() + ".");
            } else if (selected.contains(environment.get())) {
                problems.add(variable + "=\"" + value + "\" is not accepted: " + id + " is listed twice. "
                        + "Accepted: each of " + Environment.ids() + " at most once.");
            } else {
                selected.add(environment.get());
            }
        }
        return selected;
    }

    /**
     * Environments are meant to be peered later, across accounts too: their VPC ranges must not overlap. A range that was
     * refused is reported as such, and compared with nothing.
     */
    private static void vpcRangesAreDisjoint(Map<String, String> variables, List<BaselineSettings> environments, List<String> problems) {
        List<BaselineSettings> read = environments.stream()
                .filter(e -> !new SettingsReader(variables, e.environment(), problems).isRefused(Setting.VPC_CIDR)).toList();
        for (int later = 1; later < read.size(); later++) {
            BaselineSettings b = read.get(later);
            for (BaselineSettings a : read.subList(0, later)) {
                if (a.vpcCidr().contains(b.vpcCidr()) || b.vpcCidr().contains(a.vpcCidr())) {
                    SettingsReader r = new SettingsReader(variables, b.environment(), problems);
                    r.reject(Setting.VPC_CIDR, b.vpcCidr().toString(), b.environment().id() + "'s " + b.vpcCidr() + " overlaps "
                                    + a.environment().id() + "'s " + a.vpcCidr() + ", so the two could never be peered",
                            "a private range per environment that overlaps no other, such as the defaults 10.0.0.0/16, 10.1.0.0/16 and "
                                    + "10.2.0.0/16 (BASELINE_<ENVIRONMENT>_VPC_CIDR)");
                }
            }
        }
    }

    /** Two environments of one account serving one domain would write one record name into one zone. */
    private static void domainsAreDistinctPerAccount(Map<String, String> variables, List<BaselineSettings> environments,
                                                     List<String> problems) {
        for (int later = 1; later < environments.size(); later++) {
            BaselineSettings b = environments.get(later);
            for (BaselineSettings a : environments.subList(0, later)) {
                // An empty domain is reported as missing already.
                if (a.web().httpsEnabled() && b.web().httpsEnabled() && a.accountId().equals(b.accountId())
                        && !b.web().domainName().isEmpty() && a.web().domainName().equals(b.web().domainName())) {
                    new SettingsReader(variables, b.environment(), problems).reject(Setting.DOMAIN_NAME, b.web().domainName(),
                            a.environment().id() + " and " + b.environment().id() + " deploy into " + Account.describe(a.accountId())
                                    + " and would both write the record " + b.web().domainName(),
                            "one domain per environment of an account (BASELINE_<ENVIRONMENT>_DOMAIN_NAME), or one "
                                    + Setting.DOMAIN_NAME.variable() + " for all, which prod serves and the others as <environment>.<domain>");
                }
            }
        }
    }

    /** Two stacks writing one state file would overwrite each other's infrastructure. */
    private static void stateKeysAreDistinct(Map<String, String> variables, List<BaselineSettings> environments, List<Account> accounts,
                                             List<String> problems) {
        Map<String, List<String>> byLocation = new LinkedHashMap<>();
        Map<String, String> variableOf = new LinkedHashMap<>();
        for (BaselineSettings settings : environments) {
            String location = location(settings.state());
            byLocation.computeIfAbsent(location, k -> new ArrayList<>()).add(settings.environment().id());
            variableOf.putIfAbsent(location, variables.containsKey(Setting.STATE_KEY.variable())
                    ? Setting.STATE_KEY.variable() : "BASELINE_<ENVIRONMENT>_STATE_KEY");
        }
        for (Account account : accounts) {
            String location = location(account.settings().state());
            byLocation.computeIfAbsent(location, k -> new ArrayList<>()).add("account " + account.label());
            variableOf.putIfAbsent(location, new SettingsReader(variables, new AccountScope(account.label()), new ArrayList<>())
                    .variableFor(Setting.ACCOUNT_STATE_KEY));
        }
        byLocation.forEach((location, sharing) -> {
            if (sharing.size() > 1) {
                problems.add(variableOf.get(location) + "=\"" + location.substring(location.indexOf('/', 5) + 1) + "\" is not accepted: "
                        + String.join(" and ", sharing) + " would share the state " + location + ". Accepted: one key per stack "
                        + "(BASELINE_<ENVIRONMENT>_STATE_KEY, BASELINE_ACCOUNT_<LABEL>_ACCOUNT_STATE_KEY), or no key setting for "
                        + "<project>/<environment>/terraform.tfstate and <project>/account/<label>/terraform.tfstate.");
            }
        });
    }

    private static String location(BaselineSettings.StateBackend state) {
        String bucket = state.hasBucket() ? state.bucket() : "<" + Setting.STATE_BUCKET.variable() + ">";
        return "s3://" + bucket + "/" + state.key();
    }

    /** The accounts whose stacks this run writes: every one (in an organization, each reads the log archive's state). */
    public List<Account> accountStacks() {
        return accounts;
    }

    /**
     * Every stack this run writes, in the order they are composed, with the stack it is deployed after: the bootstrap
     * first (every other stack keeps its state in its bucket); in Organizations mode the log archive (whose state tells
     * the organization trail and the members' Config where to deliver), then the organization, then security (whose
     * delegations the account stacks rely on); the account stacks; each environment after
     * its account's stack. Declared to cdktf, so that {@code cdktf deploy '*'} runs them in this order.
     */
    public Map<String, Optional<String>> deployOrder() {
        String project = bootstrap.project();
        Map<String, Optional<String>> order = new LinkedHashMap<>();
        order.put(bootstrap.stackName(), Optional.empty());
        String previous = bootstrap.stackName();
        if (organization.isPresent()) {
            for (String part : OrganizationSettings.parts()) {
                String name = OrganizationSettings.stackName(project, part);
                order.put(name, Optional.of(previous));
                previous = name;
            }
        }
        String beforeAccounts = previous;
        List<String> accountStacks = accountStacks().stream().map(a -> a.stackName(project)).toList();
        accountStacks.forEach(name -> order.put(name, Optional.of(beforeAccounts)));
        for (BaselineSettings environment : environments) {
            String accountStack = accountOf(environment).stackName(project);
            order.put(environment.baseName(), Optional.of(accountStacks.contains(accountStack) ? accountStack : beforeAccounts));
        }
        // The pipeline's roles keep their state in the bucket; they are deployed by hand, and nothing the pipeline deploys waits
        // for them. Last, as they are composed last (their roles may manage what the other stacks write).
        deployTargets().forEach(target -> order.put(target.stackName(project), Optional.of(bootstrap.stackName())));
        return order;
    }

    /**
     * {@link #deployOrder()} as waves: each stack one wave after the stack it deploys after, so that the stacks of one wave
     * depend on none of each other and deploy side by side.
     */
    public List<List<String>> deployWaves() {
        Map<String, Integer> depth = new LinkedHashMap<>();
        deployOrder().forEach((stack, after) -> depth.put(stack, after.map(a -> depth.get(a) + 1).orElse(0)));
        List<List<String>> waves = new ArrayList<>();
        depth.forEach((stack, d) -> {
            while (waves.size() <= d) {
                waves.add(new ArrayList<>());
            }
            waves.get(d).add(stack);
        });
        return waves.stream().map(List::copyOf).toList();
    }

    /**
     * The accounts the pipeline deploys into, each with the stacks it runs there: every stack but the bootstrap (whose state is
     * local) and the pipeline stacks themselves (the pipeline never changes who may run it). Empty without a pipeline.
     */
    public List<DeployTarget> deployTargets() {
        if (pipeline.isEmpty()) {
            return List.of();
        }
        String project = bootstrap.project();
        Map<String, Map<String, String>> stacksByAccount = new LinkedHashMap<>();
        Map<String, Boolean> protectedAccounts = new LinkedHashMap<>();
        organization.ifPresent(o -> {
            Organization org = o.organization();
            Map<String, String> partAccounts = Map.of(OrganizationSettings.ORG, org.management().accountId(),
                    OrganizationSettings.LOG_ARCHIVE, org.logArchive().accountId(), OrganizationSettings.SECURITY, org.security().accountId());
            for (String part : OrganizationSettings.parts()) {
                stacksByAccount.computeIfAbsent(partAccounts.get(part), k -> new LinkedHashMap<>())
                        .put(OrganizationSettings.stackName(project, part), OrganizationSettings.state(bootstrap, part).key());
                protectedAccounts.put(partAccounts.get(part), true);
            }
        });
        for (Account account : accountStacks()) {
            stacksByAccount.computeIfAbsent(account.id().orElseThrow(), k -> new LinkedHashMap<>())
                    .put(account.stackName(project), account.settings().state().key());
        }
        for (BaselineSettings environment : environments) {
            String id = accountOf(environment).id().orElseThrow();
            stacksByAccount.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(environment.baseName(), environment.state().key());
            protectedAccounts.merge(id, environment.environment() == Environment.PROD, Boolean::logicalOr);
        }
        List<DeployTarget> targets = new ArrayList<>();
        Optional<Organization> org = organization.map(OrganizationSettings::organization).filter(Organization::createBreakGlassRole);
        // In an organization every account has the org stack or an account stack, and each reads the log archive's state.
        Optional<String> logArchiveState = organization.filter(o -> o.organization().readsLogArchiveState())
                .map(o -> OrganizationSettings.state(bootstrap, OrganizationSettings.LOG_ARCHIVE).key());
        stacksByAccount.forEach((id, stacks) -> targets.add(new DeployTarget(labelOf(id), id, protectedAccounts.getOrDefault(id, false),
                java.util.Collections.unmodifiableMap(stacks), firstDeploy(id),
                org.map(o -> new DeployTarget.BreakGlass(o.breakGlassRoleName(), o.management().accountId())),
                logArchiveState.filter(key -> !stacks.containsValue(key)).stream().toList())));
        return List.copyOf(targets);
    }

    private String labelOf(String accountId) {
        return accounts.stream().filter(a -> a.id().equals(Optional.of(accountId))).map(Account::label).findFirst().orElse(accountId);
    }

    /**
     * How a pipeline stack is deployed the first time, by hand: standalone, as the account stack is (its deploy role, or the
     * deploying credentials); in Organizations mode from the management account, through the role AWS Organizations put in the
     * member when it created it, so that nobody signs in to a member account.
     */
    private DeployAccess firstDeploy(String accountId) {
        String session = bootstrap.project() + "-ci-" + labelOf(accountId) + "-deploy";
        if (organization.isEmpty()) {
            Account account = accounts.stream().filter(a -> a.id().equals(Optional.of(accountId))).findFirst().orElseThrow();
            return new DeployAccess(Optional.of(accountId), account.settings().access().deployRoleArn(), session);
        }
        Organization org = organization.get().organization();
        if (org.isManagement(accountId)) {
            return new DeployAccess(Optional.of(accountId), org.management().deployRoleArn(), session);
        }
        return new DeployAccess(Optional.of(accountId), org.management().deployRoleArn(), session,
                List.of("arn:aws:iam::" + accountId + ":role/" + org.accountAccessRoleName()));
    }
}
