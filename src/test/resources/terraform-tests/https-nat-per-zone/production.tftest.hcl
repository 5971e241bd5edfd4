# Offline rehearsal of production: HTTPS with a hosted zone id, a NAT gateway per zone and three zones, in
# its own account, synthesized as a deliberate retire (BASELINE_ALLOW_DESTROY) so that the teardown can delete
# everything. Plan and apply against a mocked provider, asserting counts and wiring.

mock_provider "aws" {
  source = "./tests/mocks"
}

run "plan_has_a_nat_per_zone_serves_tls_on_443_and_redirects_port_80" {
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
    condition     = aws_s3_bucket.alb_logs.force_destroy && aws_s3_bucket.access_logs.force_destroy
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
  assert {
    condition     = output.account_stack == "baseline-account-333333333333"
    error_message = "Production names the stack that holds its account's trail, alarms and guardrails."
  }
}

run "apply_routes_per_zone_and_serves_the_validated_certificate" {
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
