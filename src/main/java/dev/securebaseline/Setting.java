package dev.securebaseline;

/**
 * Every setting that shapes the synthesized JSON, with its environment variable and its default.
 *
 * <p>This enum and the {@link Environment} table are the only places defaults live. A default is text
 * parsed by the same code as user input, so a default can never be a value the validation would
 * refuse. An empty default means "derived from other settings" (documented per setting). Every
 * setting but the app-wide ones ({@link #isAppWide()}) can be set for one environment with
 * {@code BASELINE_<ENVIRONMENT>_<SETTING>}.
 */
enum Setting {
    PROJECT("baseline", "Short project name; starts every resource name and the project tag."),
    ENVIRONMENTS("dev,staging,prod", "Comma-separated environments to synthesize, each a stack of its own."),
    REGION("us-east-1", "AWS region of the provider and of everything created."),
    OWNER("platform-team", "Value of the owner tag on every resource."),
    VPC_CIDR("10.0.0.0/16", "VPC IPv4 CIDR: private (RFC 1918), /16 to /23."),
    AZ_COUNT("2", "Number of availability zones (2-6); one public and one private subnet in each."),
    NAT_STRATEGY("single", "`single` (one shared NAT gateway) or `per-az` (one per availability zone)."),
    STATE_BUCKET("baseline-terraform-state", "S3 bucket that holds the Terraform state (must exist before deploy)."),
    STATE_KEY("", "Object key of the state; default `<project>/<environment>/terraform.tfstate`."),
    STATE_REGION("", "Region of the state bucket; default: the stack's region."),
    ALARM_EMAIL("", "Email subscribed to the alarm topic; empty means no subscription. Default of the `alarm_email` variable."),
    ALB_INGRESS_CIDRS("0.0.0.0/0", "Comma-separated CIDRs allowed to reach the load balancer on its listener ports."),
    APP_PORT("8080", "Port the application instances listen on (1024-65535); reachable only from the load balancer."),
    SSH_CIDR("", "CIDR allowed to reach instances on port 22; empty (the default) means no SSH rule. Must lie inside the VPC CIDR."),
    LOG_RETENTION_DAYS("365", "Retention of the trail and flow-log log groups; default of the `log_retention_days` variable."),
    TRAIL_GLACIER_DAYS("90", "Days before trail log objects move to S3 Glacier Flexible Retrieval."),
    TRAIL_EXPIRATION_DAYS("2557", "Days before trail log objects expire (must be at least 90 days after the Glacier transition)."),
    KMS_DELETION_WINDOW_DAYS("30", "Waiting period (7-30 days) before the KMS key is deleted after a destroy; always 30 in prod."),
    ALLOW_DESTROY("false", "`true` lifts prevent_destroy from the audit buckets, key and log groups, to retire an environment on purpose."),
    ENABLE_HTTPS("false", "`true` adds an ACM certificate, a TLS 1.3 listener on 443 and turns port 80 into a redirect; needs DOMAIN_NAME and a hosted zone."),
    DOMAIN_NAME("", "Domain the certificate is issued for; you must own it and its Route 53 hosted zone."),
    HOSTED_ZONE_ID("", "Route 53 public hosted zone id for DNS validation (or set HOSTED_ZONE_NAME)."),
    HOSTED_ZONE_NAME("", "Route 53 public hosted zone looked up by name, e.g. `yourcompany.com` (or set HOSTED_ZONE_ID)."),
    CREATE_DNS_RECORD("true", "With HTTPS: create an alias A record for DOMAIN_NAME pointing at the load balancer."),
    INSTANCE_TYPE("t3.micro", "EC2 instance type; the AMI architecture (x86_64 or arm64 for Graviton) follows it."),
    MIN_SIZE("1", "Auto Scaling group minimum (0-20)."),
    DESIRED_CAPACITY("1", "Auto Scaling group desired capacity at creation (between min and max)."),
    MAX_SIZE("2", "Auto Scaling group maximum (1-20)."),
    HEALTH_CHECK_PATH("/health", "Path the load balancer checks on each instance; must start with `/`."),
    ROOT_VOLUME_GB("8", "Size of the encrypted gp3 root volume (8-1024 GiB)."),
    DELETION_PROTECTION("false", "Load balancer deletion protection, `true` or `false`."),
    CPU_TARGET_PERCENT("50", "Average CPU the target-tracking scaling policy aims for (10-90)."),
    UNHEALTHY_HOSTS_THRESHOLD("1", "Alarm when this many targets are unhealthy for 3 minutes (1-20)."),
    TARGET_5XX_RATE_PERCENT("5", "Alarm when this percentage of requests get a 5xx from the targets over 10 minutes (1-100)."),
    ALB_5XX_THRESHOLD("10", "Alarm when the load balancer itself returns this many 5xx in 5 minutes (1-10000).");

    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** Project and environment list shape the whole app; they cannot differ per environment. */
    boolean isAppWide() {
        return this == PROJECT || this == ENVIRONMENTS;
    }

    /** The environment variable that sets it, e.g. {@code BASELINE_VPC_CIDR}. */
    String variable() {
        return "BASELINE_" + name();
    }

    String defaultValue() {
        return defaultValue;
    }

    String description() {
        return description;
    }
}
