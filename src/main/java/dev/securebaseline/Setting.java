package dev.securebaseline;

/**
 * Every setting that shapes the synthesized JSON, with its environment variable and its default.
 *
 * <p>This enum is the one place defaults live. A default is text parsed by the same code as user
 * input, so a default can never be a value the validation would refuse. An empty default means
 * "derived from other settings" (documented per setting).
 */
enum Setting {
    PROJECT("baseline", "Short project name; starts every resource name and the project tag."),
    ENVIRONMENT("dev", "Environment name; part of every resource name, tag and state key."),
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
    KMS_DELETION_WINDOW_DAYS("30", "Waiting period (7-30 days) before the KMS key is deleted after a destroy.");

    private final String defaultValue;
    private final String description;

    Setting(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
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
