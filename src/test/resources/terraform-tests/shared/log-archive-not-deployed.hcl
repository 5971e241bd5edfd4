  # The log archive is not deployed yet: its state is not in the bucket. The plan warns (check.log_archive); a test
  # counts the warning as a failure, expected here.
  override_data {
    target = data.aws_s3_objects.log_archive_state
    values = { keys = [] }
  }

  expect_failures = [check.log_archive]
