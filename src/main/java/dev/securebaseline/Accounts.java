package dev.securebaseline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Groups the environments into accounts and picks each account's owner: the environment named by
 * {@code BASELINE_<ENVIRONMENT>_ACCOUNT_OWNER}, else the first environment listed for the account.
 * Exactly one owner per account; account-scope settings only where they take effect.
 */
final class Accounts {

    private Accounts() {
    }

    static List<Account> of(Map<String, String> variables, List<BaselineSettings> environments, List<String> problems) {
        allNamedOrNone(variables, environments, problems);
        Map<Optional<String>, List<BaselineSettings>> byAccount = new LinkedHashMap<>();
        environments.forEach(e -> byAccount.computeIfAbsent(e.accountId(), id -> new ArrayList<>()).add(e));

        List<Account> accounts = new ArrayList<>();
        byAccount.forEach((id, members) -> {
            Environment owner = owner(variables, id, members, problems);
            accountSettingsOnlyOnTheOwner(variables, members, owner, problems);
            Optional<AccountSettings> baseline = members.stream().filter(m -> m.environment() == owner).findFirst()
                    .map(carrier -> AccountSettings.read(new SettingsReader(variables, owner, problems), carrier, members));
            accounts.add(new Account(id, owner, List.copyOf(members), baseline));
        });
        return List.copyOf(accounts);
    }

    /**
     * With some environments naming their account and others not, the implicit account might be one
     * of the named ones, and its baseline would then be written twice.
     */
    private static void allNamedOrNone(Map<String, String> variables, List<BaselineSettings> environments, List<String> problems) {
        List<BaselineSettings> named = environments.stream().filter(e -> e.accountId().isPresent()).toList();
        if (named.isEmpty() || named.size() == environments.size()) {
            return;
        }
        String namers = String.join(", ", named.stream().map(e -> e.environment().id()).toList());
        for (BaselineSettings unnamed : environments) {
            if (unnamed.accountId().isEmpty()) {
                new SettingsReader(variables, unnamed.environment(), problems).reject(unnamed.environment().variable(Setting.ACCOUNT_ID), "",
                        namers + (named.size() == 1 ? " names its account and " : " name their accounts and ")
                                + unnamed.environment().id() + " does not, so whether they share one cannot be known",
                        "an account id (or a deploy role) for every environment, or for none");
            }
        }
    }

    /** The one owner of the account: consistent where named, in the account, a known environment. */
    private static Environment owner(Map<String, String> variables, Optional<String> id, List<BaselineSettings> members,
                                     List<String> problems) {
        Environment owner = null;
        String namedBy = null;
        for (BaselineSettings member : members) {
            SettingsReader r = new SettingsReader(variables, member.environment(), problems);
            Optional<Environment> named = r.optional(Setting.ACCOUNT_OWNER, v -> Environment.find(v).orElseThrow(() ->
                            new IllegalArgumentException("\"" + v + "\" is not a known environment")),
                    "one of " + Environment.ids() + ", the environment that carries the account baseline");
            if (named.isEmpty()) {
                continue;
            }
            String variable = r.variableFor(Setting.ACCOUNT_OWNER);
            if (owner != null && owner != named.get()) {
                r.reject(variable, named.get().id(), namedBy + " names " + owner.id() + " for the same account ("
                        + Account.label(id) + ")", "one owner per account: the same environment wherever the owner of that account is named");
                continue;
            }
            if (!accountOf(variables, named.get(), members).equals(id)) {
                r.reject(variable, named.get().id(), named.get().id() + " deploys into " + Account.label(accountOf(variables, named.get(), members))
                                + ", not into " + member.environment().id() + "'s " + Account.label(id),
                        "an environment of " + Account.label(id) + ": " + String.join(", ", members.stream().map(m -> m.environment().id()).toList()));
                continue;
            }
            owner = named.get();
            namedBy = variable;
        }
        return owner != null ? owner : members.get(0).environment();
    }

    /** An account-scope setting given for a non-owner would silently do nothing. */
    private static void accountSettingsOnlyOnTheOwner(Map<String, String> variables, List<BaselineSettings> members,
                                                     Environment owner, List<String> problems) {
        for (BaselineSettings member : members) {
            if (member.environment() == owner) {
                continue;
            }
            for (Setting setting : Setting.values()) {
                String variable = member.environment().variable(setting);
                if (setting.scope() == Setting.Scope.ACCOUNT && variables.containsKey(variable)) {
                    new SettingsReader(variables, member.environment(), problems).reject(variable, variables.get(variable).trim(),
                            member.environment().id() + " does not carry the account baseline of its account (" + owner.id()
                                    + " does), so it would have no effect",
                            "set it for " + owner.id() + " (" + owner.variable(setting) + ") or for all (" + setting.variable() + ")");
                }
            }
        }
    }

    /** The account of an environment, also one this run does not synthesize (a pinned owner). */
    private static Optional<String> accountOf(Map<String, String> variables, Environment environment, List<BaselineSettings> members) {
        return members.stream().filter(m -> m.environment() == environment).findFirst()
                .map(BaselineSettings::accountId)
                .orElseGet(() -> BaselineSettings.Reader.accountOf(new SettingsReader(variables, environment, new ArrayList<>())));
    }
}
