package dev.securebaseline.guardrails;

import dev.securebaseline.settings.AccountSettings;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.settings.Cidr;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The deliberate exceptions to the checkov AWS checks, each with its reason: the one list docs/controls-and-verification.md's
 * "Security exceptions" table repeats and the policy suite enforces (a check that fails without an
 * entry here fails the build, and so does an entry that no longer fails its check).
 */
public final class SecurityExceptions {

    private SecurityExceptions() {
    }

    /**
     * @param check    the checkov id, e.g. {@code CKV_AWS_260}
     * @param address  the Terraform address the check fails on; {@code *} matches any part of a name
     * @param when     in which configurations it applies, in words (for docs/controls-and-verification.md)
     * @param applies  the same, as a test of a stack
     * @param reason   why the baseline does it this way
     */
    public record Exception(String check, String address, String when, Predicate<Stack> applies, String reason) {

        public boolean covers(String failedAddress) {
            return failedAddress.matches(java.util.regex.Pattern.quote(address).replace("*", "\\E.*\\Q"));
        }
    }

    /**
     * What an exception's condition looks at: an environment stack's settings, or an account stack's (both
     * absent for the state bootstrap stack and the organization's own), whether the stack writes the
     * organization trail (the org stack, once the log archive's buckets exist), and whether it holds a pipeline's roles.
     */
    public record Stack(BaselineSettings settings, Optional<AccountSettings> accountBaseline, boolean organizationTrail, boolean pipelineRoles,
                        boolean breakGlassRole) {
        boolean isEnvironment() {
            return settings != null;
        }

        boolean isAccountStack() {
            return accountBaseline.isPresent();
        }

        /** A stack with a trail of its own: a standalone account stack, or the org stack with the organization trail. */
        boolean hasTrail() {
            return accountBaseline.map(baseline -> !baseline.isMember()).orElse(false) || organizationTrail;
        }
    }

    private static final Predicate<Stack> ALWAYS = stack -> true;
    private static final Predicate<Stack> HTTP_ONLY = stack -> stack.isEnvironment() && !stack.settings().web().httpsEnabled();
    private static final Predicate<Stack> TRAIL = Stack::hasTrail;
    private static final Predicate<Stack> ENVIRONMENT = Stack::isEnvironment;
    private static final Predicate<Stack> NO_WAF = stack -> stack.isEnvironment() && !stack.settings().web().firewall().enabled();
    private static final Predicate<Stack> WAF_COUNT_MODE = stack -> stack.isEnvironment()
            && stack.settings().web().firewall().enabled() && stack.settings().web().firewall().countMode();
    private static final Predicate<Stack> NO_PASSWORD_EXPIRY = stack -> stack.accountBaseline()
            .map(baseline -> baseline.passwords().maxAgeDays().isEmpty()).orElse(false);
    private static final Predicate<Stack> MORE_THAN_ONE_CONFIG_REGION = stack -> stack.accountBaseline()
            .map(baseline -> baseline.manageConfig() && baseline.guardrailRegions().size() > 1).orElse(false);
    private static final Predicate<Stack> PIPELINE = Stack::pipelineRoles;
    private static final Predicate<Stack> BREAK_GLASS = Stack::breakGlassRole;
    private static final Predicate<Stack> GUARDDUTY = stack -> stack.accountBaseline().map(AccountSettings::manageGuardDuty).orElse(false);

    public static final List<Exception> ALL = List.of(
            new Exception("CKV_AWS_274", "aws_iam_role_policy_attachment.break_glass", "a pipeline stack that creates the break-glass role "
                    + "(create_break_glass_role in the organization file)", BREAK_GLASS,
                    "Break-glass is for the emergency no policy foresaw: administrator access, for the management account's administrators "
                            + "signed in with MFA only, every use in the organization trail, and the apply role may not change it."),
            new Exception("CKV_AWS_290", "aws_iam_role_policy.apply", "a pipeline stack (BASELINE_GITHUB_REPOSITORY)", PIPELINE,
                    "The apply role deploys the account's stacks, whose resources have no names until created: it may write to the services those "
                            + "stacks use, on every resource, and nothing else; it mints no IAM user or key, cannot change the pipeline's own roles, "
                            + "and only the repository's default branch (or its approval environment) assumes it."),
            new Exception("CKV_AWS_355", "aws_iam_role_policy.apply", "a pipeline stack (BASELINE_GITHUB_REPOSITORY)", PIPELINE,
                    "Each service the account's stacks use is granted whole (s3:*, ec2:*...): an apply creates, updates and deletes, and a "
                            + "service's every action is what Terraform may call for it; the services no stack uses are not granted."),
            new Exception("CKV_AWS_260", "aws_vpc_security_group_ingress_rule.alb_http*",
                    "the load balancer accepts 0.0.0.0/0",
                    stack -> stack.isEnvironment() && stack.settings().albIngressCidrs().contains(Cidr.ANYWHERE),
                    "Port 80 must reach a public load balancer: it serves the application in HTTP mode and redirects to HTTPS otherwise."),
            new Exception("CKV_AWS_2", "aws_lb_listener.http", "HTTP mode", HTTP_ONLY,
                    "HTTP only until the user owns a domain; enabling HTTPS turns this listener into a redirect."),
            new Exception("CKV2_AWS_20", "aws_lb.main", "HTTP mode", HTTP_ONLY,
                    "No redirect without a certificate; enabling HTTPS adds it."),
            new Exception("CKV_AWS_378", "aws_lb_target_group.app", "HTTP mode", HTTP_ONLY,
                    "TLS ends at the load balancer; the targets sit in private subnets behind the load balancer's security group."),
            new Exception("CKV2_AWS_74", "aws_lb_listener.http", "every environment stack", ENVIRONMENT,
                    "A plain-HTTP listener has no TLS policy to set; the HTTPS listener uses ELBSecurityPolicy-TLS13-1-2-2021-06."),
            new Exception("CKV_AWS_150", "aws_lb.main", "deletion protection off (non-production, or a deliberate retire)",
                    stack -> stack.isEnvironment() && (!stack.settings().web().deletionProtection() || stack.settings().allowDestroy()),
                    "Non-production environments must be removable by cdktf destroy; production turns deletion protection on, and BASELINE_ALLOW_DESTROY turns it off to retire."),
            new Exception("CKV_AWS_103", "aws_lb_listener.http", "HTTP mode", HTTP_ONLY,
                    "A plain-HTTP listener negotiates no TLS; enabling HTTPS turns it into a redirect and adds a TLS 1.3/1.2 listener."),
            new Exception("CKV2_AWS_28", "aws_lb.main", "AWS WAF off (BASELINE_ENABLE_WAF=false, dev and staging by default)", NO_WAF,
                    "A web ACL costs about $5 a month, $1 per rule group and $0.60 per million requests; production has one, other environments when BASELINE_ENABLE_WAF asks."),
            new Exception("CKV_AWS_192", "aws_wafv2_web_acl.main", "BASELINE_WAF_COUNT_MODE=true", WAF_COUNT_MODE,
                    "While false positives are tuned, the managed rule groups only count and log; the Log4j rules block again once count mode is off."),
            new Exception("CKV_AWS_145", "aws_s3_bucket.*access_logs", "always", ALWAYS,
                    "S3 server access log delivery only supports SSE-S3 on the target bucket."),
            new Exception("CKV_AWS_145", "aws_s3_bucket.alb_logs", "every environment stack", ENVIRONMENT,
                    "Load balancer access log delivery only supports SSE-S3."),
            new Exception("CKV_AWS_18", "aws_s3_bucket.*access_logs", "always", ALWAYS,
                    "The access-log bucket cannot log into itself; every other bucket logs into it."),
            new Exception("CKV_AWS_144", "aws_s3_bucket.*", "always", ALWAYS,
                    "A single-region baseline: cross-region replication needs a bucket and key in a second region."),
            new Exception("CKV2_AWS_62", "aws_s3_bucket.*", "always", ALWAYS,
                    "No consumer for object events; the trail's integrity is proven by its digest files."),
            new Exception("CKV_AWS_252", "aws_cloudtrail.*", "a stack with a trail (an account stack outside an organization, the org stack)", TRAIL,
                    "An SNS message for every delivered log file would flood the alarm topic; the CIS alarms cover what matters."),
            new Exception("CKV2_AWS_19", "aws_eip.nat_*", "every environment stack", ENVIRONMENT,
                    "These Elastic IPs belong to NAT gateways, which checkov does not count as attachments."),
            new Exception("CKV_AWS_352", "aws_network_acl_rule.*_in_vpc", "every environment stack", ENVIRONMENT,
                    "The VPC's own traffic, every protocol: its security groups filter it port by port; every entry from outside the VPC names its ports."),
            new Exception("CKV_AWS_9", "aws_iam_account_password_policy.main", "an account stack with BASELINE_PASSWORD_MAX_AGE_DAYS 0 (the default)",
                    NO_PASSWORD_EXPIRY,
                    "NIST SP 800-63B and CIS v3.0 advise against forced periodic changes; BASELINE_PASSWORD_MAX_AGE_DAYS sets an expiry where policy demands one."),
            new Exception("CKV2_AWS_48", "aws_config_configuration_recorder_status.*", "an account stack with more than one Config region",
                    MORE_THAN_ONE_CONFIG_REGION,
                    "IAM's global resource types are recorded once, in the home region (CIS 3.3); every other region would record and bill each of them again."),
            new Exception("CKV2_AWS_3", "aws_guardduty_detector.*", "an account stack that manages GuardDuty", GUARDDUTY,
                    "One account's detectors; in an Organization, the delegated administrator enables the members (BASELINE_MANAGE_GUARDDUTY=false in them)."),
            new Exception("CKV2_AWS_76", "aws_lb.main", "every environment stack", ENVIRONMENT,
                    "checkov's definition demands AWSManagedRulesAnonymousIpList besides the Log4j rules; it blocks every visitor behind a VPN, Tor or a hosting provider, a product decision rather than a baseline. With AWS WAF on, the web ACL blocks with the Log4j rules (AWSManagedRulesKnownBadInputsRuleSet, CKV_AWS_192); with it off (CKV2_AWS_28) there is no web ACL."));
}
