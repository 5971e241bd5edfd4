# Offline rehearsal of production: HTTPS with a hosted zone id, a NAT gateway per zone and three zones, in
# its own account, carrying that account's baseline in us-east-1 (home) and eu-west-1 with daily Config
# recording, every GuardDuty plan asked for, a password expiry and a security contact, adopting what eu-west-1
# already runs (detector, Security Hub, analyzer) by import. Plan and apply
# against mocked providers, one per alias, asserting counts and wiring. The account's assertions share the
# runs of the web tier's: each run plans (and applies, and tears down) the whole stack.

mock_provider "aws" {
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "us_east_1"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "eu_west_1"
  source = "./tests/mocks"
}

# What eu-west-1 already runs: the imports of the adoption settings take these over (mocked providers
# cannot import, so the imported objects are given here). Adopted Config recorders and channels are proved
# by terraform validate only: a mocked import takes its arguments from the configuration, and theirs
# reference a role and a bucket that the plan has yet to create.
override_resource {
  target = aws_guardduty_detector.eu_west_1
  values = {
    id                           = "0123456789abcdef0123456789abcdef"
    account_id                   = "111122223333"
    arn                          = "arn:aws:guardduty:eu-west-1:111122223333:detector/0123456789abcdef0123456789abcdef"
    finding_publishing_frequency = "SIX_HOURS"
    tags_all                     = {}
    datasources                  = []
  }
}
override_resource {
  target = aws_securityhub_account.eu_west_1
  values = { id = "111122223333", arn = "arn:aws:securityhub:eu-west-1:111122223333:hub/default", control_finding_generator = "STANDARD_CONTROL" }
}
override_resource {
  target = aws_securityhub_standards_subscription.eu_west_1_fsbp
  values = { id = "arn:aws:securityhub:eu-west-1:111122223333:subscription/aws-foundational-security-best-practices/v/1.0.0" }
}
override_resource {
  target = aws_accessanalyzer_analyzer.eu_west_1
  values = { id = "ConsoleAnalyzer-1a2b", arn = "arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/ConsoleAnalyzer-1a2b", tags_all = {}, configuration = [] }
}

run "plan_has_a_nat_per_zone_serves_tls_on_443_redirects_port_80_and_records_everything_with_config" {
  command = plan

  assert {
    condition     = length(output.nat_gateway_ids) == 3 && length(output.private_route_table_ids) == 3
    error_message = "The per-az strategy means one NAT gateway per zone."
  }
  assert {
    condition     = [aws_subnet.private_a.availability_zone, aws_subnet.private_b.availability_zone, aws_subnet.private_c.availability_zone] == ["us-east-1a", "us-east-1b", "us-east-1c"]
    error_message = "Private subnets must spread over the three zones."
  }
  # Synthesized as a deliberate retire (BASELINE_ALLOW_DESTROY and BASELINE_ALLOW_ACCOUNT_DESTROY), so that
  # the teardown of this file can delete everything: the plan shows what a retire apply changes.
  assert {
    condition     = aws_lb.main.enable_deletion_protection == false
    error_message = "A retire apply turns production's deletion protection off, or AWS refuses to delete the load balancer."
  }
  assert {
    condition     = aws_s3_bucket.alb_logs.force_destroy && aws_s3_bucket.access_logs.force_destroy && aws_s3_bucket.trail.force_destroy && aws_s3_bucket.config.force_destroy
    error_message = "A retire apply lets the destroy empty the versioned buckets, or AWS refuses to delete them."
  }
  assert {
    condition     = length(aws_wafv2_web_acl.main.rule) == 4 && aws_wafv2_web_acl.main.scope == "REGIONAL" && aws_wafv2_web_acl_logging_configuration.main.redacted_fields[0].single_header[0].name == "authorization"
    error_message = "Production has a web ACL with three managed rule groups and a rate limit, logged with credentials redacted."
  }
  assert {
    condition     = aws_lb_listener.https.port == 443 && aws_lb_listener.https.protocol == "HTTPS"
    error_message = "HTTPS mode listens on 443 with TLS."
  }
  assert {
    condition     = aws_lb_listener.https.ssl_policy == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    error_message = "The TLS policy must be TLS 1.3/1.2."
  }
  assert {
    condition     = aws_lb_listener.http.default_action[0].type == "redirect" && aws_lb_listener.http.default_action[0].redirect[0].protocol == "HTTPS" && aws_lb_listener.http.default_action[0].redirect[0].status_code == "HTTP_301"
    error_message = "Port 80 must permanently redirect to HTTPS."
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.alb_https.from_port == 443
    error_message = "Port 443 opens when HTTPS is on."
  }
  assert {
    condition     = aws_acm_certificate.main.domain_name == "app.acme-corp.io" && aws_acm_certificate.main.validation_method == "DNS"
    error_message = "The certificate is for the user's domain, validated through DNS."
  }

  # The account baseline this stack carries.
  assert {
    condition     = aws_config_configuration_recorder.us_east_1.recording_group[0].all_supported && aws_config_configuration_recorder.us_east_1.recording_group[0].include_global_resource_types
    error_message = "The home region records every type, IAM's global ones included."
  }
  assert {
    condition     = aws_config_configuration_recorder.eu_west_1.recording_group[0].all_supported && !aws_config_configuration_recorder.eu_west_1.recording_group[0].include_global_resource_types
    error_message = "Other regions record every regional type and leave IAM to the home region."
  }
  assert {
    condition     = aws_config_configuration_recorder.eu_west_1.recording_mode[0].recording_frequency == "DAILY"
    error_message = "BASELINE_CONFIG_RECORDING_FREQUENCY=daily must reach every recorder."
  }
  assert {
    condition     = aws_config_configuration_recorder_status.eu_west_1.is_enabled && aws_config_configuration_recorder_status.us_east_1.name == "default"
    error_message = "Every recorder must be switched on; the baseline's own is named as AWS's default."
  }
  assert {
    condition     = aws_accessanalyzer_analyzer.eu_west_1.analyzer_name == "ConsoleAnalyzer-1a2b"
    error_message = "What the account already runs keeps its name: a new name would replace it."
  }
  # Known at plan time only because they are imported: a detector, hub or analyzer the plan creates has no id
  # or ARN yet, and AWS would refuse it (one detector and one account-level analyzer per region).
  assert {
    condition     = aws_guardduty_detector.eu_west_1.id == "0123456789abcdef0123456789abcdef" && aws_securityhub_account.eu_west_1.id == "111122223333"
    error_message = "The adopted detector and hub are imported, not created a second time."
  }
  assert {
    condition     = aws_accessanalyzer_analyzer.eu_west_1.arn == "arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/ConsoleAnalyzer-1a2b"
    error_message = "The adopted analyzer is imported: a second account-level analyzer in the region exceeds a quota AWS does not raise."
  }
  assert {
    condition     = aws_securityhub_account.eu_west_1.enable_default_standards == false
    error_message = "Security Hub must not subscribe to its default standards on its own."
  }
  assert {
    condition     = aws_securityhub_finding_aggregator.main.linking_mode == "ALL_REGIONS"
    error_message = "The home region must aggregate every region's findings."
  }
  assert {
    condition     = aws_guardduty_detector_feature.eu_west_1_s3_data_events.status == "ENABLED" && aws_guardduty_detector_feature.eu_west_1_runtime_monitoring.status == "ENABLED"
    error_message = "S3 protection is always on; the plans asked for are on too."
  }
  assert {
    condition     = aws_iam_account_password_policy.main.minimum_password_length == 14 && aws_iam_account_password_policy.main.password_reuse_prevention == 24 && aws_iam_account_password_policy.main.max_password_age == 90
    error_message = "CIS 1.8 and 1.9, with the expiry the settings ask for."
  }
  assert {
    condition     = aws_account_alternate_contact.security.alternate_contact_type == "SECURITY" && aws_account_alternate_contact.security.email_address == "security@acme-corp.io"
    error_message = "The security contact must be the one set."
  }
  assert {
    condition     = aws_s3_account_public_access_block.main.block_public_policy && aws_s3_account_public_access_block.main.restrict_public_buckets
    error_message = "Account-level S3 Block Public Access must be on."
  }
  assert {
    condition     = aws_ebs_encryption_by_default.us_east_1.enabled && aws_ebs_encryption_by_default.eu_west_1.enabled
    error_message = "EBS encryption by default must be on in every guardrail region."
  }
}

run "apply_routes_per_zone_serves_the_validated_certificate_and_wires_the_account_baseline" {
  command = apply

  assert {
    condition     = aws_route.private_a_nat.nat_gateway_id == aws_nat_gateway.nat_a.id && aws_route.private_b_nat.nat_gateway_id == aws_nat_gateway.nat_b.id && aws_route.private_c_nat.nat_gateway_id == aws_nat_gateway.nat_c.id
    error_message = "Each zone's private route table must use that zone's NAT gateway."
  }
  assert {
    condition     = aws_nat_gateway.nat_c.subnet_id == aws_subnet.public_c.id
    error_message = "Each NAT gateway sits in its own zone's public subnet."
  }
  assert {
    condition     = aws_route53_record.certificate_validation.zone_id == "Z0123456789ABCDEFGHIJ"
    error_message = "The validation record goes into the configured zone."
  }
  assert {
    condition     = aws_route53_record.certificate_validation.name == "_3639ac514e785e898d2646601fa951d5.app.acme-corp.io."
    error_message = "The validation record is the one ACM asks for."
  }
  assert {
    condition     = aws_acm_certificate_validation.main.certificate_arn == aws_acm_certificate.main.arn
    error_message = "The validation waits for this certificate."
  }
  assert {
    condition     = aws_lb_listener.https.certificate_arn == aws_acm_certificate_validation.main.certificate_arn
    error_message = "The listener uses the certificate only once it is validated."
  }
  assert {
    condition     = aws_lb_listener.https.default_action[0].target_group_arn == aws_lb_target_group.app.arn
    error_message = "The HTTPS listener forwards to the targets."
  }
  assert {
    condition     = aws_route53_record.app.alias[0].name == aws_lb.main.dns_name
    error_message = "The domain points at the load balancer."
  }
  assert {
    condition     = output.app_url == "https://app.acme-corp.io" && output.certificate_arn == aws_acm_certificate.main.arn
    error_message = "The application URL is https on the user's domain."
  }

  assert {
    condition     = aws_wafv2_web_acl_association.main.resource_arn == aws_lb.main.arn && aws_wafv2_web_acl_association.main.web_acl_arn == aws_wafv2_web_acl.main.arn
    error_message = "The web ACL must protect the load balancer."
  }
  assert {
    condition     = aws_wafv2_web_acl_logging_configuration.main.log_destination_configs == toset([aws_cloudwatch_log_group.waf.arn]) && aws_cloudwatch_log_group.waf.kms_key_id == aws_kms_key.main.arn
    error_message = "The web ACL must log to its encrypted log group."
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.waf_blocked_requests.alarm_actions == toset([aws_sns_topic.alarms.arn])
    error_message = "The blocked-requests alarm must notify the topic."
  }

  # The account baseline this stack carries.
  assert {
    condition     = aws_cloudtrail.main.kms_key_id == aws_kms_key.audit.arn && aws_cloudtrail.main.s3_bucket_name == aws_s3_bucket.trail.id
    error_message = "The trail must be encrypted with the audit key and write to the trail bucket."
  }
  assert {
    condition     = aws_cloudtrail.main.cloud_watch_logs_group_arn == "${aws_cloudwatch_log_group.trail.arn}:*" && aws_cloudwatch_log_group.trail.retention_in_days == 731
    error_message = "The trail must deliver to its log group, kept the carrier's log_retention_days."
  }
  assert {
    condition     = aws_cloudwatch_log_metric_filter.root_account_usage.log_group_name == aws_cloudwatch_log_group.trail.name
    error_message = "CIS filters must sit on the trail's log group."
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.root_account_usage.alarm_actions == toset([aws_sns_topic.alarms.arn])
    error_message = "CIS alarms must notify the carrier's alarm topic."
  }
  assert {
    condition     = aws_s3_bucket_logging.trail.target_bucket == aws_s3_bucket.audit_access_logs.id && aws_s3_bucket_logging.config.target_bucket == aws_s3_bucket.audit_access_logs.id
    error_message = "The audit buckets must log to the audit access-log bucket."
  }
  assert {
    condition     = aws_config_delivery_channel.eu_west_1.s3_bucket_name == aws_s3_bucket.config.id && aws_config_delivery_channel.us_east_1.s3_bucket_name == aws_s3_bucket.config.id
    error_message = "Every region must deliver to the one Config bucket."
  }
  assert {
    condition     = aws_config_configuration_recorder.eu_west_1.role_arn == aws_iam_role.config.arn
    error_message = "Every recorder must use the baseline's Config role."
  }
  assert {
    condition     = aws_guardduty_detector_feature.eu_west_1_s3_data_events.detector_id == aws_guardduty_detector.eu_west_1.id
    error_message = "Each region's features must configure that region's detector."
  }
  assert {
    condition     = aws_securityhub_standards_subscription.eu_west_1_cis.standards_arn == "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0"
    error_message = "Each region subscribes to CIS v3.0.0 in its own region."
  }
  assert {
    condition     = aws_accessanalyzer_analyzer.eu_west_1.type == "ACCOUNT"
    error_message = "Each region has an account-level external access analyzer."
  }
  assert {
    condition     = aws_default_security_group.default_vpc_eu_west_1[0].vpc_id == "vpc-0d3fa017c0ffee000" && length(aws_default_security_group.default_vpc_us_east_1) == 1
    error_message = "Each region's default VPC must have its default security group locked."
  }
  assert {
    condition     = aws_iam_role_policy_attachment.support.role == aws_iam_role.support.name
    error_message = "The support role must carry AWSSupportAccess."
  }
  assert {
    condition     = output.account_baseline_stack == "baseline-prod" && output.guardrail_regions == ["us-east-1", "eu-west-1"]
    error_message = "This stack carries its account's baseline, home region first."
  }
}

# An account that deleted its default VPCs keeps them deleted: nothing is created, nothing locked.
run "a_region_without_a_default_vpc_gets_none" {
  command = plan

  override_data {
    target = data.aws_vpcs.default_eu_west_1
    values = { ids = [] }
  }

  assert {
    condition     = length(aws_default_security_group.default_vpc_eu_west_1) == 0 && length(aws_default_security_group.default_vpc_us_east_1) == 1
    error_message = "Only a region that still has a default VPC gets its default security group locked."
  }
}

# The default layout needs 5 Elastic IPs in one region of one account (dev 1, staging 1, prod 3): exactly the
# default quota. One more address allocated there, and production's NAT gateways no longer fit: the plan
# says so before anything is allocated, instead of the apply failing with AddressLimitExceeded.
run "production_nat_gateways_that_do_not_fit_the_elastic_ip_quota_stop_the_plan" {
  command = plan

  override_data {
    target = data.aws_eips.allocated
    values = { allocation_ids = ["eipalloc-0dev00000000000001", "eipalloc-0staging000000000001", "eipalloc-0other00000000000001"] }
  }

  expect_failures = [aws_eip.nat_a, aws_eip.nat_b, aws_eip.nat_c]
}
