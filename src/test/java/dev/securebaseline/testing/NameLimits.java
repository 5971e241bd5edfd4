package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/**
 * The length limits of every name the baseline writes, attribute by attribute: AWS's, as hashicorp/aws 5.x validates them
 * (its {@code StringLenBetween} and name-prefix validators) or, where the provider does not, as the API documents them. A
 * {@code name_prefix} takes the name's limit less the 26 characters Terraform appends. A name attribute missing here fails
 * the check, naming it: a new resource gets its limit before it gets past the suite.
 */
public final class NameLimits {

    /** The arguments that name something: {@code name}, {@code *_name}, {@code name_prefix}, {@code bucket_prefix}, {@code custom_suffix}. */
    private static final Pattern NAME_ARGUMENT = Pattern.compile("name|.*_name|name_prefix|bucket_prefix|custom_suffix");
    /** {@code ${substr(..., 0, N)}}: N characters. */
    private static final Pattern SUBSTRING = Pattern.compile("\\$\\{substr\\(.*, 0, ([0-9]+)\\)}");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{[^}]*}");

    /** {@code type.argument} → the most characters AWS accepts. */
    static final Map<String, Integer> LIMITS = Map.ofEntries(
            entry("aws_accessanalyzer_analyzer.analyzer_name", 255),
            entry("aws_account_alternate_contact.name", 64),
            entry("aws_acm_certificate.domain_name", 253),
            entry("aws_autoscaling_group.name_prefix", 255 - 26),
            entry("aws_autoscaling_policy.name", 255),
            entry("aws_autoscaling_policy.autoscaling_group_name", 255),
            entry("aws_cloudtrail.name", 128),
            entry("aws_cloudtrail.s3_bucket_name", 63),
            entry("aws_cloudwatch_log_group.name_prefix", 483),
            entry("aws_cloudwatch_log_metric_filter.name", 512),
            entry("aws_cloudwatch_log_metric_filter.log_group_name", 512),
            entry("aws_cloudwatch_log_resource_policy.policy_name", 255),
            entry("aws_cloudwatch_metric_alarm.alarm_name", 255),
            entry("aws_cloudwatch_metric_alarm.metric_name", 255),
            entry("aws_config_configuration_aggregator.name", 256),
            entry("aws_config_configuration_recorder.name", 256),
            entry("aws_config_configuration_recorder_status.name", 256),
            entry("aws_config_delivery_channel.name", 256),
            entry("aws_config_delivery_channel.s3_bucket_name", 63),
            entry("aws_guardduty_detector_feature.name", 128),
            entry("aws_guardduty_organization_configuration_feature.name", 128),
            entry("aws_iam_instance_profile.name_prefix", 38),
            entry("aws_iam_role.name_prefix", 38),
            entry("aws_iam_role.name", 64),
            entry("aws_iam_role_policy.name", 128),
            entry("aws_iam_service_linked_role.aws_service_name", 128),
            // The role is AWSServiceRoleForAutoScaling_<suffix>, and a role name takes 64 characters.
            entry("aws_iam_service_linked_role.custom_suffix", 64 - "AWSServiceRoleForAutoScaling_".length()),
            entry("aws_kms_alias.name_prefix", 256 - 26),
            entry("aws_launch_template.name_prefix", 125 - 26),
            entry("aws_lb.name", 32),
            entry("aws_lb_target_group.name", 32),
            entry("aws_organizations_policy.name", 128),
            entry("aws_route53_record.name", 253),
            entry("aws_s3_bucket.bucket_prefix", 63 - 26),
            entry("aws_security_group.name_prefix", 100),
            entry("aws_securityhub_configuration_policy.name", 128),
            entry("aws_sns_topic.display_name", 100),
            entry("aws_sns_topic.name_prefix", 256 - 26),
            entry("aws_wafv2_web_acl.name", 128));

    private NameLimits() {
    }

    /** Every name of the stack that is over its limit, or whose limit is unknown, as a readable line naming the address. */
    public static List<String> violations(Synthesized stack) {
        List<String> violations = new ArrayList<>();
        stack.json().path("resource").properties().forEach(type -> type.getValue().properties().forEach(resource -> {
            for (Map.Entry<String, JsonNode> argument : resource.getValue().properties()) {
                if (!NAME_ARGUMENT.matcher(argument.getKey()).matches() || !argument.getValue().isTextual()) {
                    continue;
                }
                String key = type.getKey() + "." + argument.getKey();
                String where = type.getKey() + "." + resource.getKey() + "." + argument.getKey();
                Integer limit = LIMITS.get(key);
                int length = measured(argument.getValue().asText());
                if (limit == null) {
                    violations.add(where + ": no limit is known for " + key + "; add AWS's to NameLimits");
                } else if (length > limit) {
                    violations.add(where + " = \"" + argument.getValue().asText() + "\": " + length + " characters, AWS takes " + limit);
                }
            }
        }));
        return violations;
    }

    /**
     * The characters a name will have: a substring interpolation counts its length, and a name that is one reference (the
     * name of another resource, measured where it is written) counts nothing.
     */
    public static int measured(String value) {
        if (value.startsWith("${") && value.endsWith("}") && value.indexOf("${", 2) < 0 && !SUBSTRING.matcher(value).matches()) {
            return 0;
        }
        StringBuilder literal = new StringBuilder();
        Matcher m = INTERPOLATION.matcher(value);
        int counted = 0;
        int last = 0;
        while (m.find()) {
            literal.append(value, last, m.start());
            Matcher substring = SUBSTRING.matcher(m.group());
            if (!substring.matches()) {
                throw new AssertionError("cannot measure the name " + value + ": an interpolation other than a substring");
            }
            counted += Integer.parseInt(substring.group(1));
            last = m.end();
        }
        literal.append(value.substring(last));
        return literal.length() + counted;
    }
}
