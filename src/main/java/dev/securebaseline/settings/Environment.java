package dev.securebaseline.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Map.entry;

/**
 * The environments the app knows, with their defaults: the one table of environment-aware defaults
 * (docs/settings.md repeats it; a test compares the two). A default here overrides {@link Setting}'s own;
 * {@code BASELINE_<SETTING>} overrides both for every environment, and
 * {@code BASELINE_<ENVIRONMENT>_<SETTING>} overrides everything for one environment.
 */
public enum Environment implements SettingScope {

    DEV(Map.ofEntries(
            entry(Setting.VPC_CIDR, "10.0.0.0/16"),
            entry(Setting.AZ_COUNT, "2"),
            entry(Setting.NAT_STRATEGY, "single"),
            entry(Setting.INSTANCE_TYPE, "t3.micro"),
            entry(Setting.MIN_SIZE, "1"),
            entry(Setting.DESIRED_CAPACITY, "1"),
            entry(Setting.MAX_SIZE, "2"),
            entry(Setting.DELETION_PROTECTION, "false"),
            entry(Setting.LOG_RETENTION_DAYS, "365"),
            entry(Setting.LOG_BUCKET_EXPIRATION_DAYS, "365"),
            entry(Setting.KMS_DELETION_WINDOW_DAYS, "30"),
            entry(Setting.ENABLE_WAF, "false"))),

    STAGING(Map.ofEntries(
            entry(Setting.VPC_CIDR, "10.1.0.0/16"),
            entry(Setting.AZ_COUNT, "2"),
            entry(Setting.NAT_STRATEGY, "single"),
            entry(Setting.INSTANCE_TYPE, "t3.small"),
            entry(Setting.MIN_SIZE, "1"),
            entry(Setting.DESIRED_CAPACITY, "2"),
            entry(Setting.MAX_SIZE, "3"),
            entry(Setting.DELETION_PROTECTION, "false"),
            entry(Setting.LOG_RETENTION_DAYS, "365"),
            entry(Setting.LOG_BUCKET_EXPIRATION_DAYS, "731"),
            entry(Setting.KMS_DELETION_WINDOW_DAYS, "30"),
            entry(Setting.ENABLE_WAF, "false"))),

    // A NAT gateway per zone survives the loss of a zone; two instances survive the loss of one.
    PROD(Map.ofEntries(
            entry(Setting.VPC_CIDR, "10.2.0.0/16"),
            entry(Setting.AZ_COUNT, "3"),
            entry(Setting.NAT_STRATEGY, "per-az"),
            entry(Setting.INSTANCE_TYPE, "t3.medium"),
            entry(Setting.MIN_SIZE, "2"),
            entry(Setting.DESIRED_CAPACITY, "2"),
            entry(Setting.MAX_SIZE, "6"),
            entry(Setting.DELETION_PROTECTION, "true"),
            entry(Setting.LOG_RETENTION_DAYS, "731"),
            entry(Setting.LOG_BUCKET_EXPIRATION_DAYS, "2557"),
            entry(Setting.KMS_DELETION_WINDOW_DAYS, "30"),
            entry(Setting.ENABLE_WAF, "true")));

    /** The settings the table sets, in the order of the table in docs/settings.md. */
    public static final List<Setting> TABLE_COLUMNS = List.of(Setting.VPC_CIDR, Setting.AZ_COUNT, Setting.NAT_STRATEGY,
            Setting.INSTANCE_TYPE, Setting.MIN_SIZE, Setting.DESIRED_CAPACITY, Setting.MAX_SIZE,
            Setting.DELETION_PROTECTION, Setting.LOG_RETENTION_DAYS, Setting.LOG_BUCKET_EXPIRATION_DAYS,
            Setting.KMS_DELETION_WINDOW_DAYS, Setting.ENABLE_WAF);

    private final Map<Setting, String> defaults;

    Environment(Map<Setting, String> defaults) {
        this.defaults = defaults;
    }

    /** {@code dev}, {@code staging}, {@code prod}: the name in stack names, tags and state keys. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean isProduction() {
        return this == PROD;
    }

    /** This environment's default for a setting, or the setting's own default. */
    @Override
    public String defaultFor(Setting setting) {
        return defaults.getOrDefault(setting, setting.defaultValue());
    }

    /** The per-environment variables' prefix, as in {@code BASELINE_PROD_AZ_COUNT}. */
    @Override
    public String prefix() {
        return Setting.PREFIX + name() + "_";
    }

    @Override
    public boolean carries(Setting setting) {
        return setting.scope() == Setting.Scope.ENVIRONMENT;
    }

    @Override
    public String describe() {
        return id();
    }

    static Optional<Environment> find(String id) {
        return Arrays.stream(values()).filter(e -> e.id().equals(id)).findFirst();
    }

    static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Environment::id).toList());
    }
}
