package dev.securebaseline;

import java.util.Map;

import static dev.securebaseline.Tf.list;
import static dev.securebaseline.Tf.map;

/** The AWS provider, written the same way in every stack of the app. */
final class AwsProvider {

    /** The provider constraint; it admits the 5.100.0 the test machines mirror. */
    static final String VERSION = "~> 5.90";

    /** Native S3 state locking ({@code use_lockfile}) arrived in Terraform 1.10. */
    static final String TERRAFORM_VERSION = ">= 1.10";

    private AwsProvider() {
    }

    /** The tags every resource of a stack carries, through the provider's {@code default_tags}. */
    static Map<String, Object> defaultTags(String project, String environment, String owner) {
        return map("project", project, "environment", environment, "owner", owner, "managed-by", "cdktf");
    }

    /** Required versions and the provider, tags merged once into its {@code default_tags}. */
    static AwsContext configure(Tf tf, String region, Map<String, Object> defaultTags) {
        tf.setting("terraform.required_version", TERRAFORM_VERSION);
        tf.setting("terraform.required_providers.aws", map("source", "hashicorp/aws", "version", VERSION));
        // A list of one object, as cdktf writes providers: checkov's JSON parser needs it.
        tf.setting("provider.aws", list(map(
                "region", region,
                "default_tags", map("tags", defaultTags))));
        return new AwsContext(region,
                tf.data("aws_partition", "current", map()),
                tf.data("aws_caller_identity", "current", map()));
    }
}
