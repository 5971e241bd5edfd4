package dev.securebaseline.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.settings.AccountSettings.GuardDutyProtection;
import dev.securebaseline.settings.Organization.LogArchiveOutputs;
import dev.securebaseline.settings.Organization.Member;
import dev.securebaseline.settings.Organization.ObjectLock;
import dev.securebaseline.settings.Organization.PolicyTarget;
import dev.securebaseline.settings.Organization.Workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and validates the organization settings file: JSON, because the accounts of an organization are too
 * many for environment variables. Every key is known (a misspelled one is refused, naming the closest), every
 * value is checked, and the file is checked against itself (one account per role, one label per account, no
 * workload in the management account) and against the environments of the run. Each problem names the file,
 * the key's path, the value and what is accepted; nothing is written while there is one.
 */
final class OrganizationFile {

    static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");
    static final Pattern ROOT_ID = Pattern.compile("r-[0-9a-z]{4,32}");
    static final Pattern OU_ID = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");
    static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    static final Pattern SERVICE_PRINCIPAL = Pattern.compile("[a-z0-9.-]+\\.amazonaws\\.com");
    static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final Pattern KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):([0-9]{12}):key/[0-9a-f-]{36}");
    /** The longest Object Lock retention AWS accepts, in days (100 years). */
    static final int MAX_RETENTION_DAYS = 36500;

    private static final Map<String, List<String>> KEYS = Map.of(
            "", List.of("organization_id", "root_id", "home_region", "guardrail_regions", "management", "log_archive", "security",
                    "account_deploy_role_name", "break_glass_role_name", "organization_account_access_role_name", "create_break_glass_role", "deny_other_regions", "keep_service_access_principals",
                    "policy_targets", "object_lock", "log_archive_outputs", "guardduty_protections", "adopt_delegated_administrators",
                    "workloads", "state", "trusted_outside_accounts", "keep_policy_types"),
            "account", List.of("account_id", "deploy_role_arn"),
            "object_lock", List.of("mode", "retention_days"),
            "log_archive_outputs", List.of("trail_bucket", "trail_key_arn", "config_bucket", "config_key_arn"),
            "workload", List.of("label", "account_id", "organizational_unit", "environments"));

    /** Labels of the accounts the file names by role (and of the deploying credentials' account): no workload may take them. */
    static final List<String> RESERVED_LABELS = List.of(Organization.MANAGEMENT_LABEL, Organization.LOG_ARCHIVE_LABEL, Organization.SECURITY_LABEL,
            Account.IMPLICIT_LABEL);

    private final List<String> problems;
    private final SettingsFile json;

    private OrganizationFile(String file, List<String> problems) {
        this.problems = problems;
        this.json = new SettingsFile(Setting.ORGANIZATION_FILE, file, KEYS, problems);
    }

    /** The organization the file describes, or empty (with the problems recorded) when it cannot be read or is invalid. */
    static Optional<Organization> read(String file, List<Environment> environments, List<String> problems) {
        int before = problems.size();
        OrganizationFile reader = new OrganizationFile(file, problems);
        JsonNode root;
        try {
            String text = Files.readString(Path.of(file));
            if (text.isBlank()) {
                problems.add(Setting.ORGANIZATION_FILE.variable() + "=\"" + file + "\" is not accepted: the file is empty. Accepted: a JSON "
                        + "object, as in examples/organization.json.");
                return Optional.empty();
            }
            root = reader.json.strictTree(text);
        } catch (JsonProcessingException e) {
            problems.add(Setting.ORGANIZATION_FILE.variable() + "=\"" + file + "\" is not accepted: it is not JSON ("
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + "). Accepted: a JSON object, as in examples/organization.json.");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(Setting.ORGANIZATION_FILE.variable() + "=\"" + file + "\" is not accepted: it cannot be read (" + e.getMessage()
                    + "). Accepted: the path of the organization settings file, relative to the folder the synth runs in.");
            return Optional.empty();
        }
        Organization organization = reader.organization(root, environments);
        return problems.size() == before ? Optional.of(organization) : Optional.empty();
    }

    private Organization organization(JsonNode root, List<Environment> environments) {
        if (!root.isObject()) {
            json.reject("", root, "it is not an object", "a JSON object with the keys " + String.join(", ", KEYS.get("")));
            return null;
        }
        json.knownKeys(root, "", "");
        String home = json.required(root, "", "home_region", v -> AwsRegions.isKnown(v) ? v : null, "an AWS region such as us-east-1");
        int before = problems.size();
        List<String> regions = root.has("guardrail_regions")
                ? json.list(root, "", "guardrail_regions", v -> AwsRegions.isKnown(v) ? v : null, "AWS regions such as us-east-1")
                : AwsRegions.ENABLED_BY_DEFAULT;
        // A list refused as such is not checked again for what it leaves out.
        if (home != null && problems.size() == before && !regions.contains(home)) {
            json.reject("guardrail_regions", root.path("guardrail_regions"), "it leaves out the home region " + home,
                    "a list of regions that includes " + home);
        }
        List<String> ordered = new ArrayList<>();
        if (home != null) {
            ordered.add(home);
        }
        regions.stream().filter(r -> !r.equals(home)).forEach(ordered::add);

        Member management = member(root, "management");
        Member logArchive = member(root, "log_archive");
        Member security = member(root, "security");
        Member state = member(root, "state");
        List<Workload> workloads = workloads(root, environments);
        List<String> outside = root.has("trusted_outside_accounts")
                ? json.list(root, "", "trusted_outside_accounts", v -> BaselineSettings.ACCOUNT_ID.matcher(v).matches() ? v : null,
                "12-digit ids of accounts outside the organization that deploy into it (CI, state)")
                : List.of();
        Organization organization = new Organization(
                json.required(root, "", "organization_id", v -> ORGANIZATION_ID.matcher(v).matches() ? v : null, "an organization id such as o-a1b2c3d4e5"),
                json.required(root, "", "root_id", v -> ROOT_ID.matcher(v).matches() ? v : null, "the organization root's id such as r-a1b2"),
                home, List.copyOf(ordered), management, logArchive, security,
                json.required(root, "", "account_deploy_role_name", v -> ROLE_NAME.matcher(v).matches() ? v : null,
                        "the name of the role each member account stack deploys through, the same in every member account"),
                json.required(root, "", "break_glass_role_name", v -> ROLE_NAME.matcher(v).matches() ? v : null,
                        "the name of the emergency role, the same in every account"),
                json.optional(root, "", "organization_account_access_role_name", v -> ROLE_NAME.matcher(v).matches() ? v : null,
                        "the name of the role AWS Organizations puts in the accounts it creates, such as OrganizationAccountAccessRole")
                        .orElse(Organization.ORGANIZATION_ACCOUNT_ACCESS_ROLE),
                json.bool(root, "create_break_glass_role", false),
                json.bool(root, "deny_other_regions", false),
                root.has("keep_service_access_principals")
                        ? json.list(root, "", "keep_service_access_principals", v -> SERVICE_PRINCIPAL.matcher(v).matches() ? v : null,
                        "service principals such as sso.amazonaws.com")
                        : List.of(),
                policyTargets(root, logArchive, security, workloads),
                objectLock(root),
                logArchiveOutputs(root, home, logArchive),
                root.has("guardduty_protections")
                        ? json.list(root, "", "guardduty_protections", v -> Arrays.stream(GuardDutyProtection.values())
                        .filter(p -> p.settingValue().equals(v)).findFirst().orElse(null), GuardDutyProtection.choices())
                        : List.of(),
                json.bool(root, "adopt_delegated_administrators", false),
                workloads,
                state,
                outside,
                keepPolicyTypes(root));
        accountsAreDistinct(organization);
        outsideAccountsAreOutside(root, organization);
        theStateAccountIsKnown(root, organization);
        everyEnvironmentHasAWorkload(root, environments, workloads);
        return organization;
    }

    // ==================================================================== sections

    private Member member(JsonNode root, String key) {
        JsonNode node = root.path(key);
        if (!node.isObject()) {
            json.reject(key, node, "it is missing or not an object", "an object with account_id and, optionally, deploy_role_arn");
            return new Member("", Optional.empty());
        }
        json.knownKeys(node, key, "account");
        String id = json.required(node, key, "account_id", v -> BaselineSettings.ACCOUNT_ID.matcher(v).matches() ? v : null, "a 12-digit account id");
        Optional<String> role = json.optional(node, key, "deploy_role_arn", v -> BaselineSettings.ROLE_ARN.matcher(v).matches()
                && id != null && EnvironmentReader.roleAccount(v).equals(id) ? v : null, "an IAM role ARN in account " + id);
        return new Member(id == null ? "" : id, role);
    }

    private List<Workload> workloads(JsonNode root, List<Environment> environments) {
        JsonNode list = root.path("workloads");
        if (!list.isArray() || list.isEmpty()) {
            json.reject("workloads", list, "it is missing or empty", "a list of workload accounts, each {label, account_id, environments}");
            return List.of();
        }
        List<Workload> workloads = new ArrayList<>();
        Set<String> labels = new HashSet<>(RESERVED_LABELS);
        Map<Environment, String> placed = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "workloads[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                json.reject(path, node, "it is not an object", "{label, account_id, organizational_unit, environments}");
                continue;
            }
            json.knownKeys(node, path, "workload");
            String label = json.required(node, path, "label", v -> Accounts.LABEL.matcher(v).matches() ? v : null,
                    "1-16 lowercase letters, digits and hyphens, other than " + String.join(", ", RESERVED_LABELS));
            if (label != null && !labels.add(label)) {
                json.reject(path + ".label", node.path("label"), "the label is taken (by another workload, or by the management, log-archive, "
                        + "security or default account)", "a label of its own");
            }
            String id = json.required(node, path, "account_id", v -> BaselineSettings.ACCOUNT_ID.matcher(v).matches() ? v : null, "a 12-digit account id");
            Optional<String> ou = json.optional(node, path, "organizational_unit", v -> OU_ID.matcher(v).matches() ? v : null,
                    "an organizational unit id such as ou-a1b2-c3d4e5f6");
            List<Environment> envs = node.has("environments")
                    ? json.list(node, path, "environments", v -> Environment.find(v).orElse(null), Environment.ids())
                    : List.of();
            for (Environment environment : envs) {
                String other = placed.putIfAbsent(environment, label);
                if (other != null) {
                    json.reject(path + ".environments", node.path("environments"), environment.id() + " already runs in " + other,
                            "each environment in one workload account");
                }
            }
            workloads.add(new Workload(label == null ? "" : label, id == null ? "" : id, ou, envs));
        }
        return List.copyOf(workloads);
    }

    /**
     * The root; or, with {@code workload_organizational_units}, each workload's unit and the log-archive and security
     * accounts themselves, which have no unit in the file: every account but management is covered either way.
     */
    private List<PolicyTarget> policyTargets(JsonNode root, Member logArchive, Member security, List<Workload> workloads) {
        String mode = root.has("policy_targets")
                ? json.required(root, "", "policy_targets", v -> v.equals("root") || v.equals("workload_organizational_units") ? v : null,
                "root (the default: every member account) or workload_organizational_units")
                : "root";
        if (!"workload_organizational_units".equals(mode)) {
            return List.of(new PolicyTarget(SettingsFile.text(root.path("root_id")), PolicyTarget.Kind.ROOT, List.of()));
        }
        Map<String, List<String>> units = new LinkedHashMap<>();
        for (Workload workload : workloads) {
            if (workload.organizationalUnit().isEmpty()) {
                json.reject("policy_targets", root.path("policy_targets"), "workload " + workload.label() + " names no organizational_unit",
                        "root, or an organizational_unit for every workload");
            }
            workload.organizationalUnit().ifPresent(ou -> units.computeIfAbsent(ou, k -> new ArrayList<>()).add(workload.accountId()));
        }
        List<PolicyTarget> targets = new ArrayList<>();
        units.forEach((ou, accounts) -> targets.add(new PolicyTarget(ou, PolicyTarget.Kind.ORGANIZATIONAL_UNIT, List.copyOf(accounts))));
        for (Member own : List.of(logArchive, security)) {
            if (!own.accountId().isEmpty()) {
                targets.add(new PolicyTarget(own.accountId(), PolicyTarget.Kind.ACCOUNT, List.of(own.accountId())));
            }
        }
        return List.copyOf(targets);
    }

    /** Types besides the baseline's own, each one the provider manages; the baseline's two are enabled anyway. */
    private List<String> keepPolicyTypes(JsonNode root) {
        if (!root.has("keep_policy_types")) {
            return List.of();
        }
        List<String> others = PolicyType.names().stream().filter(n -> !PolicyType.valueOf(n).isTheBaselines()).toList();
        List<PolicyType> types = json.list(root, "", "keep_policy_types", v -> PolicyType.find(v).orElse(null),
                "policy types such as " + String.join(", ", others));
        for (PolicyType type : types) {
            if (type.isTheBaselines()) {
                json.reject("keep_policy_types", root.path("keep_policy_types"), type.name() + " is the baseline's own and always enabled",
                        "only other types: " + String.join(", ", others));
            }
        }
        return types.stream().filter(t -> !t.isTheBaselines()).map(PolicyType::name).toList();
    }

    private ObjectLock objectLock(JsonNode root) {
        JsonNode node = root.path("object_lock");
        if (!node.isObject()) {
            json.reject("object_lock", node, "it is missing or not an object",
                    "{\"mode\": \"GOVERNANCE\" or \"COMPLIANCE\", \"retention_days\": 1-" + MAX_RETENTION_DAYS + "}; COMPLIANCE can never be shortened");
            return new ObjectLock("GOVERNANCE", 1);
        }
        json.knownKeys(node, "object_lock", "object_lock");
        String mode = json.required(node, "object_lock", "mode", v -> v.equals("GOVERNANCE") || v.equals("COMPLIANCE") ? v : null,
                "GOVERNANCE (a role allowed s3:BypassGovernanceRetention may shorten it) or COMPLIANCE (nobody can, not even the root user)");
        JsonNode days = node.path("retention_days");
        int value = days.canConvertToInt() && days.isIntegralNumber() ? days.asInt() : -1;
        if (value < 1 || value > MAX_RETENTION_DAYS) {
            json.reject("object_lock.retention_days", days, "it is not a whole number of days from 1 to " + MAX_RETENTION_DAYS, "such as 365");
        }
        return new ObjectLock(mode == null ? "GOVERNANCE" : mode, Math.max(value, 1));
    }

    private Optional<LogArchiveOutputs> logArchiveOutputs(JsonNode root, String home, Member logArchive) {
        if (!root.has("log_archive_outputs")) {
            return Optional.empty();
        }
        JsonNode node = root.path("log_archive_outputs");
        String path = "log_archive_outputs";
        if (!node.isObject()) {
            json.reject(path, node, "it is not an object", "an object of trail_bucket, trail_key_arn, config_bucket and config_key_arn (the shape of the log-archive stack's organization_file_entries output)");
            return Optional.empty();
        }
        json.knownKeys(node, path, "log_archive_outputs");
        Function<String, String> key = v -> {
            var m = KEY_ARN.matcher(v);
            return m.matches() && m.group(1).equals(home) && m.group(2).equals(logArchive.accountId()) ? v : null;
        };
        String keyAccepted = "a KMS key ARN in the log-archive account " + logArchive.accountId() + " and the home region " + home;
        return Optional.of(new LogArchiveOutputs(
                json.required(node, path, "trail_bucket", v -> BUCKET.matcher(v).matches() ? v : null, "the log-archive stack's trail_bucket output"),
                json.required(node, path, "trail_key_arn", key, keyAccepted),
                json.required(node, path, "config_bucket", v -> BUCKET.matcher(v).matches() ? v : null, "the log-archive stack's config_bucket output"),
                json.required(node, path, "config_key_arn", key, keyAccepted)));
    }

    // ==================================================================== the file against itself and the run

    private void accountsAreDistinct(Organization organization) {
        Map<String, String> roles = new LinkedHashMap<>();
        Map<String, String> byAccount = new LinkedHashMap<>();
        roles.put("management.account_id", organization.management().accountId());
        roles.put("log_archive.account_id", organization.logArchive().accountId());
        roles.put("security.account_id", organization.security().accountId());
        for (int i = 0; i < organization.workloads().size(); i++) {
            roles.put("workloads[" + i + "].account_id", organization.workloads().get(i).accountId());
        }
        roles.forEach((path, id) -> {
            if (id.isEmpty()) {
                return;
            }
            String first = byAccount.putIfAbsent(id, path);
            if (first != null) {
                String reason = first.startsWith("management")
                        ? "it is the management account: no workload, log archive or security service runs there (CIS AWS Foundations v7)"
                        : "it is already " + first;
                problems.add(json.prefix() + path + " = \"" + id + "\" is not accepted: " + reason + ". Accepted: an account of its own.");
            }
        });
    }

    /** An account of the file is inside the organization: trusting it from outside would change nothing. */
    private void outsideAccountsAreOutside(JsonNode root, Organization organization) {
        List<String> inside = organization.accountIds();
        for (String account : organization.trustedOutsideAccounts()) {
            if (inside.contains(account)) {
                json.reject("trusted_outside_accounts", root.path("trusted_outside_accounts"), account + " is an account of this file, inside "
                        + "the organization, which the perimeter already lets in", "accounts outside the organization only");
            }
        }
    }

    /**
     * The state bucket lives in an account the baseline knows: a member (its account stack guards it), or an outside account
     * the perimeter trusts (its principals then reach the deploy roles). Never management, which holds only what must be there.
     */
    private void theStateAccountIsKnown(JsonNode root, Organization organization) {
        String state = organization.state().accountId();
        if (state.isEmpty()) {
            return;
        }
        if (organization.isManagement(state)) {
            json.reject("state.account_id", root.path("state").path("account_id"), "it is the management account, which holds only what must "
                    + "be there (AWS Security Reference Architecture) and which no SCP constrains", "a member account of this file, or an "
                    + "account in trusted_outside_accounts");
        } else if (!organization.accountIds().contains(state) && !organization.trustedOutsideAccounts().contains(state)) {
            json.reject("state.account_id", root.path("state").path("account_id"), "it is neither an account of this file nor in "
                    + "trusted_outside_accounts, so its principals would be refused by the organization perimeter when they assume the "
                    + "deploy roles", "a member account of this file, or an account listed in trusted_outside_accounts");
        }
    }

    private void everyEnvironmentHasAWorkload(JsonNode root, List<Environment> environments, List<Workload> workloads) {
        for (Environment environment : environments) {
            if (workloads.stream().noneMatch(w -> w.environments().contains(environment))) {
                json.reject("workloads", root.path("workloads"), "no workload runs " + environment.id() + ", which "
                                + Setting.ENVIRONMENTS.variable() + " synthesizes",
                        "\"" + environment.id() + "\" in the environments of one workload account");
            }
        }
    }
}
