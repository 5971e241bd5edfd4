# Offline rehearsal of a member's account stack in the example organization (baseline-account-shared, us-east-1 and
# eu-west-1): its Config recorders deliver into the log archive's Config bucket, read from the log archive's state.
# Once that state names the bucket, and before the log archive is deployed. Plan only.

# include: mock-providers.hcl

# include: log-archive-deployed.hcl

# An account without Config's service-linked role yet: the stack creates it.
override_data {
  target = data.aws_iam_roles.config_service_linked
  values = { arns = [] }
}

run "once_the_log_archive_is_deployed_config_records_into_its_bucket_in_every_region" {
  command = plan

  assert {
    condition = alltrue([for channel in [aws_config_delivery_channel.us_east_1[0], aws_config_delivery_channel.eu_west_1[0]] :
    channel.s3_bucket_name == "@log_archive.config_bucket@" && channel.s3_kms_key_arn == "@log_archive.config_key_arn@"])
    error_message = "Every region's Config delivers into the Config bucket the log archive's state names, with its key."
  }
  assert {
    condition     = aws_config_configuration_recorder_status.us_east_1[0].is_enabled && aws_config_configuration_recorder_status.eu_west_1[0].is_enabled
    error_message = "Every region's recorder is started."
  }
}

run "before_the_log_archive_is_deployed_config_waits_and_the_rest_of_the_account_is_planned" {
  command = plan

# include: log-archive-not-deployed.hcl

  assert {
    condition     = length(aws_config_delivery_channel.us_east_1) + length(aws_config_delivery_channel.eu_west_1) + length(aws_config_configuration_recorder_status.us_east_1) + length(aws_config_configuration_recorder_status.eu_west_1) == 0
    error_message = "Without the log archive's bucket, no region delivers or starts recording, instead of the plan failing."
  }
  assert {
    condition     = aws_config_configuration_recorder.us_east_1.name != "" && aws_iam_account_password_policy.main.minimum_password_length >= 14
    error_message = "Only the delivery waits: the recorders and the account's own settings are planned."
  }
}
