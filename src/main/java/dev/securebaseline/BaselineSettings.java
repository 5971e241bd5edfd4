package dev.securebaseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The validated configuration of one environment stack. Build it with {@link #fromEnvironment(Map)}:
 * every value is checked, every problem is collected, and a {@link SettingsException} names them all
 * before a single file is written.
 */
public record BaselineSettings(
        String project,
        String environment,
        String region,
        String owner,
        Cidr vpcCidr,
        int azCount,
        NatStrategy natStrategy,
        StateBackend state,
        String alarmEmail,
        List<Cidr> albIngressCidrs,
        int appPort,
        Optional<Cidr> sshCidr,
        int logRetentionDays,
        int trailGlacierDays,
        int trailExpirationDays,
        int kmsDeletionWindowDays) {

    /** Availability zones: two for redundancy, six because the subnet layout reserves eight slots per tier. */
    static final int MIN_AZS = 2;
    static final int MAX_AZS = 6;

    /** Subnets are carved with {@code cidrsubnet(vpc, 4, n)}: public at n = i, private at n = 8 + i. */
    static final int SUBNET_NEWBITS = 4;
    static final int PRIVATE_SUBNET_OFFSET = 8;

    /** /23 and a newbits of 4 give /27 subnets, the smallest an Application Load Balancer accepts. */
    static final int MIN_VPC_PREFIX = 16;
    static final int MAX_VPC_PREFIX = 23;

    /**
     * An ALB name is at most 32 characters and is written {@code <project>-<environment>-<id6>-alb},
     * so project and environment together may use 21.
     */
    static final int MAX_BASE_NAME_LENGTH = 21;

    /** CloudWatch Logs accepts only these retention values; CIS and checkov ask for at least a year. */
    static final List<Integer> LOG_RETENTION_CHOICES =
            List.of(365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    /** Objects in Glacier Flexible Retrieval are billed for at least 90 days. */
    static final int GLACIER_MINIMUM_DAYS = 90;

    static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");

    public enum NatStrategy {
        SINGLE, PER_AZ;

        String settingValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Where this stack keeps its Terraform state. */
    public record StateBackend(String bucket, String key, String region) {
    }

    /** Reads the settings from environment variables (see {@link Setting}); unset ones take their default. */
    public static BaselineSettings fromEnvironment(Map<String, String> env) {
        return new Reader(env).read();
    }

    /** {@code <project>-<environment>}: the start of every name. */
    String baseName() {
        return project + "-" + environment;
    }

    /** Number of NAT gateways the strategy implies. */
    int natGatewayCount() {
        return natStrategy == NatStrategy.PER_AZ ? azCount : 1;
    }

    /** Collects every problem, then fails once; the record is only built from clean input. */
    private static final class Reader {
        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]");
        private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
        private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}");

        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        BaselineSettings read() {
            String project = name(Setting.PROJECT, 2, 12);
            String environment = name(Setting.ENVIRONMENT, 2, 10);
            if (project.length() + 1 + environment.length() > MAX_BASE_NAME_LENGTH) {
                reject(Setting.ENVIRONMENT, environment,
                        "\"" + project + "-" + environment + "\" is " + (project.length() + 1 + environment.length())
                                + " characters; ALB names (<project>-<environment>-<id>-alb) are limited to 32",
                        "an environment name that keeps <project>-<environment> within " + MAX_BASE_NAME_LENGTH + " characters");
            }
            String region = region(Setting.REGION, raw(Setting.REGION));
            String owner = parse(Setting.OWNER, v -> require(v, TAG_VALUE.matcher(v).matches(), "not a valid tag value"),
                    "1-256 letters, digits, spaces and _ . : / = + - @", "unknown");

            Cidr vpcCidr = vpcCidr();
            int azCount = integer(Setting.AZ_COUNT, MIN_AZS, MAX_AZS);
            NatStrategy nat = parse(Setting.NAT_STRATEGY, Reader::natStrategy, "single or per-az", NatStrategy.SINGLE);

            StateBackend state = state(project, environment, region);
            String alarmEmail = parse(Setting.ALARM_EMAIL,
                    v -> require(v, v.isEmpty() || EMAIL.matcher(v).matches(), "not an email address"),
                    "an email address such as ops@yourcompany.com, or empty for no subscription", "");
            List<Cidr> albIngress = parse(Setting.ALB_INGRESS_CIDRS, Reader::cidrList,
                    "one or more comma-separated IPv4 CIDRs such as 0.0.0.0/0 or 203.0.113.0/24,198.51.100.0/24",
                    List.of(Cidr.ANYWHERE));
            int appPort = integer(Setting.APP_PORT, 1024, 65535);
            Optional<Cidr> ssh = sshCidr(vpcCidr);

            int retention = parse(Setting.LOG_RETENTION_DAYS,
                    v -> require(Integer.parseInt(v), LOG_RETENTION_CHOICES.contains(Integer.parseInt(v)),
                            "CloudWatch Logs does not offer it, or it is under a year"),
                    "one of " + LOG_RETENTION_CHOICES, 365);
            int glacierDays = integer(Setting.TRAIL_GLACIER_DAYS, 30, 3650);
            int expirationDays = integer(Setting.TRAIL_EXPIRATION_DAYS, 365, 36500);
            if (expirationDays < glacierDays + GLACIER_MINIMUM_DAYS) {
                reject(Setting.TRAIL_EXPIRATION_DAYS, String.valueOf(expirationDays),
                        "objects would leave Glacier before its 90-day minimum storage period",
                        "at least " + (glacierDays + GLACIER_MINIMUM_DAYS) + " (" + Setting.TRAIL_GLACIER_DAYS.variable() + " + 90)");
            }
            int kmsWindow = integer(Setting.KMS_DELETION_WINDOW_DAYS, 7, 30);

            if (!problems.isEmpty()) {
                throw new SettingsException(problems);
            }
            return new BaselineSettings(project, environment, region, owner, vpcCidr, azCount, nat, state,
                    alarmEmail, albIngress, appPort, ssh, retention, glacierDays, expirationDays, kmsWindow);
        }

        private Cidr vpcCidr() {
            String accepted = "a private IPv4 network (inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) with a prefix from /"
                    + MIN_VPC_PREFIX + " to /" + MAX_VPC_PREFIX + ", e.g. 10.0.0.0/16";
            return parse(Setting.VPC_CIDR, v -> {
                Cidr cidr = Cidr.parse(v);
                require(cidr, cidr.isPrivate(), "not a private (RFC 1918) range");
                require(cidr, cidr.prefix() >= MIN_VPC_PREFIX, "AWS allows VPCs of /16 at most");
                require(cidr, cidr.prefix() <= MAX_VPC_PREFIX,
                        "too small: subnets are /(n+4) and an ALB subnet must be at least /27");
                return cidr;
            }, accepted, Cidr.parse(Setting.VPC_CIDR.defaultValue()));
        }

        private Optional<Cidr> sshCidr(Cidr vpc) {
            String accepted = "empty (no SSH, the default) or a CIDR inside the VPC CIDR " + vpc
                    + "; use SSM Session Manager for access from outside";
            return parse(Setting.SSH_CIDR, v -> {
                if (v.isEmpty()) {
                    return Optional.<Cidr>empty();
                }
                Cidr cidr = Cidr.parse(v);
                require(cidr, !cidr.equals(Cidr.ANYWHERE), "SSH is never opened to the whole internet");
                require(cidr, vpc.contains(cidr), "outside the VPC CIDR " + vpc);
                return Optional.of(cidr);
            }, accepted, Optional.empty());
        }

        private StateBackend state(String project, String environment, String region) {
            String bucket = parse(Setting.STATE_BUCKET, v -> require(v, isBucketName(v), "not a valid S3 bucket name"),
                    "an existing S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit",
                    Setting.STATE_BUCKET.defaultValue());
            String keyRaw = raw(Setting.STATE_KEY);
            String key = keyRaw.isEmpty() && !env.containsKey(Setting.STATE_KEY.variable())
                    ? project + "/" + environment + "/terraform.tfstate"
                    : parse(Setting.STATE_KEY, v -> require(v, !v.isEmpty() && !v.startsWith("/") && v.length() <= 1024
                            && !v.contains("//"), "not a usable object key"),
                    "a relative S3 object key such as " + project + "/" + environment + "/terraform.tfstate", "");
            String stateRegionRaw = raw(Setting.STATE_REGION);
            String stateRegion = stateRegionRaw.isEmpty() && !env.containsKey(Setting.STATE_REGION.variable())
                    ? region
                    : region(Setting.STATE_REGION, stateRegionRaw);
            return new StateBackend(bucket, key, stateRegion);
        }

        private static boolean isBucketName(String v) {
            return BUCKET.matcher(v).matches() && !v.contains("..") && !v.contains(".-") && !v.contains("-.")
                    && !v.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") && !v.startsWith("xn--") && !v.endsWith("-s3alias");
        }

        private static List<Cidr> cidrList(String v) {
            List<Cidr> cidrs = new ArrayList<>();
            for (String item : v.split(",")) {
                Cidr cidr = Cidr.parse(item.trim());
                if (cidrs.contains(cidr)) {
                    throw new IllegalArgumentException(cidr + " is listed twice");
                }
                cidrs.add(cidr);
            }
            return List.copyOf(cidrs);
        }

        private static NatStrategy natStrategy(String v) {
            for (NatStrategy strategy : NatStrategy.values()) {
                if (strategy.settingValue().equals(v)) {
                    return strategy;
                }
            }
            throw new IllegalArgumentException("unknown strategy");
        }

        private String region(Setting setting, String value) {
            if (AwsRegions.isKnown(value)) {
                return value;
            }
            reject(setting, value, "unknown region", "a commercial AWS region name such as us-east-1 or eu-west-1 ("
                    + String.join(", ", AwsRegions.ALL) + ")");
            return Setting.REGION.defaultValue();
        }

        private String name(Setting setting, int min, int max) {
            return parse(setting, v -> require(v, v.length() >= min && v.length() <= max && NAME.matcher(v).matches(),
                            "not a valid name"),
                    min + "-" + max + " characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen",
                    setting.defaultValue());
        }

        private int integer(Setting setting, int min, int max) {
            return parse(setting, v -> {
                int n = Integer.parseInt(v);
                return require(n, n >= min && n <= max, "out of range");
            }, "a whole number from " + min + " to " + max, Integer.parseInt(setting.defaultValue()));
        }

        /** Parses the setting's value; on failure records the problem and returns {@code fallback}. */
        private <T> T parse(Setting setting, Function<String, T> parser, String accepted, T fallback) {
            String value = raw(setting);
            try {
                return parser.apply(value);
            } catch (NumberFormatException e) {
                reject(setting, value, "not a number", accepted);
            } catch (IllegalArgumentException e) {
                reject(setting, value, e.getMessage(), accepted);
            }
            return fallback;
        }

        private String raw(Setting setting) {
            String value = env.get(setting.variable());
            return value == null ? setting.defaultValue() : value.trim();
        }

        private void reject(Setting setting, String value, String reason, String accepted) {
            problems.add(setting.variable() + "=\"" + value + "\" is not accepted: " + reason + ". Accepted: " + accepted + ".");
        }

        private static <T> T require(T value, boolean ok, String reason) {
            if (!ok) {
                throw new IllegalArgumentException(reason);
            }
            return value;
        }
    }
}
