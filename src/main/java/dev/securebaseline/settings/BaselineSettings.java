package dev.securebaseline.settings;

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
    public static final int SUBNET_NEWBITS = 4;
    public static final int PRIVATE_SUBNET_OFFSET = 8;

    /** /23 and a newbits of 4 give /27 subnets, the smallest an Application Load Balancer accepts. */
    static final int MIN_VPC_PREFIX = 16;
    static final int MAX_VPC_PREFIX = 23;

    /**
     * An ALB name is at most 32 characters and is written {@code <project>-<environment>-<id6>-alb},
     * so project and environment together may use 21.
     */
    static final int MAX_BASE_NAME_LENGTH = 21;

    /** CloudWatch Logs accepts only these retention values; CIS and checkov ask for at least a year. */
    public static final List<Integer> LOG_RETENTION_CHOICES =
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

        public boolean hasBucket() {
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
        public String architecture() {
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
        return new EnvironmentReader(new SettingsReader(variables, environment, problems), environment).read();
    }

    /** {@code <project>-<environment>}: the start of every name. */
    public String baseName() {
        return project + "-" + environment.id();
    }

    /**
     * One source the load balancer admits: its place in BASELINE_ALB_INGRESS_CIDRS, and the suffix of the addresses of the
     * rules written for it ({@code ""} when it is the only one, else {@code _1}, {@code _2} …).
     */
    public record IngressSource(int index, String suffix, Cidr cidr) {
    }

    /** The sources of {@link #albIngressCidrs}, each with its index and suffix. */
    public List<IngressSource> albIngressSources() {
        return java.util.stream.IntStream.range(0, albIngressCidrs.size())
                .mapToObj(i -> new IngressSource(i, albIngressCidrs.size() == 1 ? "" : "_" + (i + 1), albIngressCidrs.get(i))).toList();
    }

    /** The environment's provider: pinned to its account when it has one, through its deploy role when it has one. */
    public DeployAccess access() {
        return new DeployAccess(accountId, deployRoleArn, baseName() + "-deploy");
    }

    /** Number of NAT gateways the strategy implies. */
    public int natGatewayCount() {
        return natStrategy == NatStrategy.PER_AZ ? azCount : 1;
    }
}
