package dev.securebaseline;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
        Optional<String> accountId,
        Optional<String> deployRoleArn,
        Cidr vpcCidr,
        int azCount,
        NatStrategy natStrategy,
        StateBackend state,
        String alarmEmail,
        List<Cidr> albIngressCidrs,
        int appPort,
        Optional<Cidr> sshCidr,
        int logRetentionDays,
        Archive logBuckets,
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

    /** A baseline web tier, not a fleet: above this, change the code on purpose. */
    static final int MAX_INSTANCES = 20;

    /** KMS allows 7 to 30 days; production keeps the maximum. */
    static final int MAX_KMS_DELETION_WINDOW_DAYS = 30;

    /** Security group rules and NACL entries per source: 7 inbound NACL entries plus two per source fit AWS's default 20. */
    static final int MAX_ALB_INGRESS_CIDRS = 6;

    /** A 12-digit AWS account id. */
    static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    /** An IAM role in the commercial partition; group 1 is its account. */
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::([0-9]{12}):role/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");

    public enum NatStrategy {
        SINGLE, PER_AZ;

        String settingValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Where this stack keeps its Terraform state; {@code bucket} is empty until the bootstrap's bucket is named. */
    public record StateBackend(String bucket, String key, String region) {

        boolean hasBucket() {
            return !bucket.isEmpty();
        }
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
            AlarmThresholds alarms,
            Firewall firewall) {

        /** Graviton families (t4g, m7g, c7gn, x2gd, im4gn, a1 …) run arm64 AMIs. */
        String architecture() {
            String family = instanceType.substring(0, instanceType.indexOf('.'));
            return family.equals("a1") || family.matches("[a-z]+[0-9]+g[a-z]*(-flex)?") ? "arm64" : "x86_64";
        }
    }

    /** How long log objects are kept: to Glacier after {@code glacierDays}, gone after {@code expirationDays}. */
    public record Archive(int glacierDays, int expirationDays) {
    }

    /**
     * AWS WAF in front of the load balancer: managed rule groups (in count mode while tuning), a
     * per-IP rate limit over 5 minutes, and the blocked-requests rate that raises the alarm.
     */
    public record Firewall(boolean enabled, int rateLimit, boolean countMode, int blockedRequestsThreshold) {
    }

    /** Thresholds of the web tier's operational alarms. */
    public record AlarmThresholds(int unhealthyHosts, int target5xxRatePercent, int alb5xxCount) {
    }

    /**
     * Reads one environment's settings from environment variables (see {@link Setting}); problems are
     * added to {@code problems} and the returned value is then meaningless.
     */
    static BaselineSettings read(Map<String, String> variables, Environment environment, List<String> problems) {
        return new Reader(new SettingsReader(variables, environment, problems), environment).read();
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
        Reader(SettingsReader reader, Environment environment) {
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
            NatStrategy nat = r.parse(Setting.NAT_STRATEGY, Reader::natStrategy, "single or per-az", NatStrategy.SINGLE);

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
            Optional<String> roleAccount = role.map(Reader::roleAccount);
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
}
