package dev.securebaseline.settings;

import dev.securebaseline.settings.BaselineSettings.AlarmThresholds;
import dev.securebaseline.settings.BaselineSettings.Archive;
import dev.securebaseline.settings.BaselineSettings.Firewall;
import dev.securebaseline.settings.BaselineSettings.NatStrategy;
import dev.securebaseline.settings.BaselineSettings.StateBackend;
import dev.securebaseline.settings.BaselineSettings.WebTier;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.securebaseline.settings.BaselineSettings.ACCOUNT_ID;
import static dev.securebaseline.settings.BaselineSettings.MAX_ALB_INGRESS_CIDRS;
import static dev.securebaseline.settings.BaselineSettings.MAX_AZS;
import static dev.securebaseline.settings.BaselineSettings.MAX_BASE_NAME_LENGTH;
import static dev.securebaseline.settings.BaselineSettings.MAX_INSTANCES;
import static dev.securebaseline.settings.BaselineSettings.MAX_KMS_DELETION_WINDOW_DAYS;
import static dev.securebaseline.settings.BaselineSettings.MAX_VPC_PREFIX;
import static dev.securebaseline.settings.BaselineSettings.MIN_AZS;
import static dev.securebaseline.settings.BaselineSettings.MIN_VPC_PREFIX;
import static dev.securebaseline.settings.BaselineSettings.ROLE_ARN;

/**
 * Reads one environment's settings ({@link BaselineSettings}), collecting every problem instead of stopping at the first;
 * with no environment, the settings every stack of the app shares.
 */
final class EnvironmentReader {
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

    private final SettingsReader r;
    private final Environment environment;

    /** {@code environment} may be null for app-wide settings (the bootstrap and account stacks). */
    EnvironmentReader(SettingsReader reader, Environment environment) {
        this.r = reader;
        this.environment = environment;
    }

    BaselineSettings read() {
        String project = project();
        if (project.length() + 1 + environment.id().length() > MAX_BASE_NAME_LENGTH) {
            r.reject(Setting.PROJECT, project, "with the environment " + environment.id() + ", \"" + project + "-" + environment.id() + "\" is "
                            + (project.length() + 1 + environment.id().length()) + " characters; ALB names (<project>-<environment>-<id>-alb) "
                            + "are limited to 32, which leaves " + MAX_BASE_NAME_LENGTH + " for <project>-<environment>",
                    "a project name of at most " + (MAX_BASE_NAME_LENGTH - 1 - environment.id().length()) + " characters with "
                            + environment.id() + ", or fewer environments (" + Setting.ENVIRONMENTS.variable() + ")");
        }
        String region = r.region(Setting.REGION);
        String owner = owner();
        Optional<String> deployRole = deployRole(r);
        Optional<String> accountId = accountId(r, deployRole);

        Cidr vpcCidr = vpcCidr();
        int azCount = r.integer(Setting.AZ_COUNT, MIN_AZS, MAX_AZS);
        NatStrategy nat = r.parse(Setting.NAT_STRATEGY, EnvironmentReader::natStrategy, "single or per-az", NatStrategy.SINGLE);

        StateBackend state = state(project, region);
        String alarmEmail = r.email(Setting.ALARM_EMAIL, "an email address such as ops@yourcompany.com, or empty for no subscription");
        List<Cidr> albIngress = r.list(Setting.ALB_INGRESS_CIDRS, Cidr::parse, false,
                "one to " + MAX_ALB_INGRESS_CIDRS + " comma-separated IPv4 CIDRs such as 0.0.0.0/0 or 203.0.113.0/24,198.51.100.0/24",
                List.of(Cidr.ANYWHERE));
        if (albIngress.size() > MAX_ALB_INGRESS_CIDRS) {
            r.reject(Setting.ALB_INGRESS_CIDRS, r.raw(Setting.ALB_INGRESS_CIDRS), albIngress.size() + " CIDRs would need "
                    + (7 + 2 * albIngress.size()) + " inbound entries in the public network ACL, and AWS allows 20",
                    "at most " + MAX_ALB_INGRESS_CIDRS + " CIDRs; summarize them into larger ranges");
        }
        int appPort = r.integer(Setting.APP_PORT, 1024, 65535);
        Optional<Cidr> ssh = sshCidr(vpcCidr);

        int retention = r.logRetentionDays(Setting.LOG_RETENTION_DAYS);
        Archive logBuckets = r.archive(Setting.LOG_BUCKET_GLACIER_DAYS, Setting.LOG_BUCKET_EXPIRATION_DAYS);
        int kmsWindow = r.integer(Setting.KMS_DELETION_WINDOW_DAYS, 7, MAX_KMS_DELETION_WINDOW_DAYS);
        if (environment.isProduction() && kmsWindow != MAX_KMS_DELETION_WINDOW_DAYS) {
            r.reject(Setting.KMS_DELETION_WINDOW_DAYS, String.valueOf(kmsWindow),
                    "production keeps the longest window in which a scheduled key deletion can be cancelled",
                    MAX_KMS_DELETION_WINDOW_DAYS + " in " + environment.id() + "; a shorter window for the environments that may have one"
                            + ", such as " + Environment.DEV.variable(Setting.KMS_DELETION_WINDOW_DAYS) + "=7");
        }
        boolean allowDestroy = r.bool(Setting.ALLOW_DESTROY);
        WebTier web = webTier();

        return new BaselineSettings(project, environment, region, owner, accountId, deployRole, vpcCidr, azCount, nat, state,
                alarmEmail, albIngress, appPort, ssh, retention, logBuckets, kmsWindow, allowDestroy, web);
    }

    String project() {
        String project = r.name(Setting.PROJECT, 2, 16);
        if (project.equals("internal") || project.startsWith("internal-")) {
            r.reject(Setting.PROJECT, project, "load balancer names may not start with \"internal-\"",
                    "a project name that does not start with \"internal\"");
        }
        return project;
    }

    String owner() {
        return r.parse(Setting.OWNER, v -> SettingsReader.require(v, TAG_VALUE.matcher(v).matches(), "not a valid tag value"),
                "1-256 letters, digits, spaces and _ . : / = + - @", "unknown");
    }

    private WebTier webTier() {
        boolean https = r.bool(Setting.ENABLE_HTTPS);
        String given = r.parse(Setting.DOMAIN_NAME, v -> SettingsReader.require(v, v.isEmpty() || HOSTNAME.matcher(v).matches(),
                        "not a valid hostname"),
                "a lowercase hostname you own, such as app.yourcompany.com", "");
        if (RESERVED_DOMAIN.matcher(given).matches()) {
            r.reject(Setting.DOMAIN_NAME, given, "a reserved name nobody can validate a certificate for",
                    "a domain you own, with its Route 53 hosted zone");
        }
        // One domain for every environment: production serves it, the others a subdomain each, so that no two
        // environments write one record name into one zone.
        String domain = given.isEmpty() || r.isSetForThisScope(Setting.DOMAIN_NAME) || environment.isProduction()
                ? given : environment.id() + "." + given;
        Optional<String> zoneId = r.optional(Setting.HOSTED_ZONE_ID, v -> SettingsReader.require(v, ZONE_ID.matcher(v).matches(),
                "not a Route 53 hosted zone id"), "a hosted zone id such as Z0123456789ABCDEFGHIJ");
        // Without a domain (refused or missing, and reported as such) there is nothing for the zone to contain.
        Optional<String> zoneName = r.optional(Setting.HOSTED_ZONE_NAME, v -> SettingsReader.require(v, HOSTNAME.matcher(v).matches()
                        && (domain.isEmpty() || domain.equals(v) || domain.endsWith("." + v)), "not the domain or one of its parents"),
                domain.isEmpty() ? "the name of a public hosted zone, such as yourcompany.com" : "the public hosted zone that contains " + domain);
        if (https) {
            httpsPrerequisites(domain, zoneId, zoneName);
        }
        boolean dnsRecord = r.bool(Setting.CREATE_DNS_RECORD);

        String instanceType = r.parse(Setting.INSTANCE_TYPE, v -> SettingsReader.require(v, INSTANCE_TYPE.matcher(v).matches(),
                "not a well-formed instance type"), "an EC2 instance type such as t3.micro, m7g.large or c6i.2xlarge", "t3.micro");
        int min = r.integer(Setting.MIN_SIZE, 0, MAX_INSTANCES);
        int max = r.integer(Setting.MAX_SIZE, 1, MAX_INSTANCES);
        int desired = desiredCapacity(min, max);
        String healthPath = r.parse(Setting.HEALTH_CHECK_PATH, v -> SettingsReader.require(v, HEALTH_PATH.matcher(v).matches()
                        && !v.contains("..") && !v.contains("//") && (v.equals("/") || !v.endsWith("/")),
                        "not an absolute URL path to a file"),
                "a path starting with / made of letters, digits and / _ . ~ -, such as /health", "/health");
        int rootGb = r.integer(Setting.ROOT_VOLUME_GB, 8, 1024);
        boolean deletionProtection = r.bool(Setting.DELETION_PROTECTION);
        int cpuTarget = r.integer(Setting.CPU_TARGET_PERCENT, 10, 90);
        AlarmThresholds thresholds = new AlarmThresholds(
                r.integer(Setting.UNHEALTHY_HOSTS_THRESHOLD, 1, MAX_INSTANCES),
                r.integer(Setting.TARGET_5XX_RATE_PERCENT, 1, 100),
                r.integer(Setting.ALB_5XX_THRESHOLD, 1, 10000));
        Firewall firewall = new Firewall(r.bool(Setting.ENABLE_WAF), r.integer(Setting.WAF_RATE_LIMIT, 100, 2_000_000_000),
                r.bool(Setting.WAF_COUNT_MODE), r.integer(Setting.WAF_BLOCKED_REQUESTS_THRESHOLD, 1, 1_000_000));
        return new WebTier(https, domain, zoneId, zoneName, dnsRecord, instanceType, min, desired, max, healthPath,
                rootGb, deletionProtection, cpuTarget, thresholds, firewall);
    }

    /**
     * HTTPS is never forced on a user who cannot validate a certificate: it needs a domain and its zone. What is missing
     * is reported once, on the switch the user set; a domain or zone given but refused is reported as such, not again.
     */
    private void httpsPrerequisites(String domain, Optional<String> zoneId, Optional<String> zoneName) {
        List<String> missing = new java.util.ArrayList<>();
        if (domain.isEmpty() && r.raw(Setting.DOMAIN_NAME).isEmpty()) {
            missing.add("a domain for the certificate (" + r.variableFor(Setting.DOMAIN_NAME) + ")");
        }
        if (zoneId.isEmpty() && zoneName.isEmpty() && r.raw(Setting.HOSTED_ZONE_ID).isEmpty() && r.raw(Setting.HOSTED_ZONE_NAME).isEmpty()) {
            missing.add("the Route 53 zone that validates it (" + r.variableFor(Setting.HOSTED_ZONE_ID) + " or "
                    + r.variableFor(Setting.HOSTED_ZONE_NAME) + ")");
        }
        if (!missing.isEmpty()) {
            r.reject(Setting.ENABLE_HTTPS, r.raw(Setting.ENABLE_HTTPS), "HTTPS needs " + String.join(" and ", missing) + ", and "
                            + (missing.size() == 1 ? "it is" : "they are") + " not set",
                    "a domain you own and its zone beside it, such as app.yourcompany.com in Z0123456789ABCDEFGHIJ; or HTTP only (no "
                            + r.variableFor(Setting.ENABLE_HTTPS) + ")");
        }
        if (zoneId.isPresent() && zoneName.isPresent()) {
            r.reject(Setting.HOSTED_ZONE_NAME, zoneName.get(), "both a zone id and a zone name are set",
                    "one of " + Setting.HOSTED_ZONE_ID.variable() + " and " + Setting.HOSTED_ZONE_NAME.variable());
        }
    }

    private Cidr vpcCidr() {
        String accepted = "a private IPv4 network (inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) with a prefix from /"
                + MIN_VPC_PREFIX + " to /" + MAX_VPC_PREFIX + ", e.g. 10.0.0.0/16";
        return r.parse(Setting.VPC_CIDR, v -> {
            Cidr cidr = Cidr.parse(v);
            SettingsReader.require(cidr, cidr.isPrivate(), "not a private (RFC 1918) range");
            SettingsReader.require(cidr, cidr.prefix() >= MIN_VPC_PREFIX, "AWS allows VPCs of /16 at most");
            SettingsReader.require(cidr, cidr.prefix() <= MAX_VPC_PREFIX,
                    "too small: subnets are /(n+4) and an ALB subnet must be at least /27");
            return cidr;
        }, accepted, Cidr.parse(environment.defaultFor(Setting.VPC_CIDR)));
    }

    /**
     * A minimum above the maximum blames the pair. The desired capacity, when not given, is the environment's
     * default brought within the pair (a minimum of 3 raises dev's default of 1 to 3); given, it must lie within.
     */
    private int desiredCapacity(int min, int max) {
        if (min > max) {
            r.reject(Setting.MIN_SIZE, String.valueOf(min), "above the maximum, " + r.variableFor(Setting.MAX_SIZE) + "=" + max
                            + (r.isSet(Setting.MAX_SIZE) ? "" : " (the default)"),
                    "a minimum no greater than the maximum: lower " + r.variableFor(Setting.MIN_SIZE) + " or raise " + r.variableFor(Setting.MAX_SIZE));
            return min;
        }
        int desired = r.integer(Setting.DESIRED_CAPACITY, 0, MAX_INSTANCES);
        if (!r.isSet(Setting.DESIRED_CAPACITY)) {
            return Math.max(min, Math.min(max, desired));
        }
        if (desired < min || desired > max) {
            r.reject(Setting.DESIRED_CAPACITY, String.valueOf(desired), "outside the group's size, " + min + " to " + max,
                    "a desired capacity from " + r.variableFor(Setting.MIN_SIZE) + " to " + r.variableFor(Setting.MAX_SIZE));
        }
        return desired;
    }

    private Optional<Cidr> sshCidr(Cidr vpc) {
        String accepted = "empty (no SSH, the default) or a CIDR inside the VPC CIDR " + vpc
                + "; use SSM Session Manager for access from outside";
        return r.optional(Setting.SSH_CIDR, v -> {
            Cidr cidr = Cidr.parse(v);
            SettingsReader.require(cidr, !cidr.equals(Cidr.ANYWHERE), "SSH is never opened to the whole internet");
            return SettingsReader.require(cidr, vpc.contains(cidr), "outside the VPC CIDR " + vpc);
        }, accepted);
    }

    /** The state bucket: the bootstrap's {@code state_bucket} output, or empty while it is not deployed. */
    String stateBucket() {
        return r.parse(Setting.STATE_BUCKET, v -> SettingsReader.require(v, v.isEmpty() || isBucketName(v), "not a valid S3 bucket name"),
                "the bootstrap stack's state_bucket output: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit",
                Setting.STATE_BUCKET.defaultValue());
    }

    private StateBackend state(String project, String region) {
        String bucket = stateBucket();
        String derivedKey = project + "/" + environment.id() + "/terraform.tfstate";
        String key = r.isSet(Setting.STATE_KEY)
                ? r.parse(Setting.STATE_KEY, v -> SettingsReader.require(v, !v.isEmpty() && !v.startsWith("/") && v.length() <= 1024
                        && !v.contains("//"), "not a usable object key"), "a relative S3 object key such as " + derivedKey, derivedKey)
                : derivedKey;
        return new StateBackend(bucket, key, stateRegion(region));
    }

    /** The state bucket's region: its own setting, or the stack's region. */
    String stateRegion(String region) {
        return r.isSet(Setting.STATE_REGION) ? r.region(Setting.STATE_REGION) : region;
    }

    private static boolean isBucketName(String v) {
        return BUCKET.matcher(v).matches() && !v.contains("..") && !v.contains(".-") && !v.contains("-.")
                && !v.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") && !v.startsWith("xn--") && !v.endsWith("-s3alias");
    }

    private static NatStrategy natStrategy(String v) {
        for (NatStrategy strategy : NatStrategy.values()) {
            if (strategy.settingValue().equals(v)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown strategy");
    }

    /** The environment's account: its id, else the account of its deploy role, else the implicit account. */
    static Optional<String> accountOf(SettingsReader r) {
        return accountId(r, deployRole(r));
    }

    private static Optional<String> accountId(SettingsReader r, Optional<String> role) {
        Optional<String> id = r.optional(Setting.ACCOUNT_ID, v -> SettingsReader.require(v, ACCOUNT_ID.matcher(v).matches(),
                "not a 12-digit AWS account id"), "the 12-digit id of the environment's AWS account, such as 111122223333, or empty");
        Optional<String> roleAccount = role.map(EnvironmentReader::roleAccount);
        if (id.isPresent() && roleAccount.isPresent() && !id.equals(roleAccount)) {
            r.reject(Setting.DEPLOY_ROLE_ARN, role.get(), "the role is in account " + roleAccount.get() + ", not in "
                    + id.get() + " (" + r.variableFor(Setting.ACCOUNT_ID) + ")", "a role in the account the environment deploys into");
        }
        return id.isPresent() ? id : roleAccount;
    }

    private static Optional<String> deployRole(SettingsReader r) {
        return r.optional(Setting.DEPLOY_ROLE_ARN, v -> SettingsReader.require(v, ROLE_ARN.matcher(v).matches(),
                "not an IAM role ARN"), "an IAM role ARN such as arn:aws:iam::111122223333:role/baseline-deploy, or empty");
    }

    static String roleAccount(String roleArn) {
        java.util.regex.Matcher m = ROLE_ARN.matcher(roleArn);
        return m.matches() ? m.group(1) : "";
    }
}
