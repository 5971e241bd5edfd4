package dev.securebaseline.settings;

import dev.securebaseline.settings.BaselineSettings.Archive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validated settings of one account stack ({@code BASELINE_ACCOUNT_<LABEL>_<SETTING>}, else
 * {@code BASELINE_<SETTING>}).
 *
 * @param guardrailRegions         regions that get the per-region guardrails, the home region first
 * @param homeRegion               the account stack's region: global resource types, the trail and the finding aggregator live here
 * @param access                   how the account stack's providers reach the account
 * @param state                    where the account stack keeps its state
 * @param alarmEmail               default of the account stack's {@code alarm_email} variable
 * @param trailLogRetentionDays    default of the account stack's {@code log_retention_days} variable
 * @param adoptions                what the account already runs, taken over by import on the first apply
 * @param trailDataEvents          data events the trail records besides management events
 * @param imdsHopLimit             the hop limit of the account's instance metadata defaults
 * @param unusedAccessAgeDays      the unused-access analyzer's threshold, when there is one
 * @param auditRetention           the trail, Config and audit access-log buckets
 * @param allowDestroy             a deliberate retire of the account stack
 * @param organization             in Organizations mode, the organization this account is a member of: its
 *                                 stack then holds only what the organization cannot do for it
 */
public record AccountSettings(
        List<String> guardrailRegions,
        String homeRegion,
        DeployAccess access,
        BaselineSettings.StateBackend state,
        String alarmEmail,
        int trailLogRetentionDays,
        Adoptions adoptions,
        boolean manageConfig,
        boolean manageGuardDuty,
        boolean manageSecurityHub,
        boolean manageAccessAnalyzer,
        RecordingFrequency configRecordingFrequency,
        List<GuardDutyProtection> guardDutyProtections,
        PasswordPolicy passwords,
        Optional<SecurityContact> securityContact,
        List<DataEvents> trailDataEvents,
        int imdsHopLimit,
        Optional<Integer> unusedAccessAgeDays,
        Archive auditRetention,
        boolean allowDestroy,
        Optional<Organization> organization) {

    /** A member of an organization: the trail, the CIS alarms and the organization-wide services are the organization's. */
    public boolean isMember() {
        return organization.isPresent();
    }

    /** CloudTrail data events (CIS 3.8 and 3.9, object-level logging). */
    public enum DataEvents {
        S3("AWS::S3::Object"), LAMBDA("AWS::Lambda::Function");

        private final String resourceType;

        DataEvents(String resourceType) {
            this.resourceType = resourceType;
        }

        public String resourceType() {
            return resourceType;
        }

        public String settingValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How often AWS Config records a changed resource. */
    public enum RecordingFrequency {
        CONTINUOUS, DAILY;

        String settingValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * GuardDuty's paid protection plans beyond S3 protection, by their API feature names. AWS turns every
     * one of them on for a new detector except runtime monitoring, so the baseline writes each one it
     * does not want explicitly off.
     */
    public enum GuardDutyProtection {
        EKS_AUDIT_LOGS, EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS, LAMBDA_NETWORK_LOGS, RUNTIME_MONITORING;

        String settingValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** AWS enables it on a new detector unless told otherwise. */
        public boolean onByDefault() {
            return this != RUNTIME_MONITORING;
        }

        /** Writing a plan a region does not offer, even as off, fails the apply there. */
        public boolean isOfferedIn(String region) {
            return this != RDS_LOGIN_EVENTS || !AwsRegions.WITHOUT_GUARDDUTY_RDS_PROTECTION.contains(region);
        }

        static String choices() {
            return String.join(", ", Arrays.stream(values()).map(GuardDutyProtection::settingValue).toList());
        }
    }

    /** CIS 1.8 (length) and 1.9 (reuse); expiry only when asked for. */
    public record PasswordPolicy(int minimumLength, Optional<Integer> maxAgeDays) {
        /** CIS 1.9: the last 24 passwords cannot be reused (the most IAM remembers). */
        public static final int REUSE_PREVENTION = 24;
    }

    /** The account's SECURITY alternate contact (CIS 1.2). */
    public record SecurityContact(String email, String name, String title, String phone) {
    }

    static final int MIN_PASSWORD_LENGTH = 14;
    static final int MAX_PASSWORD_AGE_DAYS = 1095;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{4,23}[0-9]");

    /**
     * Per-region singletons the account already has (AWS allows one detector, one recorder and channel, one
     * account-level analyzer per region, and Security Hub once): each is imported on the first apply instead
     * of being created again, which AWS would refuse.
     *
     * @param guardDutyDetectors     region → detector id
     * @param securityHub            regions where Security Hub (and its default FSBP subscription) is on
     * @param configRecorders        region → recorder name
     * @param configDeliveryChannels region → delivery channel name
     * @param accessAnalyzers        region → analyzer name
     */
    public record Adoptions(Map<String, String> guardDutyDetectors, List<String> securityHub, Map<String, String> configRecorders,
                            Map<String, String> configDeliveryChannels, Map<String, String> accessAnalyzers) {

        static final Pattern DETECTOR_ID = Pattern.compile("[0-9a-f]{32}");
        static final Pattern CONFIG_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
        static final Pattern ANALYZER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,254}");

        boolean isEmpty() {
            return guardDutyDetectors.isEmpty() && securityHub.isEmpty() && configRecorders.isEmpty()
                    && configDeliveryChannels.isEmpty() && accessAnalyzers.isEmpty();
        }
    }

    /**
     * Reads one account stack's settings. {@code environments} are the account's environments in this app;
     * each must run in a guardrail region, and the first one's region is the default home region.
     */
    static AccountSettings read(SettingsReader r, String label, Optional<String> accountId, List<BaselineSettings> environments,
                                AppSettings.Bootstrap bootstrap) {
        String home = r.raw(Setting.HOME_REGION).isEmpty() && !environments.isEmpty()
                ? environments.get(0).region() : r.region(Setting.HOME_REGION);
        List<String> regions = r.list(Setting.GUARDRAIL_REGIONS, SettingsReader::knownRegion, false,
                "comma-separated AWS regions, each once, such as " + Setting.GUARDRAIL_REGIONS.defaultValue(),
                AwsRegions.ENABLED_BY_DEFAULT);
        List<String> needed = new ArrayList<>(List.of(home));
        environments.stream().map(BaselineSettings::region).filter(region -> !needed.contains(region)).forEach(needed::add);
        List<String> missing = needed.stream().filter(region -> !regions.contains(region)).toList();
        if (!missing.isEmpty() && r.isSet(Setting.GUARDRAIL_REGIONS)) {
            r.reject(Setting.GUARDRAIL_REGIONS, r.raw(Setting.GUARDRAIL_REGIONS), "it leaves out " + String.join(", ", missing)
                            + ", where the account's home region and environments are",
                    "a list that includes " + String.join(", ", needed) + " (opt-in regions are guarded only when listed)");
        } else if (!missing.isEmpty() && !r.isRefused(Setting.GUARDRAIL_REGIONS)) {
            // The regions were not given: the region that is not among the default ones is the setting to blame.
            for (String region : missing) {
                String accepted = "a region every account has (" + String.join(", ", AwsRegions.ENABLED_BY_DEFAULT) + "), or this one with "
                        + Setting.GUARDRAIL_REGIONS.variable() + " listing it beside them";
                String reason = region + " is an opt-in region, outside the default guardrail regions, so the account stack would not guard it";
                if (region.equals(home) && r.isSet(Setting.HOME_REGION)) {
                    r.reject(Setting.HOME_REGION, region, reason, accepted);
                }
                environments.stream().filter(e -> e.region().equals(region) && !(region.equals(home) && r.isSet(Setting.HOME_REGION)))
                        .forEach(e -> r.forScope(e.environment()).reject(Setting.REGION, region, reason, accepted));
            }
        }
        List<String> ordered = new ArrayList<>(List.of(home));
        regions.stream().filter(region -> !region.equals(home)).forEach(ordered::add);

        boolean config = r.bool(Setting.MANAGE_CONFIG);
        boolean guardDuty = r.bool(Setting.MANAGE_GUARDDUTY);
        boolean securityHub = r.bool(Setting.MANAGE_SECURITY_HUB);
        boolean accessAnalyzer = r.bool(Setting.MANAGE_ACCESS_ANALYZER);
        Adoptions adoptions = new Adoptions(
                adopted(r, Setting.ADOPT_GUARDDUTY_DETECTORS, guardDuty, Setting.MANAGE_GUARDDUTY, ordered, Adoptions.DETECTOR_ID, "detector-id (32 hex digits)"),
                adoptedRegions(r, securityHub, ordered),
                adopted(r, Setting.ADOPT_CONFIG_RECORDERS, config, Setting.MANAGE_CONFIG, ordered, Adoptions.CONFIG_NAME, "recorder-name"),
                adopted(r, Setting.ADOPT_CONFIG_DELIVERY_CHANNELS, config, Setting.MANAGE_CONFIG, ordered, Adoptions.CONFIG_NAME, "channel-name"),
                adopted(r, Setting.ADOPT_ACCESS_ANALYZERS, accessAnalyzer, Setting.MANAGE_ACCESS_ANALYZER, ordered, Adoptions.ANALYZER_NAME, "analyzer-name"));
        Optional<Integer> unusedAccess = r.bool(Setting.UNUSED_ACCESS_ANALYZER)
                ? Optional.of(r.integer(Setting.UNUSED_ACCESS_AGE_DAYS, 1, 365)) : Optional.empty();
        return new AccountSettings(List.copyOf(ordered), home, access(r, bootstrap.project() + "-account-" + label, accountId),
                state(r, label, bootstrap, home),
                r.email(Setting.SECURITY_ALARM_EMAIL, "an email address such as security@yourcompany.com, or empty for no subscription"),
                r.logRetentionDays(Setting.TRAIL_LOG_RETENTION_DAYS),
                adoptions, config, guardDuty, securityHub, accessAnalyzer,
                r.parse(Setting.CONFIG_RECORDING_FREQUENCY, AccountSettings::frequency, "continuous or daily", RecordingFrequency.CONTINUOUS),
                r.list(Setting.GUARDDUTY_PROTECTIONS, AccountSettings::protection, true,
                        "empty, or comma-separated protection plans from " + GuardDutyProtection.choices(), List.of()),
                passwords(r), securityContact(r),
                r.list(Setting.TRAIL_DATA_EVENTS, AccountSettings::dataEvents, true, "empty, or comma-separated s3 and lambda", List.of()),
                r.integer(Setting.IMDS_HOP_LIMIT, 1, 64),
                unusedAccess,
                r.archive(Setting.TRAIL_GLACIER_DAYS, Setting.TRAIL_EXPIRATION_DAYS),
                r.bool(Setting.ALLOW_ACCOUNT_DESTROY),
                Optional.empty());
    }

    /**
     * The settings that still shape an account's stack in Organizations mode (password policy, security contact, IMDS hop
     * limit, Config's recording frequency and adopted recorders and analyzers, retire); the organization file gives its regions
     * and deploy role (the management account's own role for the management account, the account deploy role in every member),
     * and the organization runs the rest. Each account keeps an account analyzer of its own: CIS 1.20 / FSBP IAM.28 is evaluated
     * per account (the Config rule iam-external-access-analyzer-enabled looks for one there).
     */
    static AccountSettings readMember(SettingsReader r, String label, String accountId, List<BaselineSettings> environments,
                                      AppSettings.Bootstrap bootstrap, Organization organization) {
        List<String> regions = organization.guardrailRegions();
        for (BaselineSettings environment : environments) {
            if (!regions.contains(environment.region())) {
                r.reject(environment.environment().variable(Setting.REGION), environment.region(), environment.environment().id() + " would run outside the organization's "
                        + "guardrail regions", "one of " + String.join(", ", regions) + " (guardrail_regions in the organization file)");
            }
        }
        Optional<String> role = organization.isManagement(accountId) ? organization.management().deployRoleArn()
                : Optional.of("arn:aws:iam::" + accountId + ":role/" + organization.accountDeployRoleName());
        Adoptions adoptions = new Adoptions(Map.of(), List.of(),
                adopted(r, Setting.ADOPT_CONFIG_RECORDERS, true, Setting.MANAGE_CONFIG, regions, Adoptions.CONFIG_NAME, "recorder-name"),
                adopted(r, Setting.ADOPT_CONFIG_DELIVERY_CHANNELS, true, Setting.MANAGE_CONFIG, regions, Adoptions.CONFIG_NAME, "channel-name"),
                adopted(r, Setting.ADOPT_ACCESS_ANALYZERS, true, Setting.MANAGE_ACCESS_ANALYZER, regions, Adoptions.ANALYZER_NAME, "analyzer-name"));
        return new AccountSettings(regions, organization.homeRegion(),
                new DeployAccess(Optional.of(accountId), role, bootstrap.project() + "-account-" + label + "-deploy"),
                state(r, label, bootstrap, organization.homeRegion()), "", 365, adoptions,
                true, false, false, true,
                r.parse(Setting.CONFIG_RECORDING_FREQUENCY, AccountSettings::frequency, "continuous or daily", RecordingFrequency.CONTINUOUS),
                List.of(), passwords(r), securityContact(r), List.of(), r.integer(Setting.IMDS_HOP_LIMIT, 1, 64), Optional.empty(),
                r.archive(Setting.TRAIL_GLACIER_DAYS, Setting.TRAIL_EXPIRATION_DAYS), r.bool(Setting.ALLOW_ACCOUNT_DESTROY),
                Optional.of(organization));
    }

    /** The account stack's deploy role, which must be in the account; pinned to the account when it is named. */
    private static DeployAccess access(SettingsReader r, String stackName, Optional<String> accountId) {
        Optional<String> role = r.optional(Setting.ACCOUNT_DEPLOY_ROLE_ARN, v -> SettingsReader.require(v,
                BaselineSettings.ROLE_ARN.matcher(v).matches(), "not an IAM role ARN"), "an IAM role ARN such as arn:aws:iam::111122223333:role/baseline-account-admin, or empty");
        role.ifPresent(arn -> {
            String roleAccount = EnvironmentReader.roleAccount(arn);
            if (!accountId.map(roleAccount::equals).orElse(false)) {
                r.reject(Setting.ACCOUNT_DEPLOY_ROLE_ARN, arn, "the role is in account " + roleAccount + ", not in the account of its environments ("
                        + Account.describe(accountId) + ")", "a role in the account the account stack deploys into; name that account for the environments first");
            }
        });
        return new DeployAccess(accountId, role, stackName + "-deploy");
    }

    /** The account stack's state: the bootstrap's bucket, its own key. */
    private static BaselineSettings.StateBackend state(SettingsReader r, String label, AppSettings.Bootstrap bootstrap, String home) {
        String derived = bootstrap.project() + "/account/" + label + "/terraform.tfstate";
        String key = r.isSet(Setting.ACCOUNT_STATE_KEY)
                ? r.parse(Setting.ACCOUNT_STATE_KEY, v -> SettingsReader.require(v, !v.isEmpty() && !v.startsWith("/") && v.length() <= 1024
                        && !v.contains("//"), "not a usable object key"), "a relative S3 object key such as " + derived, derived)
                : derived;
        return new BaselineSettings.StateBackend(bootstrap.stateBucket(), key, bootstrap.region());
    }

    private static DataEvents dataEvents(String v) {
        return Arrays.stream(DataEvents.values()).filter(e -> e.settingValue().equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("\"" + v + "\" is not s3 or lambda"));
    }

    /** {@code region=name} pairs of a service the baseline manages, each a guardrail region, each once. */
    private static Map<String, String> adopted(SettingsReader r, Setting setting, boolean managed, Setting manage, List<String> regions,
                                               Pattern value, String valueName) {
        Map<String, String> pairs = r.regionPairs(setting, regions, value, valueName);
        if (!pairs.isEmpty() && !managed) {
            r.reject(setting, r.raw(setting), r.variableFor(manage) + "=false writes nothing to adopt it into",
                    "empty, or " + manage.variable() + "=true");
        }
        return pairs;
    }

    private static List<String> adoptedRegions(SettingsReader r, boolean managed, List<String> regions) {
        List<String> adopted = r.list(Setting.ADOPT_SECURITY_HUB, v -> SettingsReader.require(SettingsReader.knownRegion(v),
                        regions.contains(v), v + " is not a guardrail region"), true,
                "empty, or comma-separated guardrail regions (" + String.join(", ", regions) + ")", List.of());
        if (!adopted.isEmpty() && !managed) {
            r.reject(Setting.ADOPT_SECURITY_HUB, r.raw(Setting.ADOPT_SECURITY_HUB),
                    r.variableFor(Setting.MANAGE_SECURITY_HUB) + "=false writes nothing to adopt it into", "empty, or " + Setting.MANAGE_SECURITY_HUB.variable() + "=true");
        }
        return adopted;
    }

    private static PasswordPolicy passwords(SettingsReader r) {
        int length = r.integer(Setting.PASSWORD_MIN_LENGTH, MIN_PASSWORD_LENGTH, 128);
        int maxAge = r.parse(Setting.PASSWORD_MAX_AGE_DAYS, v -> {
            return SettingsReader.wholeNumber(v, 0, MAX_PASSWORD_AGE_DAYS);
        }, "0 (passwords never expire) or a whole number of days from 1 to " + MAX_PASSWORD_AGE_DAYS, 0);
        return new PasswordPolicy(length, maxAge == 0 ? Optional.empty() : Optional.of(maxAge));
    }

    private static Optional<SecurityContact> securityContact(SettingsReader r) {
        String email = r.email(Setting.SECURITY_CONTACT_EMAIL, "the email address of your security team, or empty for no contact");
        String name = r.parse(Setting.SECURITY_CONTACT_NAME, v -> SettingsReader.require(v, !v.isBlank() && v.length() <= 64,
                "not a name of 1-64 characters"), "1-64 characters", "");
        String title = r.parse(Setting.SECURITY_CONTACT_TITLE, v -> SettingsReader.require(v, !v.isBlank() && v.length() <= 50,
                "not a title of 1-50 characters"), "1-50 characters", "");
        String phone = r.parse(Setting.SECURITY_CONTACT_PHONE, v -> SettingsReader.require(v, v.isEmpty() || PHONE.matcher(v).matches(),
                "not a phone number"), "a phone number of digits, spaces, ( ) and -, such as +1 206 555 0100", "");
        if (email.isEmpty()) {
            return Optional.empty();
        }
        if (r.raw(Setting.SECURITY_CONTACT_PHONE).isEmpty()) {
            // Quoted is what the user set, the address, not the phone number nobody gave.
            r.reject(Setting.SECURITY_CONTACT_EMAIL, email, "AWS requires a phone number with the security contact, and none is set",
                    "the address with " + r.variableFor(Setting.SECURITY_CONTACT_PHONE) + " beside it, such as +1 206 555 0100");
        }
        return Optional.of(new SecurityContact(email, name, title, phone));
    }

    private static RecordingFrequency frequency(String v) {
        return Arrays.stream(RecordingFrequency.values()).filter(f -> f.settingValue().equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown frequency"));
    }

    private static GuardDutyProtection protection(String v) {
        return Arrays.stream(GuardDutyProtection.values()).filter(p -> p.settingValue().equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("\"" + v + "\" is not a GuardDuty protection plan"));
    }
}
