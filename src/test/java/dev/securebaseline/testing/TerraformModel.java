package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.tf.Naming;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What AWS would return for the attributes a synthesized stack's policies reference, so that a policy
 * document can be read as IAM reads it after {@code apply}: {@code ${aws_s3_bucket.trail.arn}} becomes
 * {@code arn:aws:s3:::baseline-account-trail-20261206093012345600000001}.
 *
 * <p>Values follow each resource's own arguments (its name or name prefix, its provider's region, the
 * stack's pinned account) and the ARN shapes AWS documents; the policy proofs check every resolved ARN
 * against IAM's service reference, so a wrong shape here fails there. A reference this model does not
 * know fails, naming it: a new kind of reference gets a model before it gets a proof.
 */
public final class TerraformModel {

    /** The account of a stack that does not pin one (the deploying credentials' account). */
    static final String IMPLICIT_ACCOUNT = "123456789012";
    /** Another account, for the must-deny proofs. */
    static final String FOREIGN_ACCOUNT = "999999999999";
    /** What Terraform appends to a name prefix (a timestamp and a counter). */
    private static final String UNIQUE_SUFFIX = "20261206093012345600000001";
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern TRAVERSAL = Pattern.compile("(data\\.)?([a-z0-9_]+)\\.([A-Za-z0-9_-]+)\\.([a-z_]+)");

    private final Synthesized stack;
    private final String account;
    private final String defaultRegion;
    private final Map<String, String> regionByAlias = new LinkedHashMap<>();

    TerraformModel(Synthesized stack) {
        this.stack = stack;
        String pinned = null;
        String region = null;
        for (JsonNode provider : stack.json().path("provider").path("aws")) {
            if (provider.has("alias")) {
                regionByAlias.put("aws." + provider.path("alias").asText(), provider.path("region").asText());
            } else {
                region = provider.path("region").asText();
                pinned = provider.path("allowed_account_ids").path(0).asText(null);
            }
        }
        this.account = pinned != null ? pinned : IMPLICIT_ACCOUNT;
        this.defaultRegion = region;
    }

    String account() {
        return account;
    }

    /** The region a resource (or data source) lives in: its provider's. */
    String region(JsonNode body) {
        String provider = body.path("provider").asText("");
        return provider.isEmpty() ? defaultRegion : regionByAlias.getOrDefault(provider, defaultRegion);
    }

    String region(String address) {
        return region(body(address));
    }

    /** Every {@code ${...}} replaced by its modelled value. */
    String resolve(String text) {
        Matcher m = INTERPOLATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The value of a traversal such as {@code aws_kms_key.audit.arn} or {@code data.aws_partition.current.partition}. */
    String value(String expression) {
        Matcher m = TRAVERSAL.matcher(expression.trim());
        if (!m.matches()) {
            throw new AssertionError("the policy model cannot evaluate ${" + expression + "}: only plain references are modelled");
        }
        boolean data = m.group(1) != null;
        String type = m.group(2);
        String name = m.group(3);
        String attribute = m.group(4);
        if (data) {
            return dataValue(type, attribute, expression);
        }
        return attribute(type + "." + name, attribute);
    }

    private String dataValue(String type, String attribute, String expression) {
        return switch (type + "." + attribute) {
            case "aws_partition.partition" -> "aws";
            case "aws_caller_identity.account_id" -> account;
            // us-east-1's Elastic Load Balancing account: the shape is what the proofs look at.
            case "aws_elb_service_account.arn" -> "arn:aws:iam::127311923021:root";
            // The identity provider an account has already, read by its URL.
            case "aws_iam_openid_connect_provider.arn" -> "arn:aws:iam::" + account + ":oidc-provider/token.actions.githubusercontent.com";
            default -> throw new AssertionError("the policy model has no value for ${" + expression + "}");
        };
    }

    /** An attribute of a resource of this stack, as AWS would report it after apply. */
    String attribute(String address, String attribute) {
        JsonNode body = body(address);
        String type = address.substring(0, address.indexOf('.'));
        String region = region(body);
        return switch (type + "." + attribute) {
            case "aws_s3_bucket.id", "aws_s3_bucket.bucket" -> named(body, "bucket");
            case "aws_s3_bucket.arn" -> "arn:aws:s3:::" + named(body, "bucket");
            case "aws_kms_key.key_id", "aws_kms_key.id" -> keyId(address);
            case "aws_kms_key.arn" -> "arn:aws:kms:" + region + ":" + account + ":key/" + keyId(address);
            case "aws_cloudwatch_log_group.name", "aws_cloudwatch_log_group.id" -> named(body, "name");
            case "aws_cloudwatch_log_group.arn" -> "arn:aws:logs:" + region + ":" + account + ":log-group:" + named(body, "name");
            case "aws_sns_topic.name" -> named(body, "name");
            case "aws_sns_topic.arn", "aws_sns_topic.id" -> "arn:aws:sns:" + region + ":" + account + ":" + named(body, "name");
            case "aws_iam_role.name", "aws_iam_role.id" -> named(body, "name");
            case "aws_iam_openid_connect_provider.arn" -> "arn:aws:iam::" + account + ":oidc-provider/"
                    + body.path("url").asText().replaceFirst("^https://", "");
            case "aws_iam_role.arn" -> "arn:aws:iam::" + account + ":role/" + named(body, "name");
            case "aws_iam_service_linked_role.arn" -> "arn:aws:iam::" + account + ":role/aws-service-role/"
                    + body.path("aws_service_name").asText() + "/" + serviceLinkedRoleName(body);
            case "aws_cloudtrail.arn" -> "arn:aws:cloudtrail:" + region + ":" + account + ":trail/" + body.path("name").asText();
            case "aws_cloudwatch_metric_alarm.arn" -> "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + body.path("alarm_name").asText();
            case "aws_flow_log.arn" -> "arn:aws:ec2:" + region + ":" + account + ":vpc-flow-log/fl-0123456789abcdef0";
            case "aws_lb.arn" -> "arn:aws:elasticloadbalancing:" + region + ":" + account + ":loadbalancer/app/"
                    + body.path("name").asText() + "/50dc6c495c0c9188";
            case "aws_wafv2_web_acl.arn" -> "arn:aws:wafv2:" + region + ":" + account + ":regional/webacl/"
                    + body.path("name").asText() + "/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
            default -> throw new AssertionError("the policy model has no value for ${" + address + "." + attribute + "}");
        };
    }

    /** The resource body at an address such as {@code aws_kms_key.audit}; fails naming it when absent. */
    JsonNode body(String address) {
        int dot = address.indexOf('.');
        JsonNode body = stack.json().path("resource").path(address.substring(0, dot)).path(address.substring(dot + 1));
        if (body.isMissingNode()) {
            throw new AssertionError("no resource " + address + " in the stack");
        }
        return body;
    }

    /** The address a {@code ${type.name.attr}} reference points at, or null when the text is not one. */
    public static String referencedAddress(String text) {
        Matcher m = INTERPOLATION.matcher(text == null ? "" : text);
        if (!m.find()) {
            return null;
        }
        Matcher t = TRAVERSAL.matcher(m.group(1).trim());
        return t.matches() && t.group(1) == null ? t.group(2) + "." + t.group(3) : null;
    }

    /** Every resource address a text references. */
    static List<String> referencedAddresses(String text) {
        return Synthesized.interpolations(text).stream()
                .map(expression -> TRAVERSAL.matcher(expression.trim()))
                .filter(t -> t.matches() && t.group(1) == null)
                .map(t -> t.group(2) + "." + t.group(3))
                .distinct()
                .toList();
    }

    /** A literal name, or a name prefix with what Terraform appends. */
    private static String named(JsonNode body, String argument) {
        if (body.hasNonNull(argument)) {
            return body.path(argument).asText();
        }
        return body.path(argument + "_prefix").asText() + UNIQUE_SUFFIX;
    }

    /** The names IAM gives the service-linked roles the baseline uses: {@code AWSServiceRoleFor<Service>[_<suffix>]}. */
    private static String serviceLinkedRoleName(JsonNode body) {
        String service = body.path("aws_service_name").asText();
        String name = switch (service) {
            case "autoscaling.amazonaws.com" -> "AWSServiceRoleForAutoScaling";
            case "config.amazonaws.com" -> "AWSServiceRoleForConfig";
            default -> throw new AssertionError("the policy model has no service-linked role name for " + service);
        };
        return body.hasNonNull("custom_suffix") ? name + "_" + body.path("custom_suffix").asText() : name;
    }

    private static String keyId(String address) {
        return "1234abcd-12ab-34cd-56ef-" + Naming.shortHash(address) + Naming.shortHash(address + "'");
    }
}
