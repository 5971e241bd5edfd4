package dev.securebaseline.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The supported configurations every policy test runs against, by name: environment stacks, HTTP and HTTPS,
 * NAT shared and per zone, WAF blocking and counting; their account stacks guard seventeen regions, or two.
 */
public final class Configurations {

    private Configurations() {
    }

    public static final String HTTP_SINGLE_NAT = "HTTP, single NAT (defaults)";
    static final String HTTP_NAT_PER_ZONE = "HTTP, NAT per zone, WAF in count mode";
    static final String HTTPS_SINGLE_NAT = "HTTPS, single NAT";
    public static final String HTTPS_NAT_PER_ZONE = "HTTPS, NAT per zone, production";

    /** A detector the account of the production configuration already has in eu-west-1. */
    private static final String ADOPTED_DETECTOR = "0123456789abcdef0123456789abcdef";

    public static final Map<String, String> HTTPS_WITH_ZONE_ID = Map.ofEntries(
            Map.entry("BASELINE_ENABLE_HTTPS", "true"),
            Map.entry("BASELINE_DOMAIN_NAME", "app.acme-corp.io"),
            Map.entry("BASELINE_HOSTED_ZONE_ID", "Z0123456789ABCDEFGHIJ"),
            Map.entry("BASELINE_NAT_STRATEGY", "per-az"),
            Map.entry("BASELINE_AZ_COUNT", "3"),
            Map.entry("BASELINE_ENVIRONMENTS", "prod"),
            Map.entry("BASELINE_MIN_SIZE", "2"),
            Map.entry("BASELINE_DESIRED_CAPACITY", "2"),
            Map.entry("BASELINE_MAX_SIZE", "6"),
            Map.entry("BASELINE_PROD_ACCOUNT_ID", Layouts.PROD_ACCOUNT),
            Map.entry("BASELINE_PROD_DEPLOY_ROLE_ARN", Layouts.PROD_DEPLOY_ROLE),
            Map.entry("BASELINE_GUARDRAIL_REGIONS", "us-east-1,eu-west-1"),
            Map.entry("BASELINE_CONFIG_RECORDING_FREQUENCY", "daily"),
            Map.entry("BASELINE_GUARDDUTY_PROTECTIONS",
                    "eks-audit-logs,ebs-malware-protection,rds-login-events,lambda-network-logs,runtime-monitoring"),
            Map.entry("BASELINE_PASSWORD_MAX_AGE_DAYS", "90"),
            Map.entry("BASELINE_TRAIL_LOG_RETENTION_DAYS", "731"),
            Map.entry("BASELINE_TRAIL_DATA_EVENTS", "s3,lambda"),
            Map.entry("BASELINE_UNUSED_ACCESS_ANALYZER", "true"),
            Map.entry("BASELINE_SECURITY_CONTACT_EMAIL", "security@acme-corp.io"),
            Map.entry("BASELINE_SECURITY_CONTACT_PHONE", "+1 206 555 0100"),
            Map.entry("BASELINE_ADOPT_GUARDDUTY_DETECTORS", "eu-west-1=" + ADOPTED_DETECTOR),
            Map.entry("BASELINE_ADOPT_SECURITY_HUB", "eu-west-1"),
            Map.entry("BASELINE_ADOPT_ACCESS_ANALYZERS", "eu-west-1=ConsoleAnalyzer-1a2b"));

    private static final Map<String, Map<String, String>> ALL = new LinkedHashMap<>();

    static {
        ALL.put(HTTP_SINGLE_NAT, Map.of());
        ALL.put(HTTP_NAT_PER_ZONE, Map.of("BASELINE_AZ_COUNT", "3", "BASELINE_NAT_STRATEGY", "per-az",
                "BASELINE_ENABLE_WAF", "true", "BASELINE_WAF_COUNT_MODE", "true"));
        ALL.put(HTTPS_SINGLE_NAT, Map.of(
                "BASELINE_ENABLE_HTTPS", "true",
                "BASELINE_DOMAIN_NAME", "shop.acme-corp.io",
                "BASELINE_HOSTED_ZONE_NAME", "acme-corp.io"));
        ALL.put(HTTPS_NAT_PER_ZONE, HTTPS_WITH_ZONE_ID);
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static Map<String, String> settings(String name) {
        return ALL.get(name);
    }

    public static Synthesized synthesized(String name) {
        return Synth.of(settings(name));
    }

    /** Every stack of every configuration (its environment's and its account's), by a label naming both. */
    public static Map<String, Synthesized> stacks() {
        Map<String, Synthesized> stacks = new LinkedHashMap<>();
        for (String name : names()) {
            stacks.put(name, synthesized(name));
            stacks.put(name + ", account stack", account(name));
        }
        return stacks;
    }

    /** The account stack synthesized with the configuration's environment. */
    public static Synthesized account(String name) {
        return Synth.accountOf(settings(name));
    }

    /**
     * Every configuration the project supports, by label: each varies the environment and the account
     * settings. They carry the account baseline in a region or two; its seventeen-region form is what
     * the layouts carry.
     */
    public static final String SIX_ZONES = "six zones, NAT per zone, SSH inside the VPC, six ALB sources, one guardrail region adopting its Config recorder and channel";

    public static Map<String, Map<String, String>> everyOption() {
        Map<String, Map<String, String>> configurations = new LinkedHashMap<>();
        configurations.put(SIX_ZONES, Map.of(
                "BASELINE_ENABLE_WAF", "true",
                "BASELINE_WAF_COUNT_MODE", "true",
                "BASELINE_AZ_COUNT", "6",
                "BASELINE_NAT_STRATEGY", "per-az",
                "BASELINE_SSH_CIDR", "10.0.0.0/24",
                "BASELINE_ALB_INGRESS_CIDRS", "203.0.113.0/24,198.51.100.0/24,192.0.2.0/24,100.64.0.0/16,100.65.0.0/16,100.66.0.0/16",
                "BASELINE_ALARM_EMAIL", "ops@yourcompany.com",
                "BASELINE_GUARDRAIL_REGIONS", "us-east-1",
                "BASELINE_ADOPT_CONFIG_RECORDERS", "us-east-1=console-recorder",
                "BASELINE_ADOPT_CONFIG_DELIVERY_CHANNELS", "us-east-1=console-channel"));
        configurations.put("HTTPS with a zone id, NAT per zone, production in its own account through a role, every guardrail option, adopting what eu-west-1 runs", HTTPS_WITH_ZONE_ID);
        configurations.put("HTTPS with a zone looked up by name, Graviton in opt-in eu-central-2, services the Organization runs", Map.of(
                "BASELINE_ENABLE_HTTPS", "true",
                "BASELINE_DOMAIN_NAME", "shop.acme-corp.io",
                "BASELINE_HOSTED_ZONE_NAME", "acme-corp.io",
                "BASELINE_CREATE_DNS_RECORD", "false",
                "BASELINE_INSTANCE_TYPE", "t4g.small",
                "BASELINE_REGION", "eu-central-2",
                "BASELINE_GUARDRAIL_REGIONS", "eu-central-2",
                "BASELINE_MANAGE_CONFIG", "false",
                "BASELINE_MANAGE_GUARDDUTY", "false"));
        return configurations;
    }
}
