package dev.securebaseline.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A setting given where it changes nothing is a mistake the user cannot see: a domain without HTTPS, a rate limit where there
 * is no firewall, an analyzer's threshold without the analyzer, a shared value that every environment or account overrides.
 * Each is refused, naming the switch it needs or the forms that override it, so that what the preview lists as changed is
 * what the JSON changes.
 */
final class InertSettings {

    /** Settings that act only where {@code acts} holds, which {@code needs} switches on: there is then {@code what}. */
    private record Dependent<T>(List<Setting> settings, Setting needs, String what, Predicate<T> acts) {
    }

    private static final List<Dependent<BaselineSettings>> IN_AN_ENVIRONMENT = List.of(
            new Dependent<>(List.of(Setting.DOMAIN_NAME, Setting.HOSTED_ZONE_ID, Setting.HOSTED_ZONE_NAME, Setting.CREATE_DNS_RECORD),
                    Setting.ENABLE_HTTPS, "HTTPS", e -> e.web().httpsEnabled()),
            new Dependent<>(List.of(Setting.WAF_RATE_LIMIT, Setting.WAF_COUNT_MODE, Setting.WAF_BLOCKED_REQUESTS_THRESHOLD),
                    Setting.ENABLE_WAF, "a web application firewall", e -> e.web().firewall().enabled()));

    private static final List<Dependent<AccountSettings>> IN_AN_ACCOUNT = List.of(
            new Dependent<>(List.of(Setting.UNUSED_ACCESS_AGE_DAYS), Setting.UNUSED_ACCESS_ANALYZER, "an unused-access analyzer",
                    a -> a.unusedAccessAgeDays().isPresent()),
            new Dependent<>(List.of(Setting.SECURITY_CONTACT_NAME, Setting.SECURITY_CONTACT_TITLE, Setting.SECURITY_CONTACT_PHONE),
                    Setting.SECURITY_CONTACT_EMAIL, "a security contact", a -> a.securityContact().isPresent()),
            new Dependent<>(List.of(Setting.CONFIG_RECORDING_FREQUENCY), Setting.MANAGE_CONFIG, "an AWS Config recorder",
                    AccountSettings::manageConfig),
            new Dependent<>(List.of(Setting.GUARDDUTY_PROTECTIONS), Setting.MANAGE_GUARDDUTY, "a GuardDuty detector",
                    AccountSettings::manageGuardDuty));

    /**
     * In Organizations mode the organization trail and the log archive take these for every account, from
     * {@code BASELINE_<SETTING>}; an account stack has no trail or audit bucket of its own to take them.
     */
    private static final List<Setting> ORGANIZATION_WIDE = List.of(Setting.SECURITY_ALARM_EMAIL, Setting.TRAIL_LOG_RETENTION_DAYS,
            Setting.TRAIL_GLACIER_DAYS, Setting.TRAIL_EXPIRATION_DAYS);

    private InertSettings() {
    }

    static void check(Map<String, String> variables, List<BaselineSettings> environments, List<Account> accounts, boolean organization,
                      List<String> problems) {
        SettingsReader app = new SettingsReader(variables, null, problems);
        for (Dependent<BaselineSettings> rule : IN_AN_ENVIRONMENT) {
            for (Setting setting : rule.settings()) {
                check(app, setting, rule, environments.stream().map(e -> new Scoped<>(e.environment(), e)).toList());
            }
        }
        for (Dependent<AccountSettings> rule : IN_AN_ACCOUNT) {
            for (Setting setting : rule.settings()) {
                check(app, setting, rule, accounts.stream().map(a -> new Scoped<>(new AccountScope(a.label()), a.settings())).toList());
            }
        }
        for (Setting setting : Setting.values()) {
            if (setting.scope() == Setting.Scope.ENVIRONMENT) {
                overriddenEverywhere(app, setting, environments.stream().map(e -> (SettingScope) e.environment()).toList());
            } else if (setting.scope() == Setting.Scope.ACCOUNT && !(organization && ORGANIZATION_WIDE.contains(setting))) {
                overriddenEverywhere(app, setting, accounts.stream().map(a -> (SettingScope) new AccountScope(a.label())).toList());
            }
        }
        if (organization) {
            for (Setting setting : ORGANIZATION_WIDE) {
                for (Account account : accounts) {
                    SettingsReader r = app.forScope(new AccountScope(account.label()));
                    if (r.isSetForThisScope(setting)) {
                        r.reject(setting, r.raw(setting), "in Organizations mode the organization trail and the log archive take it for every "
                                + "account, and account " + account.label() + " has no trail or audit bucket of its own, so it would change "
                                + "nothing", setting.variable() + " for the organization, or remove it");
                    }
                }
            }
        }
    }

    private record Scoped<T>(SettingScope scope, T settings) {
    }

    /** Refuses each form of {@code setting} whose scopes all lack the switch: the scope's own form, or the shared one. */
    private static <T> void check(SettingsReader app, Setting setting, Dependent<T> rule, List<Scoped<T>> scopes) {
        List<String> withoutIt = new ArrayList<>();
        boolean sharedActs = false;
        boolean sharedApplies = false;
        for (Scoped<T> scoped : scopes) {
            SettingsReader r = app.forScope(scoped.scope());
            boolean acts = rule.acts().test(scoped.settings());
            if (r.isSetForThisScope(setting)) {
                if (!acts && !r.isRefused(setting)) {
                    r.reject(setting, r.raw(setting), scoped.scope().describe() + " has no " + rule.what().replaceFirst("^(a|an) ", "") + " (" + r.variableFor(rule.needs())
                            + " is \"" + r.raw(rule.needs()) + "\"), so it would change nothing", scoped.scope().variable(rule.needs())
                            + "=" + switchedOn(rule.needs()) + " beside it, or remove it");
                }
            } else {
                sharedApplies = true;
                sharedActs |= acts;
                if (!acts) {
                    withoutIt.add(scoped.scope().describe());
                }
            }
        }
        if (app.isSet(setting) && sharedApplies && !sharedActs && !app.isRefused(setting)) {
            app.reject(setting, app.raw(setting), "it applies to " + and(withoutIt) + ", and " + (withoutIt.size() == 1 ? "it has no " + rule.what().replaceFirst("^(a|an) ", "")
                            : "none of them has " + rule.what()) + ", so it would change nothing",
                    rule.needs().variable() + "=" + switchedOn(rule.needs()) + " (or its form for one of them) beside it, or remove it");
        }
    }

    /** A shared value that every scope of this run overrides with its own form changes nothing. */
    private static void overriddenEverywhere(SettingsReader app, Setting setting, List<SettingScope> scopes) {
        if (!app.isSet(setting) || scopes.isEmpty() || app.isRefused(setting)) {
            return;
        }
        List<String> own = new ArrayList<>();
        for (SettingScope scope : scopes) {
            if (!app.forScope(scope).isSetForThisScope(setting)) {
                return;
            }
            own.add(scope.variable(setting));
        }
        app.reject(setting, app.raw(setting), "every one it would apply to sets its own (" + String.join(", ", own) + "), so it would change "
                + "nothing", "remove it, or one of the forms that override it");
    }

    /** What turns a switch on: {@code true}, or for the contact, an address. */
    private static String switchedOn(Setting needs) {
        return needs == Setting.SECURITY_CONTACT_EMAIL ? "<an address>" : "true";
    }

    private static String and(List<String> names) {
        Optional<String> last = names.isEmpty() ? Optional.empty() : Optional.of(names.get(names.size() - 1));
        return names.size() <= 1 ? last.orElse("") : String.join(", ", names.subList(0, names.size() - 1)) + " and " + last.get();
    }
}
