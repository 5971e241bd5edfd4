# Offline rehearsal of the example organization's security stack, the delegated administrator (us-east-1 and
# eu-west-1): plan and apply against mocked providers, one per alias, asserting the wiring.

# include: mock-providers.hcl

run "apply_enrolls_every_member_and_configures_security_hub_centrally" {
  command = apply

  assert {
    condition     = aws_guardduty_organization_configuration.eu_west_1.auto_enable_organization_members == "ALL" && aws_guardduty_organization_configuration.eu_west_1.detector_id == data.aws_guardduty_detector.eu_west_1.id
    error_message = "GuardDuty enrolls every member, on the administrator's own detector of the region."
  }
  assert {
    condition     = aws_guardduty_organization_configuration_feature.us_east_1_s3_data_events.auto_enable == "ALL" && aws_guardduty_organization_configuration_feature.us_east_1_ebs_malware_protection.auto_enable == "ALL" && aws_guardduty_organization_configuration_feature.us_east_1_eks_audit_logs.auto_enable == "NONE"
    error_message = "S3 protection and the plans the file asks for for every member; the others off."
  }
  assert {
    condition     = aws_securityhub_organization_configuration.main.organization_configuration[0].configuration_type == "CENTRAL" && aws_securityhub_configuration_policy_association.root.target_id == "r-a1b2"
    error_message = "Security Hub is configured centrally, the policy associated with the root."
  }
  assert {
    condition     = aws_securityhub_configuration_policy_association.root.policy_id == aws_securityhub_configuration_policy.baseline.id
    error_message = "The root follows the baseline's configuration policy."
  }
  assert {
    condition     = aws_config_configuration_aggregator.organization.organization_aggregation_source[0].role_arn == aws_iam_role.config_aggregator.arn
    error_message = "The organization aggregator reads the members through its role."
  }
  assert {
    condition     = aws_accessanalyzer_analyzer.us_east_1.type == "ORGANIZATION" && aws_accessanalyzer_analyzer.eu_west_1.type == "ORGANIZATION"
    error_message = "An organization analyzer in every guardrail region."
  }
}
