# The mocked AWS providers of a stack in us-east-1 with the guardrail regions us-east-1 and eu-west-1: the default
# one and one per region alias.
mock_provider "aws" {
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "us_east_1"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "eu_west_1"
  source = "./tests/mocks"
}
