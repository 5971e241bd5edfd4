package dev.securebaseline.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Groups the environments into the AWS accounts they deploy into, names each account ({@code default} for
 * the deploying credentials' account, a {@code BASELINE_ACCOUNT_LABELS} label, else its id) and reads each
 * account stack's settings ({@code BASELINE_ACCOUNT_<LABEL>_<SETTING>}, else {@code BASELINE_<SETTING>}).
 */
final class Accounts {

    /** A label is part of a stack name and of variable names: lowercase letters, digits and hyphens. */
    static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?");

    private Accounts() {
    }

    /** The accounts of these environments, in the order their first environment is listed. */
    static List<Account> of(Map<String, String> variables, List<BaselineSettings> environments, AppSettings.Bootstrap bootstrap,
                            List<String> problems) {
        allNamedOrNone(variables, environments, problems);
        Map<String, String> labels = labels(variables, problems);
        Map<Optional<String>, List<BaselineSettings>> byAccount = new LinkedHashMap<>();
        environments.forEach(e -> byAccount.computeIfAbsent(e.accountId(), id -> new ArrayList<>()).add(e));

        List<String> unused = labels.keySet().stream().filter(id -> !byAccount.containsKey(Optional.of(id))).toList();
        if (!unused.isEmpty()) {
            new SettingsReader(variables, null, problems).reject(Setting.ACCOUNT_LABELS, new SettingsReader(variables, null, problems)
                            .raw(Setting.ACCOUNT_LABELS), "no environment deploys into " + String.join(", ", unused)
                            + ", so its label would change nothing",
                    "labels for the accounts the environments deploy into (BASELINE_<ENVIRONMENT>_ACCOUNT_ID)");
        }
        List<Account> accounts = new ArrayList<>();
        byAccount.forEach((id, members) -> {
            String label = id.map(value -> labels.getOrDefault(value, value)).orElse(Account.IMPLICIT_LABEL);
            SettingsReader r = new SettingsReader(variables, new AccountScope(label), problems);
            accounts.add(new Account(label, id, List.copyOf(members), AccountSettings.read(r, label, id, members, bootstrap)));
        });
        return List.copyOf(accounts);
    }

    /**
     * In Organizations mode, every account of the organization file, management first, then log archive and security,
     * each with the environments of this run that the file places in it; their stacks hold only their part.
     */
    static List<Account> ofOrganization(Map<String, String> variables, Organization organization, List<BaselineSettings> environments,
                                        AppSettings.Bootstrap bootstrap, List<String> problems) {
        List<Account> accounts = new ArrayList<>();
        for (Organization.Workload member : organization.baselinedAccounts()) {
            List<BaselineSettings> members = environments.stream()
                    .filter(e -> e.accountId().equals(Optional.of(member.accountId()))).toList();
            SettingsReader r = new SettingsReader(variables, new AccountScope(member.label()), problems);
            accounts.add(new Account(member.label(), Optional.of(member.accountId()), members,
                    AccountSettings.readMember(r, member.label(), member.accountId(), members, bootstrap, organization)));
        }
        return List.copyOf(accounts);
    }

    /** {@code BASELINE_ACCOUNT_LABELS}: account id → label, each label and each id once. */
    static Map<String, String> labels(Map<String, String> variables, List<String> problems) {
        SettingsReader r = new SettingsReader(variables, null, problems);
        return r.parse(Setting.ACCOUNT_LABELS, v -> {
            Map<String, String> byId = new LinkedHashMap<>();
            SettingsReader.pairs(v, "label=account-id", (label, id) -> {
                SettingsReader.require(label, LABEL.matcher(label).matches() && !label.equals(Account.IMPLICIT_LABEL),
                        "\"" + label + "\" is not a label of 1-16 lowercase letters, digits and hyphens other than " + Account.IMPLICIT_LABEL);
                SettingsReader.require(id, BaselineSettings.ACCOUNT_ID.matcher(id).matches(), "\"" + id + "\" is not a 12-digit account id");
                if (byId.put(id, label) != null) {
                    throw new IllegalArgumentException(id + " is listed twice");
                }
            });
            return byId;
        }, "empty, or comma-separated label=account-id pairs such as shared=111122223333,prod=444455556666", Map.of());
    }

    /**
     * With some environments naming their account and others not, the implicit account might be one
     * of the named ones, and its account stack would then be written twice.
     */
    private static void allNamedOrNone(Map<String, String> variables, List<BaselineSettings> environments, List<String> problems) {
        List<BaselineSettings> named = environments.stream().filter(e -> e.accountId().isPresent()).toList();
        if (named.isEmpty() || named.size() == environments.size()) {
            return;
        }
        String namers = String.join(", ", named.stream().map(e -> e.environment().id()).toList());
        // Quoted is what the user set: the first environment's account (its id, or its deploy role).
        BaselineSettings first = named.get(0);
        SettingsReader given = new SettingsReader(variables, first.environment(), problems);
        Setting naming = given.raw(Setting.ACCOUNT_ID).isEmpty() ? Setting.DEPLOY_ROLE_ARN : Setting.ACCOUNT_ID;
        // An environment whose account id was given but refused is already reported, for that value.
        List<String> unnamed = environments.stream().filter(e -> e.accountId().isEmpty()
                && new SettingsReader(variables, e.environment(), new ArrayList<>()).raw(Setting.ACCOUNT_ID).isEmpty())
                .map(e -> e.environment().id()).toList();
        if (!unnamed.isEmpty()) {
            given.reject(given.variableFor(naming), given.raw(naming), namers + (named.size() == 1 ? " names its account and " : " name their accounts and ")
                            + String.join(" and ", unnamed) + (unnamed.size() == 1 ? " does not" : " do not") + ", so whether they share one cannot be known",
                    "an account id (or a deploy role) for every environment, " + String.join(" and ", unnamed.stream()
                            .map(id -> Environment.find(id).orElseThrow().variable(Setting.ACCOUNT_ID)).toList()) + " among them, or for none");
        }
    }
}
