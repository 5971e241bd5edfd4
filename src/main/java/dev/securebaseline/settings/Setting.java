package dev.securebaseline.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every setting that shapes the synthesized JSON, with its environment variable, its scope and its default.
 *
 * <p>This enum and the {@link Environment} table are the only places defaults live. A default is text
 * parsed by the same code as user input, so a default can never be a value the validation would
 * refuse. An empty default means "derived from other settings" or "off" (documented per setting).
 *
 * <p>Scopes: {@link Scope#APP} settings shape the whole app and exist once ({@code BASELINE_<SETTING>}).
 * {@link Scope#ENVIRONMENT} settings can be set for all environments or for one
 * ({@code BASELINE_<ENVIRONMENT>_<SETTING>}). {@link Scope#ACCOUNT} settings shape an account stack; they can
 * be set for all accounts or for one ({@code BASELINE_ACCOUNT_<LABEL>_<SETTING>}, the label upper-cased
 * with {@code -} as {@code _}).
 */
public enum Setting {
    PROJECT(Scope.APP, "baseline", "Short project name; starts every resource name and the project tag."),
    ENVIRONMENTS(Scope.APP, "dev,staging,prod", "Comma-separated environments to synthesize, each a stack of its own."),
    REGION(Scope.ENVIRONMENT, "us-east-1", "AWS region of the provider and of everything created."),
    OWNER(Scope.ENVIRONMENT, "platform-team", "Value of the owner tag on every resource."),

    ACCOUNT_ID(Scope.ENVIRONMENT, "", "12-digit id of the environment's AWS account; every provider of its stack is pinned to it. Empty: the account of the deploying credentials."),
    DEPLOY_ROLE_ARN(Scope.ENVIRONMENT, "", "IAM role the stack's providers assume to deploy into the environment's account (`assume_role`); its account is the environment's account."),
    ORGANIZATION_FILE(Scope.APP, "", "Path of the organization settings file (JSON). Set, the app runs in Organizations mode: the file names the organization's accounts and which environments run where, and it is their single source; see docs/accounts-and-organizations.md. Empty: standalone accounts."),
    ACCOUNT_LABELS(Scope.APP, "", "Short names of the AWS accounts, as `label=account-id` pairs: each account's stack is `<project>-account-<label>`. Default: `default` for the deploying credentials' account, the account id for a named one."),

    GITHUB_REPOSITORY(Scope.APP, "", "The GitHub repository (`owner/name`) whose Actions deploy the baseline. Set, every account gets a `<project>-ci-<label>` stack (GitHub's OpenID Connect provider, a plan role and an apply role trusted by this repository alone), the bootstrap the state roles they use, and, once the state bucket is named, the synth writes the workflow (`cdktf.out/github/baseline.yml`); see docs/deploy.md. Empty: no pipeline."),
    GITHUB_DEFAULT_BRANCH(Scope.APP, "main", "The branch whose pushes apply: the only branch the apply roles trust, outside the approval environment."),
    GITHUB_APPROVAL_ENVIRONMENT(Scope.APP, "production", "The GitHub environment (give it required reviewers and the default branch as its only deployment branch) through which alone the accounts that run prod or the organization's own stacks are applied."),
    GITHUB_OIDC_PROVIDER(Scope.APP, "create", "`create` GitHub's OpenID Connect provider in every account, or `existing` where each account has one already (IAM allows one per URL): it is read, never changed."),
    STATE_ACCOUNT_ID(Scope.APP, "", "Standalone with a pipeline: the account of the state bucket (the bootstrap stack), where the state roles live. Default: the environments' account when they share one. Organizations mode: the file's `state`."),

    VPC_CIDR(Scope.ENVIRONMENT, "10.0.0.0/16", "VPC IPv4 CIDR: private (RFC 1918), /16 to /23."),
    AZ_COUNT(Scope.ENVIRONMENT, "2", "Number of availability zones (2-6); one public and one private subnet in each."),
    NAT_STRATEGY(Scope.ENVIRONMENT, "single", "`single` (one shared NAT gateway) or `per-az` (one per availability zone)."),
    STATE_BUCKET(Scope.ENVIRONMENT, "", "S3 bucket that holds the Terraform state: the bootstrap stack's `state_bucket` output. Unset, the environment stacks' backend refuses `terraform init`, naming this setting: a bucket name someone else could own never receives the state."),
    STATE_KEY(Scope.ENVIRONMENT, "", "Object key of the state; default `<project>/<environment>/terraform.tfstate`."),
    STATE_REGION(Scope.ENVIRONMENT, "", "Region of the state bucket; default: the stack's region."),
    ALARM_EMAIL(Scope.ENVIRONMENT, "", "Email subscribed to the alarm topic; empty means no subscription. Default of the `alarm_email` variable."),
    ALB_INGRESS_CIDRS(Scope.ENVIRONMENT, "0.0.0.0/0", "Comma-separated CIDRs (at most 6) allowed to reach the load balancer on its listener ports."),
    APP_PORT(Scope.ENVIRONMENT, "8080", "Port the application instances listen on (1024-65535); reachable only from the load balancer."),
    SSH_CIDR(Scope.ENVIRONMENT, "", "CIDR allowed to reach instances on port 22; empty (the default) means no SSH rule. Must lie inside the VPC CIDR."),
    LOG_RETENTION_DAYS(Scope.ENVIRONMENT, "365", "Retention of the environment's log groups (VPC flow logs, the web ACL's); default of the `log_retention_days` variable."),
    LOG_BUCKET_GLACIER_DAYS(Scope.ENVIRONMENT, "90", "Days before objects in the environment's log buckets (load balancer and access logs) move to S3 Glacier Flexible Retrieval."),
    LOG_BUCKET_EXPIRATION_DAYS(Scope.ENVIRONMENT, "2557", "Days before objects in the environment's log buckets expire: at least 365, and at least 90 days after the Glacier transition."),
    KMS_DELETION_WINDOW_DAYS(Scope.ENVIRONMENT, "30", "Waiting period (7-30 days) before the KMS key is deleted after a destroy; always 30 in prod."),
    ALLOW_DESTROY(Scope.ENVIRONMENT, "false", "`true` prepares a deliberate retire: lifts prevent_destroy from the environment's buckets, key and log groups, sets force_destroy on its buckets, turns the load balancer's deletion protection off; for all environments, the state buckets too. Account stacks keep their own."),
    ENABLE_HTTPS(Scope.ENVIRONMENT, "false", "`true` adds an ACM certificate, a TLS 1.3 listener on 443 and turns port 80 into a redirect; needs DOMAIN_NAME and a hosted zone."),
    DOMAIN_NAME(Scope.ENVIRONMENT, "", "Domain the certificate is issued for; you must own it and its Route 53 hosted zone."),
    HOSTED_ZONE_ID(Scope.ENVIRONMENT, "", "Route 53 public hosted zone id for DNS validation (or set HOSTED_ZONE_NAME)."),
    HOSTED_ZONE_NAME(Scope.ENVIRONMENT, "", "Route 53 public hosted zone looked up by name, e.g. `yourcompany.com` (or set HOSTED_ZONE_ID)."),
    CREATE_DNS_RECORD(Scope.ENVIRONMENT, "true", "With HTTPS: create an alias A record for DOMAIN_NAME pointing at the load balancer."),
    INSTANCE_TYPE(Scope.ENVIRONMENT, "t3.micro", "EC2 instance type; the AMI architecture (x86_64 or arm64 for Graviton) follows it."),
    MIN_SIZE(Scope.ENVIRONMENT, "1", "Auto Scaling group minimum (0-20)."),
    DESIRED_CAPACITY(Scope.ENVIRONMENT, "1", "Auto Scaling group desired capacity at creation (between min and max)."),
    MAX_SIZE(Scope.ENVIRONMENT, "2", "Auto Scaling group maximum (1-20)."),
    HEALTH_CHECK_PATH(Scope.ENVIRONMENT, "/health", "Path the load balancer checks on each instance; must start with `/`."),
    ROOT_VOLUME_GB(Scope.ENVIRONMENT, "8", "Size of the encrypted gp3 root volume (8-1024 GiB)."),
    DELETION_PROTECTION(Scope.ENVIRONMENT, "false", "Load balancer deletion protection, `true` or `false`."),
    CPU_TARGET_PERCENT(Scope.ENVIRONMENT, "50", "Average CPU the target-tracking scaling policy aims for (10-90)."),
    UNHEALTHY_HOSTS_THRESHOLD(Scope.ENVIRONMENT, "1", "Alarm when this many targets are unhealthy for 3 minutes (1-20)."),
    TARGET_5XX_RATE_PERCENT(Scope.ENVIRONMENT, "5", "Alarm when this percentage of requests get a 5xx from the targets over 10 minutes (1-100)."),
    ALB_5XX_THRESHOLD(Scope.ENVIRONMENT, "10", "Alarm when the load balancer itself returns this many 5xx in 5 minutes (1-10000)."),
    ENABLE_WAF(Scope.ENVIRONMENT, "false", "`true` puts an AWS WAF web ACL (managed rule groups, a per-IP rate limit, logging, a blocked-requests alarm) in front of the load balancer; on in prod."),
    WAF_RATE_LIMIT(Scope.ENVIRONMENT, "2000", "Requests from one IP address in any 5 minutes above which the web ACL blocks it (100-2000000000)."),
    WAF_COUNT_MODE(Scope.ENVIRONMENT, "false", "`true` runs the managed rule groups in count mode (they log and count, but block nothing) while false positives are tuned."),
    WAF_BLOCKED_REQUESTS_THRESHOLD(Scope.ENVIRONMENT, "100", "Alarm when the web ACL blocks this many requests in 5 minutes (1-1000000)."),

    HOME_REGION(Scope.ACCOUNT, "", "The account stack's own region: its trail, audit buckets, key, alarms and finding aggregator, and IAM's global resource types in Config. Default: the region of the account's first environment."),
    ACCOUNT_DEPLOY_ROLE_ARN(Scope.ACCOUNT, "", "IAM role the account stack's providers assume (`assume_role`); it needs the account-administration rights the environments' roles do not. Empty: the deploying credentials."),
    ACCOUNT_STATE_KEY(Scope.ACCOUNT, "", "Object key of the account stack's state, in the state bucket; default `<project>/account/<label>/terraform.tfstate`."),
    SECURITY_ALARM_EMAIL(Scope.ACCOUNT, "", "Email subscribed to the account's security alarm topic (the CIS alarms); default of the account stack's `alarm_email` variable."),
    TRAIL_LOG_RETENTION_DAYS(Scope.ACCOUNT, "365", "Retention of the trail's log group; default of the account stack's `log_retention_days` variable."),
    GUARDRAIL_REGIONS(Scope.ACCOUNT, String.join(",", AwsRegions.ENABLED_BY_DEFAULT),
            "Regions that get the per-region guardrails (Config, GuardDuty, Security Hub, Access Analyzer, EBS, IMDS and public-sharing defaults, default security groups); default: the 17 regions every account has. Opt-in regions only when listed."),
    MANAGE_CONFIG(Scope.ACCOUNT, "true", "`false` when AWS Config is already run by your Organization (delegated administrator, Control Tower): no recorder, channel or Config bucket."),
    MANAGE_GUARDDUTY(Scope.ACCOUNT, "true", "`false` when GuardDuty is already run by your Organization: no detectors."),
    MANAGE_SECURITY_HUB(Scope.ACCOUNT, "true", "`false` when Security Hub is already run by your Organization: no hub, standards or aggregator."),
    MANAGE_ACCESS_ANALYZER(Scope.ACCOUNT, "true", "`false` when the account already has an account-level IAM Access Analyzer in each region (AWS allows one)."),
    ADOPT_GUARDDUTY_DETECTORS(Scope.ACCOUNT, "", "GuardDuty detectors the account already has, as `region=detector-id` pairs: the first apply imports them instead of failing on a second detector."),
    ADOPT_SECURITY_HUB(Scope.ACCOUNT, "", "Guardrail regions where Security Hub is already enabled (with its default AWS Foundational Security Best Practices subscription): the first apply imports both."),
    ADOPT_CONFIG_RECORDERS(Scope.ACCOUNT, "", "AWS Config recorders the account already has, as `region=recorder-name` pairs: imported, and the baseline's recorder takes that name."),
    ADOPT_CONFIG_DELIVERY_CHANNELS(Scope.ACCOUNT, "", "AWS Config delivery channels the account already has, as `region=channel-name` pairs: imported, and pointed at the baseline's Config bucket."),
    ADOPT_ACCESS_ANALYZERS(Scope.ACCOUNT, "", "Account-level IAM Access Analyzer analyzers the account already has (AWS allows one per region), as `region=analyzer-name` pairs: imported under their names."),
    CONFIG_RECORDING_FREQUENCY(Scope.ACCOUNT, "continuous", "`continuous` (every change) or `daily` (one configuration item per changed resource per day; cheaper for busy accounts)."),
    GUARDDUTY_PROTECTIONS(Scope.ACCOUNT, "", "Paid GuardDuty protection plans to turn on besides S3 protection: comma-separated `eks-audit-logs`, `ebs-malware-protection`, `rds-login-events`, `lambda-network-logs`, `runtime-monitoring`. The others are kept off."),
    PASSWORD_MIN_LENGTH(Scope.ACCOUNT, "14", "Minimum IAM user password length (14-128)."),
    PASSWORD_MAX_AGE_DAYS(Scope.ACCOUNT, "0", "Days after which IAM user passwords expire (1-1095); `0`, the default, never expires them (NIST SP 800-63B)."),
    SECURITY_CONTACT_EMAIL(Scope.ACCOUNT, "", "Email of the account's security alternate contact (CIS 1.2); empty: none is set."),
    SECURITY_CONTACT_NAME(Scope.ACCOUNT, "Security team", "Name of the security alternate contact."),
    SECURITY_CONTACT_TITLE(Scope.ACCOUNT, "Security", "Title of the security alternate contact."),
    SECURITY_CONTACT_PHONE(Scope.ACCOUNT, "", "Phone number of the security alternate contact; AWS requires one when an email is set."),
    TRAIL_DATA_EVENTS(Scope.ACCOUNT, "", "CloudTrail data events to record besides management events (CIS 3.8/3.9 object-level logging): comma-separated `s3` (every S3 object read and write, the trail's own bucket excepted) and `lambda` (every invocation). They are billed per event."),
    IMDS_HOP_LIMIT(Scope.ACCOUNT, "2", "Hop limit of the account's instance metadata defaults (1-64): 2 lets a container on an instance reach IMDSv2, 1 confines it to the host. The baseline's own launch template keeps 1."),
    UNUSED_ACCESS_ANALYZER(Scope.ACCOUNT, "false", "`true` adds an IAM Access Analyzer unused-access analyzer in the home region (paid per IAM role and user analysed)."),
    UNUSED_ACCESS_AGE_DAYS(Scope.ACCOUNT, "90", "Days without use after which the unused-access analyzer reports a role, user, key or permission (1-365)."),
    TRAIL_GLACIER_DAYS(Scope.ACCOUNT, "90", "Days before objects in the account's audit buckets (trail, Config, their access logs) move to S3 Glacier Flexible Retrieval."),
    TRAIL_EXPIRATION_DAYS(Scope.ACCOUNT, "2557", "Days before objects in the account's audit buckets expire (at least 90 days after the Glacier transition)."),
    ALLOW_ACCOUNT_DESTROY(Scope.ACCOUNT, "false", "`true` prepares a deliberate retire of an account stack: lifts prevent_destroy from its buckets, key, log group and guardrails and sets force_destroy on its buckets.");

    /** Where a setting applies; see the class comment. */
    enum Scope {
        APP, ENVIRONMENT, ACCOUNT
    }

    private final Scope scope;
    private final String defaultValue;
    private final String description;

    Setting(Scope scope, String defaultValue, String description) {
        this.scope = scope;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    Scope scope() {
        return scope;
    }

    /** Project, environment list and account labels shape the whole app; they cannot differ per environment or account. */
    boolean isAppWide() {
        return scope == Scope.APP;
    }

    boolean isAccountScope() {
        return scope == Scope.ACCOUNT;
    }

    /** The environment variable that sets it, e.g. {@code BASELINE_VPC_CIDR}. */
    public String variable() {
        return PREFIX + name();
    }

    public String defaultValue() {
        return defaultValue;
    }

    String description() {
        return description;
    }

    public static final String PREFIX = "BASELINE_";

    /** Settings the app no longer reads, and why: refused with their reason rather than as unknown names. */
    static final Map<String, String> RETIRED = Map.of(
            "REGIONS_WITHOUT_DEFAULT_VPC", "it is no longer needed: the baseline locks the default security group only in regions that still "
                    + "have a default VPC, found by a lookup, and never creates one",
            "ACCOUNT_OWNER", "it is no longer needed: what exists once per account has a stack of its own, <project>-account-<label>, "
                    + "and no environment carries it");

    /**
     * Every variable the app reads: each setting, each per-environment form of the environment settings, and
     * each per-account form of the account settings for the given account labels.
     */
    static List<String> knownVariables(List<String> accountLabels) {
        List<String> known = new java.util.ArrayList<>();
        for (Setting setting : values()) {
            known.add(setting.variable());
            if (setting.scope == Scope.ENVIRONMENT) {
                Arrays.stream(Environment.values()).map(environment -> environment.variable(setting)).forEach(known::add);
            } else if (setting.scope == Scope.ACCOUNT) {
                accountLabels.stream().map(label -> new AccountScope(label).variable(setting)).forEach(known::add);
            }
        }
        return known;
    }
}
