# Every validation block of the Terraform variables is wired to its variable: bad values fail the plan,
# good ones pass. A run may list several variables in expect_failures: it passes only if each fails.
# The edge cases of each condition (host bits, wider ranges, odd addresses ...) are evaluated more
# cheaply, with terraform console, by VariableValidationTest.

mock_provider "aws" {
  source = "./tests/mocks"
}

run "an_address_without_at_ssh_from_the_internet_and_a_short_retention_are_refused" {
  command = plan
  variables {
    alarm_email        = "ops.acme-corp.io"
    ssh_ingress_cidr   = "0.0.0.0/0"
    log_retention_days = 180
  }
  expect_failures = [var.alarm_email, var.ssh_ingress_cidr, var.log_retention_days]
}

run "an_address_without_a_domain_ssh_from_outside_the_vpc_and_an_unoffered_retention_are_refused" {
  command = plan
  variables {
    alarm_email        = "ops@localhost"
    ssh_ingress_cidr   = "192.168.0.0/24"
    log_retention_days = 500
  }
  expect_failures = [var.alarm_email, var.ssh_ingress_cidr, var.log_retention_days]
}

run "good_values_pass_every_validation_and_reach_their_resources" {
  command = plan
  variables {
    alarm_email        = "secops+alerts@acme-corp.io"
    ssh_ingress_cidr   = "10.0.255.0/24"
    log_retention_days = 731
  }
  assert {
    condition     = aws_cloudwatch_log_group.flow_logs.retention_in_days == 731
    error_message = "log_retention_days must reach the flow-log group."
  }
  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.app_ssh) == 1 && aws_vpc_security_group_ingress_rule.app_ssh[0].cidr_ipv4 == "10.0.255.0/24"
    error_message = "Setting ssh_ingress_cidr adds exactly one SSH rule from that CIDR."
  }
  assert {
    condition     = length(aws_sns_topic_subscription.alarm_email) == 1 && aws_sns_topic_subscription.alarm_email[0].endpoint == "secops+alerts@acme-corp.io"
    error_message = "Setting alarm_email subscribes it."
  }
}
