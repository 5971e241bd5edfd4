# Offline rehearsal of production's account stack: its own account through a role, home us-east-1 and
# eu-west-1 guarded, daily Config recording, every GuardDuty plan asked for, a password expiry and a security
# contact, adopting what eu-west-1 already runs (detector, Security Hub, analyzer) by import, synthesized as a
# deliberate retire (BASELINE_ALLOW_ACCOUNT_DESTROY) so that the teardown can delete everything. Plan and apply
# against mocked providers, one per alias, asserting counts and wiring.

# include: mock-providers.hcl

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

# The plan also finds Config's service-linked role in place (the console or Control Tower made it): it is
# imported, not created a second time. The apply below, in an account without it, creates it.
run "plan_records_everything_with_config_and_adopts_what_eu_west_1_runs" {
  command = plan

  override_data {
    target = data.aws_iam_roles.config_service_linked
    values = { arns = ["arn:aws:iam::333333333333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"] }
  }
  override_resource {
    target = aws_iam_service_linked_role.config
    values = { arn = "arn:aws:iam::333333333333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig", name = "AWSServiceRoleForConfig" }
  }

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
    condition     = aws_ec2_instance_metadata_defaults.eu_west_1.http_tokens == "required" && aws_ec2_instance_metadata_defaults.eu_west_1.http_put_response_hop_limit == 2
    error_message = "New instances require IMDSv2 by default, with a hop limit containers can use."
  }
  assert {
    condition     = aws_ebs_snapshot_block_public_access.eu_west_1.state == "block-all-sharing" && aws_ec2_image_block_public_access.eu_west_1.state == "block-new-sharing" && aws_ec2_serial_console_access.eu_west_1.enabled == false
    error_message = "No public snapshot or AMI, no serial console."
  }
  assert {
    condition     = aws_securityhub_standards_subscription.eu_west_1_cis.standards_arn == "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/5.0.0" && aws_securityhub_standards_control_association.eu_west_1_cis_iam_4.association_status == "DISABLED"
    error_message = "CIS v5.0.0, with the global IAM controls off outside the home region."
  }
  assert {
    condition     = aws_ebs_encryption_by_default.us_east_1.enabled && aws_ebs_encryption_by_default.eu_west_1.enabled
    error_message = "EBS encryption by default must be on in every guardrail region."
  }
  assert {
    condition     = aws_iam_service_linked_role.config.arn == "arn:aws:iam::333333333333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
    error_message = "The existing Config role is imported, known at plan time; a created one would have no ARN yet."
  }
}

run "apply_wires_the_trail_its_alarms_and_the_guardrails" {
  command = apply

  assert {
    condition     = aws_cloudtrail.main.kms_key_id == aws_kms_key.audit.arn && aws_cloudtrail.main.s3_bucket_name == aws_s3_bucket.trail.id
    error_message = "The trail must be encrypted with the audit key and write to the trail bucket."
  }
  assert {
    condition     = aws_cloudtrail.main.cloud_watch_logs_group_arn == "${aws_cloudwatch_log_group.trail.arn}:*" && aws_cloudwatch_log_group.trail.retention_in_days == 731
    error_message = "The trail must deliver to its log group, kept the account stack's log_retention_days."
  }
  assert {
    condition     = aws_cloudwatch_log_metric_filter.root_account_usage.log_group_name == aws_cloudwatch_log_group.trail.name
    error_message = "CIS filters must sit on the trail's log group."
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.root_account_usage.alarm_actions == toset([aws_sns_topic.security_alarms.arn]) && aws_sns_topic.security_alarms.kms_master_key_id == aws_kms_key.audit.arn
    error_message = "CIS alarms must notify the account's own encrypted security alarm topic."
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
    condition     = aws_config_configuration_recorder.eu_west_1.role_arn == aws_iam_service_linked_role.config.arn && aws_iam_service_linked_role.config.aws_service_name == "config.amazonaws.com"
    error_message = "Every recorder must record through Config's service-linked role (CIS v5.0 3.3, FSBP Config.1)."
  }
  assert {
    condition     = length(aws_cloudtrail.main.advanced_event_selector) == 3 && length(aws_cloudtrail.main.event_selector) == 0
    error_message = "BASELINE_TRAIL_DATA_EVENTS=s3,lambda: management events and two data-event selectors, in advanced selectors only."
  }
  assert {
    condition     = aws_accessanalyzer_analyzer.unused_access.type == "ACCOUNT_UNUSED_ACCESS" && aws_accessanalyzer_analyzer.unused_access.configuration[0].unused_access[0].unused_access_age == 90
    error_message = "BASELINE_UNUSED_ACCESS_ANALYZER=true: one unused-access analyzer, in the home region."
  }
  assert {
    condition     = aws_guardduty_detector_feature.eu_west_1_s3_data_events.detector_id == aws_guardduty_detector.eu_west_1.id
    error_message = "Each region's features must configure that region's detector."
  }
  assert {
    condition     = aws_securityhub_standards_subscription.us_east_1_cis.standards_arn == "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/5.0.0"
    error_message = "Each region subscribes to CIS v5.0.0 in its own region."
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
    condition     = output.guardrail_regions == ["us-east-1", "eu-west-1"]
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

