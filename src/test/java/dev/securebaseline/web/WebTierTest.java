package dev.securebaseline.web;

import dev.securebaseline.testing.Configurations;
import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.securebaseline.testing.Synthesized.texts;
import static dev.securebaseline.testing.Synthesized.ref;
import static org.assertj.core.api.Assertions.assertThat;

/** The web tier in both modes: load balancer, listeners, certificate, launch template, Auto Scaling, alarms. */
class WebTierTest {

    private final Synthesized http = Synth.defaults();
    private final Synthesized https = Synth.of(Configurations.HTTPS_WITH_ZONE_ID);
    private final Synthesized httpsByZoneName = Synth.of(Map.of(
            "BASELINE_ENABLE_HTTPS", "true", "BASELINE_DOMAIN_NAME", "shop.acme-corp.io",
            "BASELINE_HOSTED_ZONE_NAME", "acme-corp.io", "BASELINE_CREATE_DNS_RECORD", "false"));

    // ------------------------------------------------------------------ load balancer

    @Test
    void loadBalancerIsInternetFacingInThePublicSubnetsAndDropsInvalidHeaders() {
        JsonNode alb = http.resource("aws_lb", "main");

        assertThat(alb.path("internal").asBoolean(true)).isFalse();
        assertThat(alb.path("load_balancer_type").asText()).isEqualTo("application");
        assertThat(texts(alb.path("subnets"))).containsExactly(ref("aws_subnet.public_a", "id"), ref("aws_subnet.public_b", "id"));
        assertThat(texts(alb.path("security_groups"))).containsExactly(ref("aws_security_group.alb", "id"));
        assertThat(alb.path("drop_invalid_header_fields").asBoolean()).isTrue();
        assertThat(alb.path("desync_mitigation_mode").asText()).isEqualTo("defensive");
        assertThat(alb.path("idle_timeout").asInt()).isEqualTo(60);
    }

    @Test
    void deletionProtectionIsOnInProductionAndOffElsewhereUnlessSet() {
        assertThat(http.resource("aws_lb", "main").path("enable_deletion_protection").asBoolean()).isFalse();
        assertThat(https.resource("aws_lb", "main").path("enable_deletion_protection").asBoolean()).isTrue();
        assertThat(Synth.of(Map.of("BASELINE_DELETION_PROTECTION", "true"))
                .resource("aws_lb", "main").path("enable_deletion_protection").asBoolean()).isTrue();
    }

    @Test
    void accessLogsGoToAnSseS3BucketThatOnlyLoadBalancerLogDeliveryMayWrite() {
        JsonNode logs = http.resource("aws_lb", "main").path("access_logs");
        assertThat(logs.path("bucket").asText()).isEqualTo(ref("aws_s3_bucket.alb_logs", "id"));
        assertThat(logs.path("enabled").asBoolean()).isTrue();
        assertThat(http.resource("aws_s3_bucket_server_side_encryption_configuration", "alb_logs").path("rule").get(0)
                .path("apply_server_side_encryption_by_default").path("sse_algorithm").asText()).isEqualTo("AES256");
        assertThat(http.resource("aws_s3_bucket_versioning", "alb_logs").path("versioning_configuration").path("status").asText())
                .isEqualTo("Enabled");
        assertThat(http.resource("aws_s3_bucket_public_access_block", "alb_logs").path("restrict_public_buckets").asBoolean()).isTrue();

        JsonNode delivery = http.statement("aws_s3_bucket_policy", "alb_logs", "policy", "ElbLogDelivery");
        assertThat(delivery.path("Principal").path("Service").asText()).isEqualTo("logdelivery.elasticloadbalancing.amazonaws.com");
        assertThat(delivery.path("Resource").asText())
                .isEqualTo(ref("aws_s3_bucket.alb_logs", "arn") + "/alb/AWSLogs/${data.aws_caller_identity.current.account_id}/*");
        JsonNode regional = http.statement("aws_s3_bucket_policy", "alb_logs", "policy", "ElbRegionalAccountLogDelivery");
        assertThat(regional.path("Principal").path("AWS").asText()).isEqualTo(ref("data.aws_elb_service_account.main", "arn"));
    }

    @Test
    void regionsOpenedAfter2021GrantOnlyTheLogDeliveryServicePrincipal() {
        Synthesized zurich = Synth.of(Map.of("BASELINE_REGION", "eu-central-2", "BASELINE_GUARDRAIL_REGIONS", "eu-central-2"));

        assertThat(zurich.json().path("data").has("aws_elb_service_account")).isFalse();
        assertThat(zurich.policy("aws_s3_bucket_policy", "alb_logs", "policy").toString()).doesNotContain("ElbRegionalAccountLogDelivery");
    }

    @Test
    void targetGroupChecksTheConfiguredPathAndIsReplacedBeforeItIsDestroyed() {
        JsonNode group = Synth.of(Map.of("BASELINE_HEALTH_CHECK_PATH", "/healthz", "BASELINE_APP_PORT", "9000"))
                .resource("aws_lb_target_group", "app");

        assertThat(group.path("port").asInt()).isEqualTo(9000);
        assertThat(group.path("protocol").asText()).isEqualTo("HTTP");
        assertThat(group.path("health_check").path("path").asText()).isEqualTo("/healthz");
        assertThat(group.path("health_check").path("matcher").asText()).isEqualTo("200");
        assertThat(group.path("deregistration_delay").asInt()).isEqualTo(30);
        assertThat(group.path("lifecycle").path("create_before_destroy").asBoolean()).isTrue();
        assertThat(group.path("name").asText())
                .isEqualTo("baseline-dev-tg-${substr(md5(join(\"/\", [aws_vpc.main.id, \"9000\", \"HTTP\", \"instance\"])), 0, 6)}");
    }

    // ------------------------------------------------------------------ HTTP and HTTPS

    @Test
    void httpModeHasOnePlainListenerForwardingToTheTargetsAndNoCertificate() {
        JsonNode listener = http.resource("aws_lb_listener", "http");

        assertThat(listener.path("port").asInt()).isEqualTo(80);
        assertThat(listener.path("protocol").asText()).isEqualTo("HTTP");
        assertThat(listener.path("default_action").get(0).path("type").asText()).isEqualTo("forward");
        assertThat(listener.path("default_action").get(0).path("target_group_arn").asText()).isEqualTo(ref("aws_lb_target_group.app", "arn"));
        assertThat(http.resources("aws_lb_listener").keySet()).containsExactly("http");
        assertThat(http.resources("aws_acm_certificate")).isEmpty();
        assertThat(http.resources("aws_acm_certificate_validation")).isEmpty();
        assertThat(http.resources("aws_route53_record")).isEmpty();
        assertThat(http.output("app_url").path("value").asText()).isEqualTo("http://" + ref("aws_lb.main", "dns_name"));
    }

    @Test
    void httpsModeServesTls13On443WithTheValidatedCertificate() {
        JsonNode listener = https.resource("aws_lb_listener", "https");

        assertThat(listener.path("port").asInt()).isEqualTo(443);
        assertThat(listener.path("protocol").asText()).isEqualTo("HTTPS");
        assertThat(listener.path("ssl_policy").asText()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
        assertThat(listener.path("certificate_arn").asText()).isEqualTo(ref("aws_acm_certificate_validation.main", "certificate_arn"));
        assertThat(listener.path("default_action").get(0).path("type").asText()).isEqualTo("forward");
        assertThat(https.output("app_url").path("value").asText()).isEqualTo("https://app.acme-corp.io");
        assertThat(https.output("certificate_arn").path("value").asText()).isEqualTo(ref("aws_acm_certificate.main", "arn"));
    }

    @Test
    void httpsModeTurnsPort80IntoAPermanentRedirect() {
        JsonNode action = https.resource("aws_lb_listener", "http").path("default_action").get(0);

        assertThat(action.path("type").asText()).isEqualTo("redirect");
        assertThat(action.path("redirect").path("protocol").asText()).isEqualTo("HTTPS");
        assertThat(action.path("redirect").path("port").asText()).isEqualTo("443");
        assertThat(action.path("redirect").path("status_code").asText()).isEqualTo("HTTP_301");
    }

    @Test
    void certificateIsDnsValidatedInTheUsersZone() {
        JsonNode certificate = https.resource("aws_acm_certificate", "main");
        assertThat(certificate.path("domain_name").asText()).isEqualTo("app.acme-corp.io");
        assertThat(certificate.path("validation_method").asText()).isEqualTo("DNS");
        assertThat(certificate.path("lifecycle").path("create_before_destroy").asBoolean()).isTrue();

        JsonNode record = https.resource("aws_route53_record", "certificate_validation");
        assertThat(record.path("zone_id").asText()).isEqualTo("Z0123456789ABCDEFGHIJ");
        assertThat(record.path("name").asText())
                .isEqualTo("${tolist(aws_acm_certificate.main.domain_validation_options)[0].resource_record_name}");
        assertThat(texts(https.resource("aws_acm_certificate_validation", "main").path("validation_record_fqdns")))
                .containsExactly(ref("aws_route53_record.certificate_validation", "fqdn"));

        JsonNode alias = https.resource("aws_route53_record", "app");
        assertThat(alias.path("name").asText()).isEqualTo("app.acme-corp.io");
        assertThat(alias.path("alias").path("name").asText()).isEqualTo(ref("aws_lb.main", "dns_name"));
    }

    @Test
    void aZoneGivenByNameIsLookedUpAndTheAliasRecordIsOptional() {
        JsonNode zone = httpsByZoneName.data("aws_route53_zone", "main");

        assertThat(zone.path("name").asText()).isEqualTo("acme-corp.io");
        assertThat(zone.path("private_zone").asBoolean(true)).isFalse();
        assertThat(httpsByZoneName.resource("aws_route53_record", "certificate_validation").path("zone_id").asText())
                .isEqualTo(ref("data.aws_route53_zone.main", "zone_id"));
        assertThat(httpsByZoneName.hasResource("aws_route53_record", "app")).isFalse();
    }

    @Test
    void noCertificateIsEverRequestedForAReservedDomain() {
        for (Synthesized stack : List.of(http, https, httpsByZoneName)) {
            assertThat(stack.text()).doesNotContainPattern("example\\.(com|org|net)");
        }
    }

    // ------------------------------------------------------------------ compute

    @Test
    void launchTemplateRequiresImdsV2WithOneHop() {
        JsonNode metadata = http.resource("aws_launch_template", "app").path("metadata_options");

        assertThat(metadata.path("http_tokens").asText()).isEqualTo("required");
        assertThat(metadata.path("http_endpoint").asText()).isEqualTo("enabled");
        assertThat(metadata.path("http_put_response_hop_limit").asInt()).isEqualTo(1);
    }

    @Test
    void rootVolumeIsEncryptedGp3WithTheCustomerKey() {
        JsonNode mapping = http.resource("aws_launch_template", "app").path("block_device_mappings").get(0);

        assertThat(mapping.path("device_name").asText()).isEqualTo(ref("data.aws_ami.app", "root_device_name"));
        assertThat(mapping.path("ebs").path("encrypted").asBoolean()).isTrue();
        assertThat(mapping.path("ebs").path("volume_type").asText()).isEqualTo("gp3");
        assertThat(mapping.path("ebs").path("kms_key_id").asText()).isEqualTo(ref("aws_kms_key.main", "arn"));
    }

    @Test
    void instancesGetNoPublicIpAndOnlyTheAppSecurityGroup() {
        JsonNode nic = http.resource("aws_launch_template", "app").path("network_interfaces").get(0);

        assertThat(nic.path("associate_public_ip_address").asBoolean(true)).isFalse();
        assertThat(texts(nic.path("security_groups"))).containsExactly(ref("aws_security_group.app", "id"));
    }

    @Test
    void theAmiComesFromADataSourceAndNoAmiIdIsTypedAnywhere() {
        assertThat(http.resource("aws_launch_template", "app").path("image_id").asText()).isEqualTo(ref("data.aws_ami.app", "id"));
        JsonNode ami = http.data("aws_ami", "app");
        assertThat(ami.path("most_recent").asBoolean()).isTrue();
        assertThat(texts(ami.path("owners"))).containsExactly("amazon");
        assertThat(ami.path("filter").toString()).contains("al2023-ami-2023.*-kernel-*-x86_64");
        for (Synthesized stack : List.of(http, https, httpsByZoneName)) {
            assertThat(stack.text()).doesNotContainPattern("ami-[0-9a-f]{8,}");
        }
    }

    @Test
    void gravitonInstanceTypesGetArmImages() {
        Synthesized graviton = Synth.of(Map.of("BASELINE_INSTANCE_TYPE", "m7g.large"));

        assertThat(graviton.data("aws_ami", "app").path("filter").toString())
                .contains("al2023-ami-2023.*-kernel-*-arm64").contains("\"arm64\"").doesNotContain("x86_64");
    }

    @Test
    void instanceRoleHasOnlySessionManager() {
        assertThat(http.resources("aws_iam_role_policy_attachment").entrySet().stream()
                .filter(attachment -> attachment.getValue().path("role").asText().equals(ref("aws_iam_role.app", "name")))
                .map(Map.Entry::getKey)).containsExactly("app_ssm");
        assertThat(http.resource("aws_iam_role_policy_attachment", "app_ssm").path("policy_arn").asText())
                .isEqualTo("arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore");
        assertThat(http.resource("aws_launch_template", "app").path("iam_instance_profile").path("arn").asText())
                .isEqualTo(ref("aws_iam_instance_profile.app", "arn"));
        assertThat(http.json().path("resource").path("aws_iam_role_policy").has("app")).isFalse();
    }

    @Test
    void userDataServesAPageAndTheHealthEndpointOnTheAppPort() {
        Synthesized custom = Synth.of(Map.of("BASELINE_APP_PORT", "9000", "BASELINE_HEALTH_CHECK_PATH", "/status/ready"));
        String script = custom.json().path("locals").path("app_user_data").asText();

        assertThat(custom.resource("aws_launch_template", "app").path("user_data").asText()).isEqualTo("${base64encode(local.app_user_data)}");
        assertThat(script).startsWith("#!/bin/bash").contains("http.server 9000").contains("health=\"$root/status/ready\"");
        assertThat(script).doesNotContain("@APP_PORT@").doesNotContain("@HEALTH_PATH@").doesNotContain("@NAME@");
        assertThat(script.replace("$${", "")).as("no unescaped Terraform template sequence").doesNotContain("${");
    }

    @Test
    void autoScalingGroupRunsInThePrivateSubnetsWithElbHealthChecksAndRollingRefresh() {
        JsonNode group = https.resource("aws_autoscaling_group", "app");

        assertThat(texts(group.path("vpc_zone_identifier"))).containsExactly(
                ref("aws_subnet.private_a", "id"), ref("aws_subnet.private_b", "id"), ref("aws_subnet.private_c", "id"));
        assertThat(group.path("health_check_type").asText()).isEqualTo("ELB");
        assertThat(group.path("health_check_grace_period").asInt()).isPositive();
        assertThat(group.path("min_size").asInt()).isEqualTo(2);
        assertThat(group.path("desired_capacity").asInt()).isEqualTo(2);
        assertThat(group.path("max_size").asInt()).isEqualTo(6);
        assertThat(texts(group.path("target_group_arns"))).containsExactly(ref("aws_lb_target_group.app", "arn"));
        assertThat(group.path("launch_template").path("version").asText()).isEqualTo(ref("aws_launch_template.app", "latest_version"));
        assertThat(group.path("instance_refresh").path("strategy").asText()).isEqualTo("Rolling");
        assertThat(group.path("instance_refresh").path("preferences").path("min_healthy_percentage").asInt()).isEqualTo(90);
        assertThat(group.path("service_linked_role_arn").asText()).isEqualTo(ref("aws_iam_service_linked_role.autoscaling", "arn"));
    }

    @Test
    void tagsArePropagatedToInstances() {
        JsonNode tags = http.resource("aws_autoscaling_group", "app").path("tag");

        assertThat(tags).allSatisfy(tag -> assertThat(tag.path("propagate_at_launch").asBoolean()).isTrue());
        assertThat(tags).extracting(tag -> tag.path("key").asText())
                .containsExactlyInAnyOrder("Name", "project", "environment", "owner", "managed-by");
    }

    @Test
    void cpuTargetTrackingScalesTheGroup() {
        JsonNode policy = Synth.of(Map.of("BASELINE_CPU_TARGET_PERCENT", "60")).resource("aws_autoscaling_policy", "cpu");

        assertThat(policy.path("policy_type").asText()).isEqualTo("TargetTrackingScaling");
        assertThat(policy.path("autoscaling_group_name").asText()).isEqualTo(ref("aws_autoscaling_group.app", "name"));
        assertThat(policy.path("target_tracking_configuration").path("target_value").asInt()).isEqualTo(60);
        assertThat(policy.path("target_tracking_configuration").path("predefined_metric_specification")
                .path("predefined_metric_type").asText()).isEqualTo("ASGAverageCPUUtilization");
    }

    @Test
    void theKeyLetsOnlyThisDeploymentsAutoScalingRoleUseItForVolumes() {
        String role = ref("aws_iam_service_linked_role.autoscaling", "arn");
        JsonNode use = http.statement("aws_kms_key", "main", "policy", "AutoScalingUsesKeyForVolumes");
        JsonNode grant = http.statement("aws_kms_key", "main", "policy", "AutoScalingAttachesEncryptedVolumes");

        assertThat(use.path("Principal").path("AWS").asText()).isEqualTo(role);
        assertThat(grant.path("Principal").path("AWS").asText()).isEqualTo(role);
        assertThat(grant.path("Action").asText()).isEqualTo("kms:CreateGrant");
        assertThat(grant.path("Condition").path("Bool").path("kms:GrantIsForAWSResource").asText()).isEqualTo("true");
        assertThat(http.resource("aws_iam_service_linked_role", "autoscaling").path("aws_service_name").asText())
                .isEqualTo("autoscaling.amazonaws.com");
    }

    // ------------------------------------------------------------------ alarms and outputs

    @Test
    void operationalAlarmsWatchHostsTargetErrorsAndLoadBalancerErrors() {
        JsonNode unhealthy = http.resource("aws_cloudwatch_metric_alarm", "unhealthy_hosts");
        assertThat(unhealthy.path("metric_name").asText()).isEqualTo("UnHealthyHostCount");
        assertThat(unhealthy.path("dimensions").path("TargetGroup").asText()).isEqualTo(ref("aws_lb_target_group.app", "arn_suffix"));
        assertThat(unhealthy.path("threshold").asInt()).isEqualTo(1);

        JsonNode rate = Synth.of(Map.of("BASELINE_TARGET_5XX_RATE_PERCENT", "3")).resource("aws_cloudwatch_metric_alarm", "target_5xx_rate");
        assertThat(rate.path("threshold").asInt()).isEqualTo(3);
        assertThat(rate.path("metric_query").get(0).path("expression").asText()).isEqualTo("IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)");
        assertThat(rate.path("metric_query").get(1).path("metric").path("metric_name").asText()).isEqualTo("HTTPCode_Target_5XX_Count");

        JsonNode elb = http.resource("aws_cloudwatch_metric_alarm", "alb_5xx");
        assertThat(elb.path("metric_name").asText()).isEqualTo("HTTPCode_ELB_5XX_Count");
        assertThat(elb.path("dimensions").path("LoadBalancer").asText()).isEqualTo(ref("aws_lb.main", "arn_suffix"));

        for (String alarm : List.of("unhealthy_hosts", "target_5xx_rate", "alb_5xx")) {
            JsonNode body = http.resource("aws_cloudwatch_metric_alarm", alarm);
            assertThat(texts(body.path("alarm_actions"))).as(alarm).containsExactly(ref("aws_sns_topic.alarms", "arn"));
            assertThat(texts(body.path("ok_actions"))).as(alarm).containsExactly(ref("aws_sns_topic.alarms", "arn"));
        }
    }

    @Test
    void outputsGiveIntegrationTestsWhatTheyNeedInBothModes() {
        List<String> always = List.of("app_url", "alb_dns_name", "alb_arn", "alb_arn_suffix", "http_listener_arn",
                "target_group_arn", "target_group_name", "asg_name", "launch_template_id",
                "alb_security_group_id", "app_security_group_id");
        for (String name : always) {
            assertThat(http.output(name).path("description").asText()).as(name).isNotBlank();
            assertThat(https.output(name).path("description").asText()).as(name).isNotBlank();
        }
        assertThat(https.output("https_listener_arn").path("value").asText()).isEqualTo(ref("aws_lb_listener.https", "arn"));
        assertThat(http.json().path("output").has("https_listener_arn")).isFalse();
        assertThat(http.json().path("output").has("certificate_arn")).isFalse();
    }

    @Test
    void loadBalancerAndTargetGroupNamesFitIn32CharactersForTheLongestAcceptedNames() {
        Synthesized longest = Synth.of(Map.of("BASELINE_PROJECT", "abcdefghijklm", "BASELINE_ENVIRONMENTS", "staging"));

        String alb = longest.resource("aws_lb", "main").path("name").asText();
        assertThat(alb).hasSize(32).doesNotStartWith("internal-");
        String group = longest.resource("aws_lb_target_group", "app").path("name").asText();
        String renderedGroup = group.replaceAll("\\$\\{.*}", "abcdef");
        assertThat(renderedGroup).hasSizeLessThanOrEqualTo(32);
        assertThat(longest.resource("aws_iam_service_linked_role", "autoscaling").path("custom_suffix").asText().length()
                + "AWSServiceRoleForAutoScaling_".length()).isLessThanOrEqualTo(64);
    }
}
