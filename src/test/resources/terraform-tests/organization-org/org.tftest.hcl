# Offline rehearsal of the example organization's org stack (management account, us-east-1 and eu-west-1), which reads
# where its trail delivers from the log archive's state: once that state names the buckets (the default below), before
# the log archive is deployed, and when the state names a bucket the log archive does not create. Plan only: the organization itself carries prevent_destroy in every
# configuration, which a test's teardown would trip. The existing organization is imported; mocked providers
# cannot import, so the imported object is given here.
#
# The world is not empty: the organization already runs tag, backup and AI-services opt-out policies (and a service
# control policy of its own, attached to the root), and trusted access for a tool the file does not name. The provider
# disables every enabled policy type missing from enabled_policy_types, and AWS then detaches every policy of that type
# from every root, unit and account; it removes trusted access the same way. So the plan must keep all of them.

# include: mock-providers.hcl

# include: log-archive-deployed.hcl

override_data {
  target = data.aws_organizations_organization.current
  values = {
    id                            = "o-a1b2c3d4e5"
    enabled_policy_types          = ["SERVICE_CONTROL_POLICY", "TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY"]
    aws_service_access_principals = ["sso.amazonaws.com", "member.org.stacksets.cloudformation.amazonaws.com"]
    roots = [{ id = "r-a1b2", arn = "arn:aws:organizations::111111111111:root/o-a1b2c3d4e5/r-a1b2", name = "Root", policy_types = [
      { type = "SERVICE_CONTROL_POLICY", status = "ENABLED" }, { type = "TAG_POLICY", status = "ENABLED" },
      { type = "BACKUP_POLICY", status = "ENABLED" }, { type = "AISERVICES_OPT_OUT_POLICY", status = "ENABLED" }] }]
  }
}

override_resource {
  target = aws_organizations_organization.main
  values = {
    id                = "o-a1b2c3d4e5"
    arn               = "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5"
    master_account_id = "111111111111"
    roots             = [{ id = "r-a1b2", arn = "arn:aws:organizations::111111111111:root/o-a1b2c3d4e5/r-a1b2", name = "Root", policy_types = [] }]
  }
}

# Known at plan time, so that the plan can show where the CIS alarms count and whom they notify.
override_resource {
  target          = aws_cloudwatch_log_group.trail
  override_during = plan
  values          = { name = "/baseline/org/cloudtrail-20261206093012345600000001", arn = "arn:aws:logs:us-east-1:111111111111:log-group:/baseline/org/cloudtrail-20261206093012345600000001" }
}
override_resource {
  target          = aws_sns_topic.security_alarms
  override_during = plan
  values          = { arn = "arn:aws:sns:us-east-1:111111111111:baseline-org-security-alarms-20261206093012345600000001" }
}

run "plan_adopts_the_organization_delegates_to_the_security_account_and_guards_the_members" {
  command = plan

  assert {
    condition     = aws_organizations_organization.main.id == "o-a1b2c3d4e5" && aws_organizations_organization.main.feature_set == "ALL"
    error_message = "The existing organization is imported, with all features, not created."
  }
  assert {
    condition     = contains(aws_organizations_organization.main.aws_service_access_principals, "guardduty.amazonaws.com") && contains(aws_organizations_organization.main.aws_service_access_principals, "sso.amazonaws.com")
    error_message = "Trusted access for the baseline's services, and for the ones the file keeps."
  }
  assert {
    condition     = contains(aws_organizations_organization.main.aws_service_access_principals, "member.org.stacksets.cloudformation.amazonaws.com")
    error_message = "Trusted access the organization already had, for a tool the file does not name, is kept."
  }
  assert {
    condition     = length(setsubtract(["SERVICE_CONTROL_POLICY", "TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY"], aws_organizations_organization.main.enabled_policy_types)) == 0
    error_message = "Adopting disables no policy type the organization runs (disabling one would detach every policy of that type, its own SCP included)."
  }
  assert {
    condition     = toset(aws_organizations_organization.main.enabled_policy_types) == toset(["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY"])
    error_message = "The baseline adds resource control policies and keeps the rest."
  }
  assert {
    condition     = aws_guardduty_organization_admin_account.us_east_1.admin_account_id == "333333333333" && aws_guardduty_organization_admin_account.eu_west_1.admin_account_id == "333333333333"
    error_message = "GuardDuty's delegated administrator is the security account in every guardrail region."
  }
  assert {
    condition     = aws_securityhub_organization_admin_account.security.admin_account_id == "333333333333" && aws_cloudtrail_organization_delegated_admin_account.security.account_id == "333333333333"
    error_message = "Security Hub and CloudTrail are administered by the security account."
  }
  assert {
    condition     = toset(aws_iam_organizations_features.main.enabled_features) == toset(["RootCredentialsManagement", "RootSessions"])
    error_message = "Centralized root access is on."
  }
  assert {
    condition     = aws_organizations_policy.protect_the_organization.type == "SERVICE_CONTROL_POLICY" && aws_organizations_policy_attachment.protect_the_organization_r_a1b2.target_id == "r-a1b2"
    error_message = "The guardrail SCP attaches to the root."
  }
  assert {
    condition     = aws_organizations_policy.organization_perimeter.type == "RESOURCE_CONTROL_POLICY" && aws_organizations_policy_attachment.organization_perimeter_r_a1b2.target_id == "r-a1b2"
    error_message = "The perimeter RCP attaches to the root."
  }
  assert {
    condition     = aws_cloudtrail.organization[0].is_organization_trail && aws_cloudtrail.organization[0].is_multi_region_trail && aws_cloudtrail.organization[0].enable_log_file_validation
    error_message = "One multi-region, validated organization trail."
  }
  assert {
    condition     = aws_cloudtrail.organization[0].s3_bucket_name == "@log_archive.trail_bucket@" && aws_cloudtrail.organization[0].kms_key_id == "@log_archive.trail_key_arn@"
    error_message = "The trail writes into the bucket the log archive's state names, with its key."
  }
  assert {
    condition     = aws_cloudwatch_log_metric_filter.root_account_usage.log_group_name == aws_cloudwatch_log_group.trail.name && aws_cloudwatch_metric_alarm.root_account_usage.alarm_actions == toset([aws_sns_topic.security_alarms.arn])
    error_message = "The CIS alarms count on the organization trail's log group and notify the security alarm topic."
  }
}

run "an_organization_running_a_policy_type_this_provider_cannot_name_stops_the_plan" {
  command = plan

  override_data {
    target = data.aws_organizations_organization.current
    values = {
      id                            = "o-a1b2c3d4e5"
      enabled_policy_types          = ["SERVICE_CONTROL_POLICY", "SECURITYHUB_POLICY"]
      aws_service_access_principals = []
    }
  }

  expect_failures = [aws_organizations_organization.main]
}

run "before_the_log_archive_is_deployed_the_trail_waits_and_the_plan_says_so" {
  command = plan

# include: log-archive-not-deployed.hcl

  assert {
    condition     = length(aws_cloudtrail.organization) == 0 && length(data.terraform_remote_state.log_archive) == 0
    error_message = "Without the log archive's state, nothing reads it and the trail waits, instead of the plan failing."
  }
  assert {
    condition     = aws_cloudwatch_log_metric_filter.root_account_usage.log_group_name == aws_cloudwatch_log_group.trail.name && aws_organizations_policy.protect_the_organization.type == "SERVICE_CONTROL_POLICY"
    error_message = "Only the trail waits: its log group, the CIS alarms and the organization's policies are planned."
  }
}

run "a_log_archive_state_without_its_buckets_yet_is_waited_for_too" {
  command = plan

  override_data {
    target = data.terraform_remote_state.log_archive
    values = { outputs = { trail_bucket = "", trail_key_arn = "", config_bucket = "", config_key_arn = "" } }
  }

  expect_failures = [check.log_archive]

  assert {
    condition     = length(aws_cloudtrail.organization) == 0
    error_message = "A log archive whose first apply stopped before its buckets (its outputs empty) makes the trail wait."
  }
}

run "a_log_archive_state_naming_a_bucket_its_stack_does_not_create_stops_the_plan" {
  command = plan

  override_data {
    target = data.terraform_remote_state.log_archive
    values = {
      outputs = {
        trail_bucket   = "someone-elses-bucket"
        trail_key_arn  = "arn:aws:kms:us-east-1:999999999999:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
        config_bucket  = "@log_archive.config_bucket@"
        config_key_arn = "@log_archive.config_key_arn@"
      }
    }
  }

  expect_failures = [data.terraform_remote_state.log_archive]
}
