package dev.securebaseline.guardrails;

import dev.securebaseline.audit.AccountAudit;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.settings.AccountSettings;
import dev.securebaseline.settings.AccountSettings.PasswordPolicy;
import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import java.util.List;
import java.util.Optional;
import java.util.Map;

import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * The account-wide settings and guardrails of an account stack, in its home region: the password policy, the support
 * role, account S3 Block Public Access, the security contact, Config's service-linked role and delivery, the
 * unused-access analyzer and Security Hub's finding aggregator. The guardrails of every region are
 * {@link RegionGuardrails}'.
 */
public final class AccountGuardrails {

    /** The name IAM gives Config's service-linked role; it takes no custom suffix. */
    static final String CONFIG_SERVICE_LINKED_ROLE = "AWSServiceRoleForConfig";

    private final Tf tf;
    private final AwsContext aws;
    private final AccountSettings settings;
    private final Naming names;

    /** Writes through {@code tf}, whose provider is the home region's. */
    public AccountGuardrails(Tf tf, AwsContext aws, AccountSettings settings, Naming names) {
        this.tf = tf;
        this.aws = aws;
        this.settings = settings;
        this.names = names;
    }

    // ==================================================================== identity and the account's S3 setting

    /** CIS 1.8 (length ≥ 14) and 1.9 (no reuse of the last 24); expiry only when a setting asks (NIST SP 800-63B). */
    public void passwordPolicy() {
        PasswordPolicy passwords = settings.passwords();
        tf.resource("aws_iam_account_password_policy", "main", map(
                "minimum_password_length", passwords.minimumLength(),
                "require_lowercase_characters", true,
                "require_uppercase_characters", true,
                "require_numbers", true,
                "require_symbols", true,
                "allow_users_to_change_password", true,
                "password_reuse_prevention", PasswordPolicy.REUSE_PREVENTION,
                "max_password_age", passwords.maxAgeDays().orElse(null),
                "hard_expiry", false,
                "lifecycle", protection()));
    }

    /** CIS 1.17: a role to manage incidents with AWS Support, assumable by the account's administrators. */
    public void supportRole() {
        Ref role = tf.resource("aws_iam_role", "support", map(
                "name_prefix", names.prefix("support"),
                "description", "Manages incidents with AWS Support (CIS 1.17); assumable by the account's administrators",
                "assume_role_policy", Policies.assumeRoleByAccountAdministrators(aws).json(),
                "tags", tags(names.display("support"))));
        tf.resource("aws_iam_role_policy_attachment", "support", map(
                "role", role.get("name"),
                "policy_arn", aws.managedPolicyArn("AWSSupportAccess")));
    }

    /** CIS 2.1.4 / FSBP S3.1: no bucket of the account can be made public. Destroying it would silently unprotect them all. */
    public void accountPublicAccessBlock() {
        tf.resource("aws_s3_account_public_access_block", "main", map(
                "block_public_acls", true,
                "block_public_policy", true,
                "ignore_public_acls", true,
                "restrict_public_buckets", true,
                "lifecycle", protection()));
    }

    /** CIS 1.2: AWS knows whom to tell about a security issue in the account. */
    public void securityContact() {
        settings.securityContact().ifPresent(contact -> tf.resource("aws_account_alternate_contact", "security", map(
                "alternate_contact_type", "SECURITY",
                "email_address", contact.email(),
                "name", contact.name(),
                "title", contact.title(),
                "phone_number", contact.phone())));
    }

    // ==================================================================== Config delivery, IAM analysis and Security Hub aggregation

    /**
     * The recorders of every region record through Config's service-linked role (CIS v5.0 3.3 / FSBP Config.1
     * ask for it), and deliver as Config's service principal, which the Config bucket's and the audit key's
     * policies admit for this account. The role is one per account and often exists already (the console,
     * Control Tower): a lookup finds it, and the first apply takes it over instead of failing to create it.
     */
    public RegionGuardrails.ConfigDelivery configDelivery(AccountAudit.AuditStorage storage) {
        if (!settings.manageConfig()) {
            return null;
        }
        return RegionGuardrails.ConfigDelivery.into(configServiceLinkedRole(), storage.config());
    }

    private Ref configServiceLinkedRole() {
        Ref existing = tf.data("aws_iam_roles", "config_service_linked", map(
                "path_prefix", "/aws-service-role/" + Policies.CONFIG + "/",
                "name_regex", "^" + CONFIG_SERVICE_LINKED_ROLE + "$"));
        Ref role = tf.resource("aws_iam_service_linked_role", "config", map(
                "aws_service_name", Policies.CONFIG,
                "lifecycle", protection()));
        tf.adoptWhereFound(role, existing.attr("arns"));
        return role;
    }

    /**
     * In an organization: the recorders deliver into the log archive's Config bucket, encrypted with its Config key; while
     * {@code ready} (a Terraform condition) is false, that bucket does not exist yet and the delivery waits.
     */
    public RegionGuardrails.ConfigDelivery configDeliveryTo(String bucket, String keyArn, Optional<String> ready) {
        return new RegionGuardrails.ConfigDelivery(configServiceLinkedRole(), bucket, keyArn, List.of(), ready);
    }

    /**
     * IAM Access Analyzer's unused-access analyzer, when asked for (it is paid per IAM role and user): IAM is
     * global, so one analyzer in the home region sees all of it.
     */
    public void unusedAccessAnalyzer() {
        settings.unusedAccessAgeDays().ifPresent(days -> tf.resource("aws_accessanalyzer_analyzer", "unused_access", map(
                "analyzer_name", names.unique("unused-access"),
                "type", "ACCOUNT_UNUSED_ACCESS",
                "configuration", map("unused_access", map("unused_access_age", days)),
                "tags", tags(names.display("unused-access")))));
    }

    /** CIS 4.16: Security Hub's findings of every region, seen from the home region. */
    public void findingAggregator() {
        if (!settings.manageSecurityHub()) {
            return;
        }
        tf.resource("aws_securityhub_finding_aggregator", "main", map(
                "linking_mode", "ALL_REGIONS",
                "depends_on", list(Ref.resource("aws_securityhub_account", AwsRegions.alias(settings.homeRegion())).dependency())));
    }

    private Map<String, Object> protection() {
        return Tf.preventDestroy(!settings.allowDestroy());
    }
}
