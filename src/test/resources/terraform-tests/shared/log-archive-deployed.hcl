# The provider that lists the state bucket, with the backend's credentials.
mock_provider "aws" {
  alias  = "state"
  source = "./tests/mocks"
}

# The log archive is deployed: its state is in the bucket and names its buckets and keys (the @ placeholders: what
# the log-archive stack of the same synth outputs, filled in by TerraformRehearsalTest). A run overrides these to
# rehearse an earlier moment.
override_data {
  target = data.aws_s3_objects.log_archive_state
  values = { keys = ["baseline/log-archive/terraform.tfstate", "baseline/log-archive/terraform.tfstate.tflock"] }
}
override_data {
  target = data.terraform_remote_state.log_archive
  values = {
    outputs = {
      trail_bucket   = "@log_archive.trail_bucket@"
      trail_key_arn  = "@log_archive.trail_key_arn@"
      config_bucket  = "@log_archive.config_bucket@"
      config_key_arn = "@log_archive.config_key_arn@"
    }
  }
}
