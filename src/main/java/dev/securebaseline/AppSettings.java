package dev.securebaseline;

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
public record AppSettings(Bootstrap bootstrap, List<BaselineSettings> environments, List<Account> accounts) {

    /**
     * The state bootstrap stack: where the state bucket lives and which state keys the stacks use.
     *
     * @param region       the state bucket's region (and the bootstrap stack's)
     * @param stateBucket  the bucket named by {@code BASELINE_STATE_BUCKET}, empty until the bootstrap is deployed
     * @param stateKeys    stack → its state key, for the bootstrap's output
     * @param allowDestroy {@code BASELINE_ALLOW_DESTROY=true} for all environments (never one environment's
     *                     form) lifts the state buckets' protection too: retiring everything, the bootstrap last
     */
    public record Bootstrap(String project, String region, String owner, String stateBucket, Map<String, String> stateKeys,
                            boolean allowDestroy) {

        String stackName() {
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
        List<BaselineSettings> environments = new ArrayList<>();
        for (Environment environment : selected) {
            environments.add(BaselineSettings.read(variables, environment, problems));
        }
        SettingsReader appReader = new SettingsReader(variables, null, problems);
        BaselineSettings.Reader appWide = new BaselineSettings.Reader(appReader, null);
        Bootstrap bootstrap = new Bootstrap(appWide.project(), appWide.stateRegion(appReader.region(Setting.REGION)), appWide.owner(),
                appWide.stateBucket(), Map.of(), appReader.bool(Setting.ALLOW_DESTROY));
        List<Account> accounts = Accounts.of(variables, environments, bootstrap, problems);
        List<String> labels = new ArrayList<>(Accounts.labels(variables, new ArrayList<>()).values());
        accounts.forEach(account -> labels.add(account.label()));
        UnknownSettings.check(variables, labels, problems);
        stateKeysAreDistinct(variables, environments, accounts, problems);
        vpcRangesAreDisjoint(variables, environments, problems);
        domainsAreDistinctPerAccount(variables, environments, problems);
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        accounts.forEach(a -> keys.put(a.stackName(bootstrap.project()), a.settings().state().key()));
        environments.forEach(e -> keys.put(e.baseName(), e.state().key()));
        return new AppSettings(new Bootstrap(bootstrap.project(), bootstrap.region(), bootstrap.owner(), bootstrap.stateBucket(), keys,
                bootstrap.allowDestroy()), List.copyOf(environments), accounts);
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

    /** Environments are meant to be peered later, across accounts too: their VPC ranges must not overlap. */
    private static void vpcRangesAreDisjoint(Map<String, String> variables, List<BaselineSettings> environments, List<String> problems) {
        for (int later = 1; later < environments.size(); later++) {
            BaselineSettings b = environments.get(later);
            for (BaselineSettings a : environments.subList(0, later)) {
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
                if (a.web().httpsEnabled() && b.web().httpsEnabled() && a.accountId().equals(b.accountId())
                        && a.web().domainName().equals(b.web().domainName())) {
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
}
