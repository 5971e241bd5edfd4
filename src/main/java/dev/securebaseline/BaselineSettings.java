package dev.securebaseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The validated configuration of one environment stack, read by {@link AppSettings} for each
 * configured environment: every value is checked, every problem is collected, and a
 * {@link SettingsException} names them all before a single file is written.
 */
public record BaselineSettings(
        String project,
        Environment environment,
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
        int kmsDeletionWindowDays,
        boolean allowDestroy,
        WebTier web) {

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

    /** A baseline web tier, not a fleet: above this, change the code on purpose. */
    static final int MAX_INSTANCES = 20;

    /** KMS allows 7 to 30 days; production keeps the maximum. */
    static final int MAX_KMS_DELETION_WINDOW_DAYS = 30;

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

    /**
     * The application tier. HTTPS needs a domain the user owns and its Route 53 zone (an id, or a
     * name to look up); without HTTPS the load balancer serves plain HTTP.
     */
    public record WebTier(
            boolean httpsEnabled,
            String domainName,
            Optional<String> hostedZoneId,
            Optional<String> hostedZoneName,
            boolean createDnsRecord,
            String instanceType,
            int minSize,
            int desiredCapacity,
            int maxSize,
            String healthCheckPath,
            int rootVolumeGb,
            boolean deletionProtection,
            int cpuTargetPercent,
            AlarmThresholds alarms) {

        /** Graviton families (t4g, m7g, c7gn, x2gd, im4gn, a1 …) run arm64 AMIs. */
        String architecture() {
            String family = instanceType.substring(0, instanceType.indexOf('.'));
            return family.equals("a1") || family.matches("[a-z]+[0-9]+g[a-z]*(-flex)?") ? "arm64" : "x86_64";
        }
    }

    /** Thresholds of the web tier's operational alarms. */
    public record AlarmThresholds(int unhealthyHosts, int target5xxRatePercent, int alb5xxCount) {
    }

    /**
     * Reads one environment's settings from environment variables (see {@link Setting}); problems are
     * added to {@code problems} and the returned value is then meaningless.
     */
    static BaselineSettings read(Map<String, String> variables, Environment environment, List<String> problems) {
        return new Reader(variables, environment, problems).read();
    }

    /** {@code <project>-<environment>}: the start of every name. */
    String baseName() {
        return project + "-" + environment.id();
    }

    /** Number of NAT gateways the strategy implies. */
    int natGatewayCount() {
        return natStrategy == NatStrategy.PER_AZ ? azCount : 1;
    }

    /** Reads one environment's settings, collecting every problem instead of stopping at the first. */
    static final class Reader {
        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]");
        private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
        private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}");
        private static final Pattern HOSTNAME = Pattern.compile(
                "(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");
        /** RFC 2606 / 6761 names nobody can get a certificate for. */
        private static final Pattern RESERVED_DOMAIN = Pattern.compile(
                "(^|.*\\.)(example\\.(com|net|org)|[^.]+\\.(example|test|invalid|localhost))$");
        private static final Pattern ZONE_ID = Pattern.compile("Z[A-Z0-9]{1,31}");
        private static final Pattern INSTANCE_TYPE = Pattern.compile(
                "[a-z][a-z0-9-]*[0-9][a-z0-9-]*\\.[0-9]*(nano|micro|small|medium|large|xlarge|metal)(-[0-9]+xl)?");
        private static final Pattern HEALTH_PATH = Pattern.compile("/[A-Za-z0-9/_.~-]{0,1023}");

        private final Map<String, String> variables;
        private final Environment environment;
        private final List<String> problems;

        /** {@code environment} may be null for app-wide settings (the bootstrap stack). */
        Reader(Map<String, String> variables, Environment environment, List<String> problems) {
            this.variables = variables;
            this.environment = environment;
            this.problems = problems;
        }

        BaselineSettings read() {
            String project = project();
            if (project.length() + 1 + environment.id().length() > MAX_BASE_NAME_LENGTH) {
                reject(Setting.ENVIRONMENTS.variable(), environment.id(),
                        "\"" + project + "-" + environment.id() + "\" is " + (project.length() + 1 + environment.id().length())
                                + " characters; ALB names (<project>-<environment>-<id>-alb) are limited to 32",
                        "environments whose <project>-<environment> fits in " + MAX_BASE_NAME_LENGTH
                                + " characters, or a shorter " + Setting.PROJECT.variable());
            }
            String region = region(Setting.REGION);
            String owner = owner();

            Cidr vpcCidr = vpcCidr();
            int azCount = integer(Setting.AZ_COUNT, MIN_AZS, MAX_AZS);
            NatStrategy nat = parse(Setting.NAT_STRATEGY, Reader::natStrategy, "single or per-az", NatStrategy.SINGLE);

            StateBackend state = state(project, region);
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
            int kmsWindow = integer(Setting.KMS_DELETION_WINDOW_DAYS, 7, MAX_KMS_DELETION_WINDOW_DAYS);
            if (environment.isProduction() && kmsWindow != MAX_KMS_DELETION_WINDOW_DAYS) {
                reject(Setting.KMS_DELETION_WINDOW_DAYS, String.valueOf(kmsWindow),
                        "production keeps the longest window in which a scheduled key deletion can be cancelled",
                        MAX_KMS_DELETION_WINDOW_DAYS + " in " + environment.id());
            }
            boolean allowDestroy = bool(Setting.ALLOW_DESTROY);
            WebTier web = webTier();

            return new BaselineSettings(project, environment, region, owner, vpcCidr, azCount, nat, state,
                    alarmEmail, albIngress, appPort, ssh, retention, glacierDays, expirationDays, kmsWindow, allowDestroy, web);
        }

        String project() {
            String project = name(Setting.PROJECT, 2, 16);
            if (project.equals("internal") || project.startsWith("internal-")) {
                reject(Setting.PROJECT, project, "load balancer names may not start with \"internal-\"",
                        "a project name that does not start with \"internal\"");
            }
            return project;
        }

        String owner() {
            return parse(Setting.OWNER, v -> require(v, TAG_VALUE.matcher(v).matches(), "not a valid tag value"),
                    "1-256 letters, digits, spaces and _ . : / = + - @", "unknown");
        }

        private WebTier webTier() {
            boolean https = bool(Setting.ENABLE_HTTPS);
            String domain = parse(Setting.DOMAIN_NAME, v -> require(v, v.isEmpty() || HOSTNAME.matcher(v).matches(),
                            "not a valid hostname"),
                    "a lowercase hostname you own, such as app.yourcompany.com", "");
            if (RESERVED_DOMAIN.matcher(domain).matches()) {
                reject(Setting.DOMAIN_NAME, domain, "a reserved name nobody can validate a certificate for",
                        "a domain you own, with its Route 53 hosted zone");
            }
            Optional<String> zoneId = optional(Setting.HOSTED_ZONE_ID, v -> require(v, ZONE_ID.matcher(v).matches(),
                    "not a Route 53 hosted zone id"), "a hosted zone id such as Z0123456789ABCDEFGHIJ");
            Optional<String> zoneName = optional(Setting.HOSTED_ZONE_NAME, v -> require(v, HOSTNAME.matcher(v).matches()
                            && (domain.equals(v) || domain.endsWith("." + v)), "not the domain or one of its parents"),
                    "the public hosted zone that contains " + (domain.isEmpty() ? "DOMAIN_NAME" : domain));
            if (https) {
                httpsPrerequisites(domain, zoneId, zoneName);
            }
            boolean dnsRecord = bool(Setting.CREATE_DNS_RECORD);

            String instanceType = parse(Setting.INSTANCE_TYPE, v -> require(v, INSTANCE_TYPE.matcher(v).matches(),
                    "not a well-formed instance type"), "an EC2 instance type such as t3.micro, m7g.large or c6i.2xlarge", "t3.micro");
            int min = integer(Setting.MIN_SIZE, 0, MAX_INSTANCES);
            int max = integer(Setting.MAX_SIZE, 1, MAX_INSTANCES);
            int desired = integer(Setting.DESIRED_CAPACITY, 0, MAX_INSTANCES);
            if (!(min <= desired && desired <= max)) {
                reject(Setting.DESIRED_CAPACITY, String.valueOf(desired),
                        "needs MIN_SIZE <= DESIRED_CAPACITY <= MAX_SIZE, got " + min + " <= " + desired + " <= " + max,
                        "a desired capacity between " + Setting.MIN_SIZE.variable() + " and " + Setting.MAX_SIZE.variable());
            }
            String healthPath = parse(Setting.HEALTH_CHECK_PATH, v -> require(v, HEALTH_PATH.matcher(v).matches()
                            && !v.contains("..") && !v.contains("//") && (v.equals("/") || !v.endsWith("/")),
                            "not an absolute URL path to a file"),
                    "a path starting with / made of letters, digits and / _ . ~ -, such as /health", "/health");
            int rootGb = integer(Setting.ROOT_VOLUME_GB, 8, 1024);
            boolean deletionProtection = bool(Setting.DELETION_PROTECTION);
            int cpuTarget = integer(Setting.CPU_TARGET_PERCENT, 10, 90);
            AlarmThresholds thresholds = new AlarmThresholds(
                    integer(Setting.UNHEALTHY_HOSTS_THRESHOLD, 1, MAX_INSTANCES),
                    integer(Setting.TARGET_5XX_RATE_PERCENT, 1, 100),
                    integer(Setting.ALB_5XX_THRESHOLD, 1, 10000));
            return new WebTier(https, domain, zoneId, zoneName, dnsRecord, instanceType, min, desired, max, healthPath,
                    rootGb, deletionProtection, cpuTarget, thresholds);
        }

        /** HTTPS is never forced on a user who cannot validate a certificate: it needs a domain and its zone. */
        private void httpsPrerequisites(String domain, Optional<String> zoneId, Optional<String> zoneName) {
            if (domain.isEmpty()) {
                reject(Setting.DOMAIN_NAME, domain, Setting.ENABLE_HTTPS.variable() + "=true needs a domain for the certificate",
                        "a domain you own, such as app.yourcompany.com; or leave " + Setting.ENABLE_HTTPS.variable() + " unset for HTTP only");
            }
            if (zoneId.isEmpty() && zoneName.isEmpty()) {
                reject(Setting.HOSTED_ZONE_ID, "", Setting.ENABLE_HTTPS.variable() + "=true needs the Route 53 zone that validates the certificate",
                        "a hosted zone id in " + Setting.HOSTED_ZONE_ID.variable() + " or a zone name in " + Setting.HOSTED_ZONE_NAME.variable());
            }
            if (zoneId.isPresent() && zoneName.isPresent()) {
                reject(Setting.HOSTED_ZONE_NAME, zoneName.get(), "both a zone id and a zone name are set",
                        "one of " + Setting.HOSTED_ZONE_ID.variable() + " and " + Setting.HOSTED_ZONE_NAME.variable());
            }
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
            return optional(Setting.SSH_CIDR, v -> {
                Cidr cidr = Cidr.parse(v);
                require(cidr, !cidr.equals(Cidr.ANYWHERE), "SSH is never opened to the whole internet");
                return require(cidr, vpc.contains(cidr), "outside the VPC CIDR " + vpc);
            }, accepted);
        }

        private StateBackend state(String project, String region) {
            String bucket = parse(Setting.STATE_BUCKET, v -> require(v, isBucketName(v), "not a valid S3 bucket name"),
                    "an existing S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit",
                    Setting.STATE_BUCKET.defaultValue());
            String derivedKey = project + "/" + environment.id() + "/terraform.tfstate";
            String key = isSet(Setting.STATE_KEY)
                    ? parse(Setting.STATE_KEY, v -> require(v, !v.isEmpty() && !v.startsWith("/") && v.length() <= 1024
                            && !v.contains("//"), "not a usable object key"), "a relative S3 object key such as " + derivedKey, derivedKey)
                    : derivedKey;
            return new StateBackend(bucket, key, stateRegion(region));
        }

        /** The state bucket's region: its own setting, or the stack's region. */
        String stateRegion(String region) {
            return isSet(Setting.STATE_REGION) ? region(Setting.STATE_REGION) : region;
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

        String region(Setting setting) {
            return parse(setting, v -> require(v, AwsRegions.isKnown(v), "unknown region"),
                    "a commercial AWS region name such as us-east-1 or eu-west-1 (" + String.join(", ", AwsRegions.ALL) + ")",
                    Setting.REGION.defaultValue());
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

        private boolean bool(Setting setting) {
            return parse(setting, v -> switch (v) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("not a boolean");
            }, "true or false", false);
        }

        /** An optional value: empty text means absent. */
        private <T> Optional<T> optional(Setting setting, Function<String, T> parser, String accepted) {
            return parse(setting, v -> v.isEmpty() ? Optional.<T>empty() : Optional.of(parser.apply(v)),
                    accepted, Optional.empty());
        }

        /** Parses the setting's value; on failure records the problem and returns {@code fallback}. */
        private <T> T parse(Setting setting, Function<String, T> parser, String accepted, T fallback) {
            String value = raw(setting);
            try {
                return parser.apply(value);
            } catch (NumberFormatException e) {
                reject(variableFor(setting), value, "not a number", accepted);
            } catch (IllegalArgumentException e) {
                reject(variableFor(setting), value, e.getMessage(), accepted);
            }
            return fallback;
        }

        /** Set by the user, for this environment or for all. */
        private boolean isSet(Setting setting) {
            return variables.containsKey(variableFor(setting));
        }

        /** The value: this environment's variable, else the global one, else the environment's default. */
        private String raw(Setting setting) {
            String value = variables.get(variableFor(setting));
            if (value != null) {
                return value.trim();
            }
            return environment == null ? setting.defaultValue() : environment.defaultFor(setting);
        }

        /** The variable that carries the value: {@code BASELINE_PROD_X} if set, else {@code BASELINE_X}. */
        private String variableFor(Setting setting) {
            if (environment != null && !setting.isAppWide() && variables.containsKey(environment.variable(setting))) {
                return environment.variable(setting);
            }
            return setting.variable();
        }

        private void reject(Setting setting, String value, String reason, String accepted) {
            reject(variableFor(setting), value, reason, accepted);
        }

        private void reject(String variable, String value, String reason, String accepted) {
            String problem = variable + "=\"" + value + "\" is not accepted: " + reason + ". Accepted: " + accepted + ".";
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
        }

        private static <T> T require(T value, boolean ok, String reason) {
            if (!ok) {
                throw new IllegalArgumentException(reason);
            }
            return value;
        }
    }
}
