package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.settings.AccountSettings;
import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.testing.PolicyChecks.Check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static dev.securebaseline.testing.StackQueries.*;

/**
 * The pack of checkov's checks users run on {@code cdktf.out} ({@code terraform_json} framework), re-implemented over the
 * synthesized JSON from the public check definitions (bridgecrewio/checkov, {@code checkov/terraform/checks/resource/aws}
 * and {@code graph_checks/aws}), each tagged with the CIS AWS Foundations and FSBP controls it serves.
 */
final class CheckovChecks {

    private CheckovChecks() {
    }

    private static final Set<String> WEAK_TLS_POLICIES = Set.of("ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05",
            "ELBSecurityPolicy-TLS-1-0-2015-04", "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-2015-03",
            "ELBSecurityPolicy-2015-02", "ELBSecurityPolicy-2014-10", "ELBSecurityPolicy-Default", "ELBSecurityPolicy-2014-01");

    private static final Set<String> SECURITY_GROUP_USERS = Set.of("aws_lb", "aws_alb", "aws_launch_template", "aws_instance",
            "aws_network_interface", "aws_vpc_endpoint", "aws_lambda_function", "aws_db_instance", "aws_ecs_service");

    static final List<Check> ALL = List.of(
            // ---------------------------------------------------------------- CloudTrail
            new Check("CKV_AWS_67", "CIS 3.1, FSBP CloudTrail.1", "aws_cloudtrail",
                    (s, a, b) -> b.path("is_multi_region_trail").asBoolean(false)),
            new Check("CKV_AWS_36", "CIS 3.2, FSBP CloudTrail.4", "aws_cloudtrail",
                    (s, a, b) -> b.path("enable_log_file_validation").asBoolean(false)),
            new Check("CKV_AWS_35", "CIS 3.7, FSBP CloudTrail.2", "aws_cloudtrail",
                    (s, a, b) -> b.hasNonNull("kms_key_id")),
            new Check("CKV_AWS_251", "CIS 3.1, FSBP CloudTrail.1", "aws_cloudtrail",
                    (s, a, b) -> b.path("enable_logging").asBoolean(true)),
            new Check("CKV_AWS_252", "-", "aws_cloudtrail",
                    (s, a, b) -> b.hasNonNull("sns_topic_name")),
            new Check("CKV2_AWS_10", "CIS 3.4, FSBP CloudTrail.5", "aws_cloudtrail",
                    (s, a, b) -> b.path("cloud_watch_logs_group_arn").asText().contains("aws_cloudwatch_log_group.")
                            && b.hasNonNull("cloud_watch_logs_role_arn")),

            // ---------------------------------------------------------------- S3
            new Check("CKV_AWS_18", "CIS 3.6, FSBP S3.9", "aws_s3_bucket",
                    (s, a, b) -> b.has("logging") || !companions(s, "aws_s3_bucket_logging", "bucket", a).isEmpty()),
            new Check("CKV_AWS_21", "FSBP S3.14", "aws_s3_bucket",
                    (s, a, b) -> companions(s, "aws_s3_bucket_versioning", "bucket", a).stream()
                            .anyMatch(v -> v.path("versioning_configuration").path("status").asText().equals("Enabled"))),
            new Check("CKV_AWS_19", "CIS 2.1.1 (v1.4), FSBP S3.4", "aws_s3_bucket",
                    (s, a, b) -> !companions(s, "aws_s3_bucket_server_side_encryption_configuration", "bucket", a).isEmpty()),
            new Check("CKV_AWS_145", "CIS 3.7 (trail bucket)", "aws_s3_bucket",
                    (s, a, b) -> companions(s, "aws_s3_bucket_server_side_encryption_configuration", "bucket", a).stream()
                            .anyMatch(e -> Set.of("aws:kms", "aws:kms:dsse").contains(first(e.path("rule"))
                                    .path("apply_server_side_encryption_by_default").path("sse_algorithm").asText()))),
            new Check("CKV_AWS_144", "-", "aws_s3_bucket",
                    (s, a, b) -> !companions(s, "aws_s3_bucket_replication_configuration", "bucket", a).isEmpty()),
            new Check("CKV2_AWS_6", "CIS 2.1.4 (v1.4) / 2.1.4 (v3.0), FSBP S3.8", "aws_s3_bucket",
                    (s, a, b) -> companions(s, "aws_s3_bucket_public_access_block", "bucket", a).stream().anyMatch(p ->
                            p.path("block_public_acls").asBoolean() && p.path("block_public_policy").asBoolean()
                                    && p.path("ignore_public_acls").asBoolean() && p.path("restrict_public_buckets").asBoolean())),
            new Check("CKV2_AWS_61", "FSBP S3.13", "aws_s3_bucket",
                    (s, a, b) -> !companions(s, "aws_s3_bucket_lifecycle_configuration", "bucket", a).isEmpty()),
            new Check("CKV2_AWS_62", "FSBP S3.11", "aws_s3_bucket",
                    (s, a, b) -> !companions(s, "aws_s3_bucket_notification", "bucket", a).isEmpty()),
            new Check("CKV2_AWS_65", "FSBP S3.12", "aws_s3_bucket",
                    (s, a, b) -> companions(s, "aws_s3_bucket_ownership_controls", "bucket", a).stream()
                            .anyMatch(o -> o.path("rule").path("object_ownership").asText().equals("BucketOwnerEnforced"))),
            new Check("CKV_AWS_300", "FSBP S3.13", "aws_s3_bucket_lifecycle_configuration",
                    (s, a, b) -> StreamSupport.stream(b.path("rule").spliterator(), false)
                            .allMatch(r -> r.path("abort_incomplete_multipart_upload").has("days_after_initiation"))),
            new Check("CKV_AWS_70", "FSBP S3.2/S3.3", "aws_s3_bucket_policy",
                    (s, a, b) -> noStatement(s.policy(type(a), name(a), "policy"), st -> isAllow(st) && grantsToAnyone(st))),
            new Check("FSBP_S3.5", "CIS 2.1.2 (v1.4) / 2.1.1 (v3.0), FSBP S3.5", "aws_s3_bucket_policy",
                    (s, a, b) -> anyStatement(s.policy(type(a), name(a), "policy"), st -> st.path("Effect").asText().equals("Deny")
                            && st.path("Condition").path("Bool").path("aws:SecureTransport").asText().equals("false"))),

            // ---------------------------------------------------------------- KMS
            new Check("CKV_AWS_7", "CIS 3.8 (v1.4) / 3.6 (v3.0), FSBP KMS.4", "aws_kms_key",
                    (s, a, b) -> b.path("enable_key_rotation").asBoolean(false)),
            new Check("CKV_AWS_33", "-", "aws_kms_key",
                    (s, a, b) -> noStatement(s.policy(type(a), name(a), "policy"), st -> isAllow(st) && grantsToAnyone(st))),
            new Check("CKV_AWS_227", "-", "aws_kms_key", (s, a, b) -> b.path("is_enabled").asBoolean(true)),
            new Check("CKV2_AWS_64", "FSBP KMS.1/KMS.2", "aws_kms_key", (s, a, b) -> b.hasNonNull("policy")),

            // ---------------------------------------------------------------- CloudWatch Logs
            new Check("CKV_AWS_158", "-", "aws_cloudwatch_log_group", (s, a, b) -> b.hasNonNull("kms_key_id")),
            new Check("CKV_AWS_66", "-", "aws_cloudwatch_log_group", (s, a, b) -> b.hasNonNull("retention_in_days")),
            new Check("CKV_AWS_338", "CIS 3.4 (retention)", "aws_cloudwatch_log_group",
                    (s, a, b) -> resolveNumber(s, b.path("retention_in_days")) >= 365),
            new Check("CKV_AWS_319", "CIS 4.x (alarm actions)", "aws_cloudwatch_metric_alarm",
                    (s, a, b) -> b.path("actions_enabled").asBoolean(true)),

            // ---------------------------------------------------------------- network
            new Check("CKV2_AWS_11", "CIS 3.9 (v1.4) / 3.7 (v3.0), FSBP EC2.6", "aws_vpc",
                    (s, a, b) -> companions(s, "aws_flow_log", "vpc_id", a).stream()
                            .anyMatch(f -> f.path("traffic_type").asText().equals("ALL"))),
            new Check("CKV2_AWS_12", "CIS 5.3 (v1.4) / 5.4 (v3.0), FSBP EC2.2", "aws_vpc",
                    (s, a, b) -> companions(s, "aws_default_security_group", "vpc_id", a).stream()
                            .anyMatch(g -> !g.has("ingress") && !g.has("egress"))),
            new Check("CKV_AWS_130", "FSBP EC2.15", "aws_subnet",
                    (s, a, b) -> !b.path("map_public_ip_on_launch").asBoolean(false)),
            new Check("CKV2_AWS_35", "-", "aws_route",
                    (s, a, b) -> !(b.has("instance_id") && b.path("destination_cidr_block").asText().equals("0.0.0.0/0"))),
            new Check("CKV2_AWS_19", "-", "aws_eip",
                    (s, a, b) -> b.has("instance") && !companions(s, "aws_instance", "id", a).isEmpty()),

            // ---------------------------------------------------------------- security groups
            new Check("CKV_AWS_23", "FSBP EC2.13 (review)", "aws_security_group", (s, a, b) -> !b.path("description").asText().isBlank()),
            new Check("CKV_AWS_23", "FSBP EC2.13 (review)", "aws_vpc_security_group_ingress_rule",
                    (s, a, b) -> !b.path("description").asText().isBlank()),
            new Check("CKV_AWS_23", "FSBP EC2.13 (review)", "aws_vpc_security_group_egress_rule",
                    (s, a, b) -> !b.path("description").asText().isBlank()),
            new Check("CKV2_AWS_5", "-", "aws_security_group",
                    (s, a, b) -> SECURITY_GROUP_USERS.stream().anyMatch(type -> s.resources(type).values().stream()
                            .anyMatch(user -> user.toString().contains("${" + a + ".id}")))),
            new Check("CKV_AWS_24", "CIS 5.2 (v1.4) / 5.2-5.3 (v3.0), FSBP EC2.13", "aws_vpc_security_group_ingress_rule",
                    (s, a, b) -> !(openToWorld(b) && coversPort(b, 22))),
            new Check("CKV_AWS_25", "CIS 5.2 (v1.4) / 5.2-5.3 (v3.0), FSBP EC2.14", "aws_vpc_security_group_ingress_rule",
                    (s, a, b) -> !(openToWorld(b) && coversPort(b, 3389))),
            new Check("CKV_AWS_260", "FSBP EC2.18", "aws_vpc_security_group_ingress_rule",
                    (s, a, b) -> !(openToWorld(b) && coversPort(b, 80))),
            new Check("CKV_AWS_277", "FSBP EC2.19", "aws_vpc_security_group_ingress_rule",
                    (s, a, b) -> !(openToWorld(b) && b.path("ip_protocol").asText().equals("-1"))),
            new Check("CKV_AWS_382", "-", "aws_vpc_security_group_egress_rule",
                    (s, a, b) -> !(openToWorld(b) && b.path("ip_protocol").asText().equals("-1"))),

            // ---------------------------------------------------------------- SNS and IAM
            new Check("CKV_AWS_26", "FSBP SNS.1", "aws_sns_topic", (s, a, b) -> b.hasNonNull("kms_master_key_id")),
            new Check("CKV_AWS_169", "-", "aws_sns_topic_policy",
                    (s, a, b) -> noStatement(s.policy(type(a), name(a), "policy"),
                            st -> isAllow(st) && grantsToAnyone(st) && !st.has("Condition"))),
            new Check("CKV_AWS_60", "FSBP IAM.21", "aws_iam_role",
                    (s, a, b) -> noStatement(s.policy(type(a), name(a), "assume_role_policy"), st -> isAllow(st) && grantsToAnyone(st))),
            new Check("CKV_AWS_274", "CIS 1.16 (v1.4) / 1.15 (v3.0), FSBP IAM.1", "aws_iam_role_policy_attachment",
                    (s, a, b) -> !b.path("policy_arn").asText().endsWith("/AdministratorAccess")),
            // As checkov's definition: write access (not Describe/List/Get) on every resource.
            new Check("CKV_AWS_290", "FSBP IAM.21", "aws_iam_role_policy",
                    (s, a, b) -> noStatement(s.policy(type(a), name(a), "policy"),
                            st -> isAllow(st) && Synthesized.texts(st.path("Resource")).contains("*")
                                    && Synthesized.texts(st.path("Action")).stream().anyMatch(act -> !act.matches("[a-z0-9-]+:(Describe|List|Get)[A-Za-z]*\\*?")))),
            new Check("CKV_AWS_355", "FSBP IAM.21", "aws_iam_role_policy",
                    (s, a, b) -> noStatement(s.policy(type(a), name(a), "policy"),
                            st -> isAllow(st) && Synthesized.texts(st.path("Action")).stream().anyMatch(act -> act.endsWith(":*") || act.equals("*")))),

            // ---------------------------------------------------------------- load balancer
            new Check("CKV_AWS_91", "FSBP ELB.5", "aws_lb", (s, a, b) -> b.path("access_logs").path("enabled").asBoolean(false)),
            new Check("CKV_AWS_131", "FSBP ELB.4", "aws_lb", (s, a, b) -> b.path("drop_invalid_header_fields").asBoolean(false)),
            new Check("CKV_AWS_150", "FSBP ELB.6", "aws_lb", (s, a, b) -> b.path("enable_deletion_protection").asBoolean(false)),
            new Check("CKV_AWS_328", "FSBP ELB.12", "aws_lb",
                    (s, a, b) -> Set.of("defensive", "strictest").contains(b.path("desync_mitigation_mode").asText("defensive"))),
            new Check("CKV2_AWS_20", "FSBP ELB.1", "aws_lb",
                    (s, a, b) -> companions(s, "aws_lb_listener", "load_balancer_arn", a).stream()
                            .filter(l -> l.path("protocol").asText().equals("HTTP")).allMatch(StackQueries::redirectsToHttps)),
            new Check("CKV2_AWS_28", "-", "aws_lb",
                    (s, a, b) -> !companions(s, "aws_wafv2_web_acl_association", "resource_arn", a).isEmpty()),
            // As checkov's definition: an internet-facing load balancer's web ACL runs both the known bad inputs
            // (Log4j) and the anonymous IP list.
            new Check("CKV2_AWS_76", "-", "aws_lb",
                    (s, a, b) -> b.path("internal").asBoolean(false)
                            || companions(s, "aws_wafv2_web_acl_association", "resource_arn", a).stream().anyMatch(association ->
                            webAclOf(s, association).map(acl -> managedGroups(acl).containsAll(
                                    List.of("AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAnonymousIpList"))).orElse(false))),
            new Check("CKV_AWS_192", "-", "aws_wafv2_web_acl",
                    (s, a, b) -> StreamSupport.stream(b.path("rule").spliterator(), false).anyMatch(rule ->
                            rule.path("statement").path("managed_rule_group_statement").path("name").asText().equals("AWSManagedRulesKnownBadInputsRuleSet")
                                    && !rule.path("override_action").has("count"))),
            new Check("CKV2_AWS_31", "-", "aws_wafv2_web_acl",
                    (s, a, b) -> !companions(s, "aws_wafv2_web_acl_logging_configuration", "resource_arn", a).isEmpty()),
            new Check("CKV_AWS_2", "FSBP ELB.1", "aws_lb_listener",
                    (s, a, b) -> Set.of("HTTPS", "TLS", "TCP", "UDP", "TCP_UDP").contains(b.path("protocol").asText()) || redirectsToHttps(b)),
            // As checkov's graph definition: TCP/UDP, or HTTPS/TLS with a TLS 1.2+ policy, or a redirect to HTTPS.
            new Check("CKV_AWS_103", "FSBP ELB.17 (TLS 1.2+)", "aws_lb_listener",
                    (s, a, b) -> Set.of("TCP", "UDP", "TCP_UDP").contains(b.path("protocol").asText())
                            || (Set.of("HTTPS", "TLS").contains(b.path("protocol").asText())
                            && b.path("ssl_policy").asText().matches("ELBSecurityPolicy-(FS-1-2|TLS-1-2|TLS13).*"))
                            || redirectsToHttps(b)),
            new Check("CKV2_AWS_74", "-", "aws_lb_listener",
                    (s, a, b) -> b.hasNonNull("ssl_policy") && !WEAK_TLS_POLICIES.contains(b.path("ssl_policy").asText())),
            new Check("CKV_AWS_261", "-", "aws_lb_target_group",
                    (s, a, b) -> b.path("health_check").path("enabled").asBoolean(true) && b.path("health_check").has("path")),
            new Check("CKV_AWS_378", "-", "aws_lb_target_group",
                    (s, a, b) -> !b.path("protocol").asText().equals("HTTP") || s.resources("aws_lb_listener").values().stream()
                            .anyMatch(l -> l.toString().contains("${" + a + ".arn}") && !l.path("protocol").asText().equals("HTTP"))),

            // ---------------------------------------------------------------- compute
            new Check("CKV_AWS_79", "CIS 5.6 (v3.0), FSBP EC2.8", "aws_launch_template",
                    (s, a, b) -> b.path("metadata_options").path("http_tokens").asText().equals("required")),
            new Check("CKV_AWS_341", "-", "aws_launch_template",
                    (s, a, b) -> b.path("metadata_options").path("http_put_response_hop_limit").asInt(2) <= 1),
            new Check("CKV_AWS_88", "FSBP EC2.9", "aws_launch_template",
                    (s, a, b) -> StreamSupport.stream(b.path("network_interfaces").spliterator(), false)
                            .noneMatch(n -> n.path("associate_public_ip_address").asBoolean(false))),
            new Check("CKV_AWS_8", "CIS 2.2.1, FSBP EC2.3", "aws_launch_template",
                    (s, a, b) -> StreamSupport.stream(b.path("block_device_mappings").spliterator(), false)
                            .allMatch(m -> m.path("ebs").path("encrypted").asBoolean(false))),
            new Check("CKV_AWS_153", "-", "aws_autoscaling_group",
                    (s, a, b) -> StreamSupport.stream(b.path("tag").spliterator(), false).anyMatch(t -> t.path("propagate_at_launch").asBoolean())),
            new Check("CKV_AWS_315", "FSBP AutoScaling.9", "aws_autoscaling_group", (s, a, b) -> b.has("launch_template")),
            new Check("CKV2_AWS_15", "FSBP AutoScaling.1", "aws_autoscaling_group",
                    (s, a, b) -> !b.has("target_group_arns") || b.path("health_check_type").asText().equals("ELB")),
            new Check("CKV2_AWS_79", "-", "data.aws_ami", (s, a, b) -> !b.path("allow_unsafe_filter").asBoolean(false)),

            // ---------------------------------------------------------------- certificates and DNS
            new Check("CKV_AWS_233", "-", "aws_acm_certificate",
                    (s, a, b) -> b.path("lifecycle").path("create_before_destroy").asBoolean(false)),
            new Check("CKV_AWS_234", "-", "aws_acm_certificate",
                    (s, a, b) -> b.path("options").path("certificate_transparency_logging_preference").asText("ENABLED").equals("ENABLED")),
            new Check("CKV2_AWS_71", "-", "aws_acm_certificate", (s, a, b) -> !b.path("domain_name").asText().startsWith("*")),
            new Check("CKV2_AWS_23", "-", "aws_route53_record",
                    (s, a, b) -> !b.path("type").asText().equals("A") || b.has("alias") || b.has("records")),

            // ---------------------------------------------------------------- IAM password policy
            new Check("CKV_AWS_9", "CIS 1.11 (v1.2)", "aws_iam_account_password_policy",
                    (s, a, b) -> b.has("max_password_age") && b.path("max_password_age").asInt() <= 90),
            new Check("CKV_AWS_10", "CIS 1.8 (v3.0), FSBP IAM.15", "aws_iam_account_password_policy",
                    (s, a, b) -> b.path("minimum_password_length").asInt(0) >= 14),
            new Check("CKV_AWS_11", "FSBP IAM.7", "aws_iam_account_password_policy",
                    (s, a, b) -> b.path("require_lowercase_characters").asBoolean(false)),
            new Check("CKV_AWS_12", "FSBP IAM.7", "aws_iam_account_password_policy", (s, a, b) -> b.path("require_numbers").asBoolean(false)),
            new Check("CKV_AWS_13", "CIS 1.9 (v3.0), FSBP IAM.16", "aws_iam_account_password_policy",
                    (s, a, b) -> b.path("password_reuse_prevention").asInt(0) >= 24),
            new Check("CKV_AWS_14", "FSBP IAM.7", "aws_iam_account_password_policy", (s, a, b) -> b.path("require_symbols").asBoolean(false)),
            new Check("CKV_AWS_15", "FSBP IAM.7", "aws_iam_account_password_policy",
                    (s, a, b) -> b.path("require_uppercase_characters").asBoolean(false)),

            // ---------------------------------------------------------------- Config, GuardDuty, EBS, default VPC
            new Check("CKV2_AWS_45", "CIS 3.3 (v3.0), FSBP Config.1", "aws_config_configuration_recorder_status",
                    (s, a, b) -> b.path("is_enabled").asBoolean(false) && recorderOf(s, b).map(r ->
                            r.path("recording_group").path("all_supported").asBoolean(true)).orElse(false)),
            new Check("CKV2_AWS_48", "FSBP Config.1", "aws_config_configuration_recorder_status",
                    (s, a, b) -> b.path("is_enabled").asBoolean(false) && recorderOf(s, b).map(r ->
                            r.path("recording_group").path("include_global_resource_types").asBoolean(false)).orElse(false)),
            new Check("CKV2_AWS_3", "FSBP GuardDuty.1", "aws_guardduty_detector",
                    (s, a, b) -> b.path("enable").asBoolean(false) && !s.resources("aws_guardduty_organization_configuration").isEmpty()),
            new Check("CKV2_AWS_80", "-", "aws_guardduty_detector",
                    (s, a, b) -> Set.of("FIFTEEN_MINUTES", "ONE_HOUR").contains(b.path("finding_publishing_frequency").asText())),
            new Check("CKV_AWS_106", "CIS 2.2.1, FSBP EC2.7", "aws_ebs_encryption_by_default", (s, a, b) -> b.path("enabled").asBoolean(true)),

            // ---------------------------------------------------------------- network ACLs
            new Check("CKV_AWS_229", "CIS 5.1, FSBP EC2.21 (port 21)", "aws_network_acl_rule", (s, a, b) -> !aclAdmitsTheInternetTo(b, 21)),
            new Check("CKV_AWS_230", "CIS 5.1, FSBP EC2.21 (port 20)", "aws_network_acl_rule", (s, a, b) -> !aclAdmitsTheInternetTo(b, 20)),
            new Check("CKV_AWS_231", "CIS 5.1, FSBP EC2.21 (RDP)", "aws_network_acl_rule", (s, a, b) -> !aclAdmitsTheInternetTo(b, 3389)),
            new Check("CKV_AWS_232", "CIS 5.1, FSBP EC2.21 (SSH)", "aws_network_acl_rule", (s, a, b) -> !aclAdmitsTheInternetTo(b, 22)),
            new Check("CKV_AWS_352", "-", "aws_network_acl_rule",
                    (s, a, b) -> b.path("egress").asBoolean(false) || b.path("from_port").asInt(0) != 0),
            new Check("CKV2_AWS_24", "FSBP EC2.16", "aws_network_acl", (s, a, b) -> !b.path("subnet_ids").isEmpty()),
            new Check("CIS_5.1", "CIS 5.1, FSBP EC2.21", "aws_subnet",
                    (s, a, b) -> s.resources("aws_network_acl").values().stream().anyMatch(acl ->
                            Synthesized.texts(acl.path("subnet_ids")).contains("${" + a + ".id}"))),

            // ---------------------------------------------------------------- the account baseline, in every guardrail region
            Check.account("CIS_3.3", "CIS 3.3 (v3.0), FSBP Config.1", "aws_config_configuration_recorder", s -> inEveryRegion(s, region -> {
                List<String> missing = missing(s, region, "aws_config_configuration_recorder", "aws_config_delivery_channel",
                        "aws_config_configuration_recorder_status");
                if (!missing.isEmpty()) {
                    return missing;
                }
                JsonNode group = s.resource("aws_config_configuration_recorder", AwsRegions.alias(region)).path("recording_group");
                boolean home = region.equals(guardrailRegions(s).get(0));
                boolean recordsRight = group.path("all_supported").asBoolean(false) && group.path("include_global_resource_types").asBoolean(false) == home;
                boolean on = s.resource("aws_config_configuration_recorder_status", AwsRegions.alias(region)).path("is_enabled").asBoolean(false);
                return recordsRight && on ? List.of() : List.of("aws_config_configuration_recorder." + AwsRegions.alias(region));
            })),
            // Where the account does not run a service itself (an Organization, or the organization mode's security
            // account, runs it), its control is checked there: SB_ORGANIZATION_* below.
            Check.account("FSBP_GuardDuty.1", "FSBP GuardDuty.1", "aws_guardduty_detector", s -> !runs(s, AccountSettings::manageGuardDuty)
                    ? List.of() : inEveryRegion(s, region -> {
                String alias = AwsRegions.alias(region);
                List<String> missing = missing(s, region, "aws_guardduty_detector");
                boolean on = missing.isEmpty() && s.resource("aws_guardduty_detector", alias).path("enable").asBoolean(false)
                        && s.hasResource("aws_guardduty_detector_feature", alias + "_s3_data_events")
                        && s.resource("aws_guardduty_detector_feature", alias + "_s3_data_events").path("status").asText().equals("ENABLED");
                return on ? List.of() : List.of("aws_guardduty_detector." + alias);
            })),
            Check.account("CIS_4.16", "CIS 4.16 (v3.0), FSBP SecurityHub.1; subscribed to CIS v5.0.0", "aws_securityhub_account", s -> {
                if (!runs(s, AccountSettings::manageSecurityHub)) {
                    return List.of();
                }
                List<String> failures = new ArrayList<>(inEveryRegion(s, region -> {
                    String alias = AwsRegions.alias(region);
                    boolean on = s.hasResource("aws_securityhub_account", alias)
                            && !s.resource("aws_securityhub_account", alias).path("enable_default_standards").asBoolean(true)
                            && s.hasResource("aws_securityhub_standards_subscription", alias + "_fsbp")
                            && s.hasResource("aws_securityhub_standards_subscription", alias + "_cis")
                            && s.resource("aws_securityhub_standards_subscription", alias + "_cis").path("standards_arn").asText()
                            .endsWith("::standards/cis-aws-foundations-benchmark/v/5.0.0");
                    return on ? List.of() : List.of("aws_securityhub_account." + alias);
                }));
                if (!s.hasResource("aws_securityhub_finding_aggregator", "main")) {
                    failures.add("aws_securityhub_finding_aggregator.main");
                }
                return failures;
            }),
            Check.account("CIS_1.20", "CIS 1.20 (v3.0), FSBP IAM.28", "aws_accessanalyzer_analyzer", s -> !runs(s, AccountSettings::manageAccessAnalyzer)
                    ? List.of() : inEveryRegion(s, region ->
                    s.hasResource("aws_accessanalyzer_analyzer", AwsRegions.alias(region))
                            && s.resource("aws_accessanalyzer_analyzer", AwsRegions.alias(region)).path("type").asText().equals("ACCOUNT")
                            ? List.of() : List.of("aws_accessanalyzer_analyzer." + AwsRegions.alias(region)))),
            Check.account("CIS_2.2.1", "CIS 2.2.1, FSBP EC2.7", "aws_ebs_encryption_by_default", s -> inEveryRegion(s, region ->
                    s.hasResource("aws_ebs_encryption_by_default", AwsRegions.alias(region))
                            && s.resource("aws_ebs_encryption_by_default", AwsRegions.alias(region)).path("enabled").asBoolean(false)
                            ? List.of() : List.of("aws_ebs_encryption_by_default." + AwsRegions.alias(region)))),
            // The default VPC's default group is locked wherever a lookup of the region's default VPC finds one, and the
            // lookup, run against a region that also holds other teams' VPCs, selects the default VPC and nothing else.
            Check.account("CIS_5.4", "CIS 5.4 (v3.0), FSBP EC2.2", "aws_default_security_group", s -> inEveryRegion(s, region -> {
                String lookup = "data.aws_vpcs.default_" + AwsRegions.alias(region);
                boolean locked = s.resources("aws_default_security_group").values().stream().anyMatch(g ->
                        g.path("vpc_id").asText().equals("${" + lookup + ".ids[count.index]}")
                                && g.path("count").asText().equals("${length(" + lookup + ".ids)}") && !g.has("ingress") && !g.has("egress"));
                JsonNode filters = s.json().path("data").path("aws_vpcs").path("default_" + AwsRegions.alias(region)).path("filter");
                boolean onlyTheDefault = Ec2Filters.selected(filters, Ec2Filters.A_REGION_IN_USE).equals(List.of("vpc-0default0000000001"));
                return locked && onlyTheDefault ? List.of() : List.of(lookup);
            })),
            Check.account("CIS_2.1.4", "CIS 2.1.4 (v3.0), FSBP S3.1", "aws_s3_account_public_access_block", s ->
                    s.resources("aws_s3_account_public_access_block").values().stream().anyMatch(p ->
                            p.path("block_public_acls").asBoolean() && p.path("block_public_policy").asBoolean()
                                    && p.path("ignore_public_acls").asBoolean() && p.path("restrict_public_buckets").asBoolean())
                            ? List.of() : List.of("aws_s3_account_public_access_block.main")),
            Check.account("CIS_1.17", "CIS 1.17 (v3.0), FSBP IAM.18", "aws_iam_role_policy_attachment", s ->
                    s.resources("aws_iam_role_policy_attachment").values().stream().anyMatch(attachment ->
                            attachment.path("policy_arn").asText().endsWith(":iam::aws:policy/AWSSupportAccess"))
                            ? List.of() : List.of("aws_iam_role.support")));
}
