# Offline rehearsal of the default environment (HTTP only, one shared NAT gateway, two zones): plan and apply
# against a mocked AWS provider, asserting counts and wiring. It has no aliased provider: the account's
# guardrails are its account stack's.

mock_provider "aws" {
  source = "./tests/mocks"
}

run "plan_spreads_derived_subnets_over_the_zones_behind_one_shared_nat" {
  command = plan

  assert {
    condition     = aws_vpc.main.cidr_block == "10.0.0.0/16"
    error_message = "The VPC must use the configured CIDR."
  }
  assert {
    condition     = [aws_subnet.public_a.cidr_block, aws_subnet.public_b.cidr_block] == ["10.0.0.0/20", "10.0.16.0/20"]
    error_message = "Public subnets must be cidrsubnet(vpc, 4, zone)."
  }
  assert {
    condition     = [aws_subnet.private_a.cidr_block, aws_subnet.private_b.cidr_block] == ["10.0.128.0/20", "10.0.144.0/20"]
    error_message = "Private subnets must be cidrsubnet(vpc, 4, 8 + zone)."
  }
  assert {
    condition     = [aws_subnet.public_a.availability_zone, aws_subnet.public_b.availability_zone] == ["us-east-1a", "us-east-1b"]
    error_message = "Each public subnet must sit in its own zone."
  }
  assert {
    condition     = [aws_subnet.private_a.availability_zone, aws_subnet.private_b.availability_zone] == ["us-east-1a", "us-east-1b"]
    error_message = "Each private subnet must sit in its own zone."
  }
  assert {
    condition     = output.availability_zones == tolist(["us-east-1a", "us-east-1b"])
    error_message = "The zones output must list the zones used, in subnet order."
  }
  assert {
    condition     = length(output.nat_gateway_ids) == 1 && length(output.private_route_table_ids) == 2
    error_message = "The single strategy means one NAT gateway and still one private route table per zone."
  }
  assert {
    condition     = aws_lb_listener.http.port == 80 && aws_lb_listener.http.protocol == "HTTP"
    error_message = "HTTP mode listens on 80."
  }
  assert {
    condition     = aws_lb_listener.http.default_action[0].type == "forward"
    error_message = "HTTP mode forwards to the targets; it must not redirect to an HTTPS listener that does not exist."
  }
  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.app_ssh) == 0
    error_message = "SSH is off unless ssh_ingress_cidr is set."
  }
  assert {
    condition     = length(aws_sns_topic_subscription.alarm_email) == 0
    error_message = "No subscription without an alarm email."
  }
  assert {
    condition     = aws_launch_template.app.metadata_options[0].http_tokens == "required"
    error_message = "Instances must require IMDSv2."
  }
}

run "apply_wires_network_network_acls_web_tier_and_alarms" {
  command = apply

  assert {
    condition     = aws_route.private_a_nat.nat_gateway_id == aws_nat_gateway.nat_a.id && aws_route.private_b_nat.nat_gateway_id == aws_nat_gateway.nat_a.id
    error_message = "Both private route tables must use the one NAT gateway."
  }
  assert {
    condition     = aws_nat_gateway.nat_a.subnet_id == aws_subnet.public_a.id && aws_nat_gateway.nat_a.allocation_id == aws_eip.nat_a.id
    error_message = "The NAT gateway must sit in a public subnet with its Elastic IP."
  }
  assert {
    condition     = aws_route.public_internet.gateway_id == aws_internet_gateway.main.id
    error_message = "Public subnets must route to the internet gateway."
  }
  assert {
    condition     = aws_route_table_association.private_b.route_table_id == aws_route_table.private_b.id
    error_message = "Each private subnet must use its own zone's route table."
  }
  assert {
    condition     = aws_lb_listener.http.default_action[0].target_group_arn == aws_lb_target_group.app.arn
    error_message = "The listener must forward to the app target group."
  }
  assert {
    condition     = toset(aws_autoscaling_group.app.vpc_zone_identifier) == toset([aws_subnet.private_a.id, aws_subnet.private_b.id])
    error_message = "Instances must run in the private subnets of every zone."
  }
  assert {
    condition     = toset(aws_autoscaling_group.app.target_group_arns) == toset([aws_lb_target_group.app.arn])
    error_message = "The Auto Scaling group must register with the target group."
  }
  assert {
    condition     = aws_launch_template.app.image_id == "ami-0fedcba9876543210"
    error_message = "The launch template must take its AMI from the aws_ami lookup."
  }
  assert {
    condition     = aws_launch_template.app.block_device_mappings[0].ebs[0].kms_key_id == aws_kms_key.main.arn
    error_message = "Root volumes must be encrypted with the baseline key."
  }
  assert {
    condition     = output.app_url == "http://${aws_lb.main.dns_name}"
    error_message = "In HTTP mode the application URL is the load balancer's name over http."
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.alb_5xx.alarm_actions == toset([aws_sns_topic.alarms.arn])
    error_message = "Web alarms must notify the alarm topic."
  }
  assert {
    condition     = aws_s3_bucket_logging.alb_logs.target_bucket == aws_s3_bucket.access_logs.id
    error_message = "The load balancer log bucket must log to the environment's access-log bucket."
  }
  assert {
    condition     = aws_network_acl.public.subnet_ids == toset([aws_subnet.public_a.id, aws_subnet.public_b.id])
    error_message = "The public NACL must govern every public subnet."
  }
  assert {
    condition     = aws_network_acl.private.subnet_ids == toset([aws_subnet.private_a.id, aws_subnet.private_b.id])
    error_message = "The private NACL must govern every private subnet."
  }
  assert {
    condition     = aws_network_acl_rule.public_in_deny_rdp_tcp.network_acl_id == aws_network_acl.public.id && aws_network_acl_rule.public_in_deny_rdp_tcp.rule_number < aws_network_acl_rule.public_in_replies_above_rdp.rule_number
    error_message = "The RDP deny must come before the reply allows."
  }
  assert {
    condition     = aws_default_network_acl.main.default_network_acl_id == aws_vpc.main.default_network_acl_id
    error_message = "The VPC's own default NACL must be the one emptied."
  }
  assert {
    condition     = output.account_stack == "baseline-account-default"
    error_message = "An environment names the stack that holds its account's trail, alarms and guardrails."
  }
}

run "a_region_with_too_few_zones_is_refused" {
  command = plan

  override_data {
    target = data.aws_availability_zones.available
    values = { names = ["us-east-1a"] }
  }

  expect_failures = [data.aws_availability_zones.available]
}

# After the first apply the environment's own address is among those allocated: a full quota that holds it
# must not stop the next plan.
run "its_own_elastic_ip_is_not_counted_against_it" {
  command = plan

  override_data {
    target = data.aws_eips.allocated
    values = { allocation_ids = ["eipalloc-0a", "eipalloc-0b", "eipalloc-0c", "eipalloc-0d", "eipalloc-0own"] }
  }
  override_data {
    target = data.aws_eips.nat
    values = { allocation_ids = ["eipalloc-0own"] }
  }

  assert {
    condition     = aws_eip.nat_a.domain == "vpc"
    error_message = "The plan goes on when the only address the quota has room for is the environment's own."
  }
}
