# Values the mocked AWS provider returns. The provider still validates its arguments, so anything
# that feeds an ARN-typed argument must look like a real ARN of this (example) account.

mock_data "aws_partition" {
  defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
}

mock_data "aws_caller_identity" {
  defaults = { account_id = "111122223333", arn = "arn:aws:iam::111122223333:user/ci" }
}

mock_data "aws_availability_zones" {
  defaults = { names = ["us-east-1a", "us-east-1b", "us-east-1c"], zone_ids = ["use1-az1", "use1-az2", "use1-az4"] }
}

mock_data "aws_ami" {
  defaults = { id = "ami-0fedcba9876543210", root_device_name = "/dev/xvda", architecture = "x86_64" }
}

mock_data "aws_elb_service_account" {
  defaults = { arn = "arn:aws:iam::127311923021:root", id = "127311923021" }
}

# A region with its default VPC, and the default Elastic IP quota with nothing allocated yet.
mock_data "aws_vpcs" {
  defaults = { ids = ["vpc-0d3fa017c0ffee000"] }
}

mock_data "aws_servicequotas_service_quota" {
  defaults = { value = 5 }
}

mock_data "aws_eips" {
  defaults = { allocation_ids = [], public_ips = [] }
}

mock_data "aws_route53_zone" {
  defaults = { zone_id = "Z0123456789ABCDEFGHIJ", name = "acme-corp.io" }
}

mock_resource "aws_kms_key" {
  defaults = { arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", key_id = "1234abcd-12ab-34cd-56ef-1234567890ab" }
}

mock_resource "aws_iam_role" {
  defaults = { arn = "arn:aws:iam::111122223333:role/baseline-dev-mock" }
}

mock_resource "aws_iam_instance_profile" {
  defaults = { arn = "arn:aws:iam::111122223333:instance-profile/baseline-dev-app" }
}

mock_resource "aws_iam_service_linked_role" {
  defaults = { arn = "arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_baseline-dev" }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = { arn = "arn:aws:logs:us-east-1:111122223333:log-group:/baseline/dev/mock" }
}

mock_resource "aws_sns_topic" {
  defaults = { arn = "arn:aws:sns:us-east-1:111122223333:baseline-dev-alarms" }
}

mock_resource "aws_s3_bucket" {
  defaults = { arn = "arn:aws:s3:::baseline-dev-mock-bucket" }
}

mock_resource "aws_lb" {
  defaults = {
    arn        = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/baseline-dev-alb/50dc6c495c0c9188"
    arn_suffix = "app/baseline-dev-alb/50dc6c495c0c9188"
    dns_name   = "baseline-dev-alb-1234567890.us-east-1.elb.amazonaws.com"
    zone_id    = "Z35SXDOTRQ7X7K"
  }
}

mock_resource "aws_lb_target_group" {
  defaults = {
    arn        = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/baseline-dev-tg/73e2d6bc24d8a067"
    arn_suffix = "targetgroup/baseline-dev-tg/73e2d6bc24d8a067"
  }
}

mock_resource "aws_lb_listener" {
  defaults = { arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/baseline-dev-alb/50dc6c495c0c9188/f2f7dc8efc522ab2" }
}

# ACM fills in the validation record it wants once the certificate is requested.
mock_resource "aws_acm_certificate" {
  defaults = {
    arn = "arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
    domain_validation_options = [{
      domain_name           = "app.acme-corp.io"
      resource_record_name  = "_3639ac514e785e898d2646601fa951d5.app.acme-corp.io."
      resource_record_type  = "CNAME"
      resource_record_value = "_98d2646601fa951d53639ac514e785e8.mhbtsbpdnt.acm-validations.aws."
    }]
  }
}

mock_resource "aws_cloudtrail" {
  defaults = { arn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/baseline-dev-trail" }
}

mock_resource "aws_launch_template" {
  defaults = { id = "lt-0123456789abcdef0", latest_version = 1 }
}

mock_resource "aws_wafv2_web_acl" {
  defaults = { arn = "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/baseline-prod-waf/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111" }
}

# By default the account has no Config service-linked role yet: the apply creates it.
mock_data "aws_iam_roles" {
  defaults = { arns = [], names = [] }
}

# Security Hub checks that a configuration policy's id is a UUID wherever it is referenced.
mock_resource "aws_securityhub_configuration_policy" {
  defaults = { id = "01234567-89ab-cdef-0123-456789abcdef", arn = "arn:aws:securityhub:us-east-1:333333333333:configuration-policy/01234567-89ab-cdef-0123-456789abcdef" }
}
