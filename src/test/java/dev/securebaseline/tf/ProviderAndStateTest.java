package dev.securebaseline.tf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import dev.securebaseline.testing.TerraformCli;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider, its version constraint, the S3 backend, and the rule that no generated provider binding is used. */
class ProviderAndStateTest {

    private final Synthesized stack = Synth.defaults();

    @Test
    void everyEnvironmentStackOfEveryLayoutHasOneProviderInAListWithRegionAndDefaultTags() {
        Layouts.all().keySet().forEach(layout -> Layouts.app(layout).forEach((name, stack) -> {
            if (stack.settings() == null) {
                return;
            }
            JsonNode providers = stack.json().path("provider").path("aws");
            assertThat(providers.isArray()).as("checkov's JSON parser needs a list").isTrue();
            assertThat(providers).as("%s: %s", layout, name).hasSize(1);
            assertThat(providers.get(0).has("alias")).isFalse();
            assertThat(providers.get(0).path("default_tags").path("tags").path("environment").asText()).isEqualTo(stack.settings().environment().id());
        }));
    }

    @Test
    void theDefaultProviderComesFirstInTheEnvironmentsRegionWithItsTags() {
        JsonNode providers = stack.json().path("provider").path("aws");

        assertThat(providers.isArray()).as("checkov's JSON parser needs a list").isTrue();
        JsonNode aws = providers.get(0);
        assertThat(aws.has("alias")).isFalse();
        assertThat(aws.path("region").asText()).isEqualTo("us-east-1");
        JsonNode tags = aws.path("default_tags").path("tags");
        assertThat(tags.path("project").asText()).isEqualTo("baseline");
        assertThat(tags.path("environment").asText()).isEqualTo("dev");
        assertThat(tags.path("owner").asText()).isEqualTo("platform-team");
        assertThat(tags.path("managed-by").asText()).isEqualTo("cdktf");
    }

    @Test
    void theAccountStackHasItsHomeProviderAndOneAliasPerGuardrailRegionTaggedAsTheAccount() {
        JsonNode providers = Synth.accountDefaults().json().path("provider").path("aws");
        assertThat(providers.get(0).has("alias")).isFalse();
        assertThat(providers.get(0).path("region").asText()).isEqualTo("us-east-1");
        List<String> aliases = new ArrayList<>();
        for (int i = 1; i < providers.size(); i++) {
            JsonNode alias = providers.get(i);
            aliases.add(alias.path("alias").asText());
            assertThat(alias.path("alias").asText()).isEqualTo(alias.path("region").asText().replace('-', '_'));
            assertThat(alias.path("default_tags").path("tags").path("environment").asText()).isEqualTo("account");
            assertThat(alias.path("default_tags").path("tags").path("account-stack").asText()).isEqualTo("baseline-account-default");
        }
        assertThat(aliases).containsExactlyElementsOf(AwsRegions.ENABLED_BY_DEFAULT.stream().map(AwsRegions::alias).toList());
    }

    @Test
    void theAccountStackKeepsItsOwnStateObjectInTheSameBucket() {
        JsonNode s3 = Synth.accountOf(Map.of("BASELINE_STATE_BUCKET", "acme-tfstate")).json().path("terraform").path("backend").path("s3");

        assertThat(s3.path("bucket").asText()).isEqualTo("acme-tfstate");
        assertThat(s3.path("key").asText()).isEqualTo("baseline/account/default/terraform.tfstate");
        assertThat(s3.path("encrypt").asBoolean()).isTrue();
        assertThat(s3.path("use_lockfile").asBoolean()).isTrue();
        assertThat(Synth.accountOf(Map.of("BASELINE_STATE_BUCKET", "acme-tfstate", "BASELINE_ACCOUNT_STATE_KEY", "acct/main.tfstate"))
                .json().path("terraform").path("backend").path("s3").path("key").asText()).isEqualTo("acct/main.tfstate");
    }

    @Test
    void providerConstraintAdmitsTheMirroredFiveHundredRelease() {
        JsonNode aws = stack.json().path("terraform").path("required_providers").path("aws");

        assertThat(aws.path("source").asText()).isEqualTo("hashicorp/aws");
        assertThat(aws.path("version").asText()).isEqualTo("~> 5.90");
        assertThat(pessimisticallyAdmits("5.90", "5.100.0")).isTrue();
        assertThat(pessimisticallyAdmits("5.90", "6.0.0")).isFalse();
        assertThat(pessimisticallyAdmits("5.90", "5.89.0")).isFalse();
    }

    /**
     * Without BASELINE_STATE_BUCKET there is no bucket name at all, so no state can land in a bucket someone
     * else claimed under a predictable name: terraform init stops at the configuration, before it reaches
     * for credentials or a bucket, saying what to set and where its value comes from.
     */
    @Test
    void withoutAStateBucketTerraformInitStopsBeforeTalkingToAnyBucketAndSaysWhatToSet() throws Exception {
        JsonNode s3 = stack.json().path("terraform").path("backend").path("s3");
        assertThat(s3.has("bucket")).isFalse();
        java.nio.file.Path dir = java.nio.file.Path.of("target", "state-bucket-unset").toAbsolutePath();
        Synth.deleteRecursively(dir);
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.copy(stack.directory().resolve("cdk.tf.json"), dir.resolve("cdk.tf.json"));

        TerraformCli.Result init = TerraformCli.run(dir, "init", "-input=false", "-no-color");

        assertThat(init.succeeded()).as(init.report()).isFalse();
        assertThat(init.stderr()).contains("No argument or block type is named \"BASELINE_STATE_BUCKET\"")
                .contains("BASELINE_STATE_BUCKET\": \"is not set: deploy baseline-bootstrap and synthesize again in the same folder (the synth reads "
                        + "the bucket from terraform.baseline-bootstrap.tfstate), or export BASELINE_STATE_BUCKET=<its state_bucket output")
                .doesNotContain("credentials").doesNotContain("sts.");
    }

    @Test
    void stateIsEncryptedInS3WithNativeLocking() {
        JsonNode s3 = Synth.of(Map.of("BASELINE_STATE_BUCKET", "baseline-tfstate-20261126093012345600000001"))
                .json().path("terraform").path("backend").path("s3");

        assertThat(s3.path("bucket").asText()).isEqualTo("baseline-tfstate-20261126093012345600000001");
        assertThat(s3.path("key").asText()).isEqualTo("baseline/dev/terraform.tfstate");
        assertThat(s3.path("region").asText()).isEqualTo("us-east-1");
        assertThat(s3.path("encrypt").asBoolean()).isTrue();
        assertThat(s3.path("use_lockfile").asBoolean()).isTrue();
        assertThat(stack.json().path("terraform").path("required_version").asText()).isEqualTo(">= 1.10");
    }

    @Test
    void stateSettingsFlowIntoTheBackend() {
        JsonNode s3 = Synth.of(Map.of("BASELINE_STATE_BUCKET", "acme-tfstate", "BASELINE_STATE_KEY", "net/dev.tfstate",
                "BASELINE_STATE_REGION", "eu-west-1")).json().path("terraform").path("backend").path("s3");

        assertThat(s3.path("bucket").asText()).isEqualTo("acme-tfstate");
        assertThat(s3.path("key").asText()).isEqualTo("net/dev.tfstate");
        assertThat(s3.path("region").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void noGeneratedProviderBindingIsOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("com.hashicorp.cdktf.providers.aws.provider.AwsProvider"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("imports.aws.provider.AwsProvider"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void noAwsResourceIsWrittenOutsideTheOverrides() {
        JsonNode metadata = stack.json().path("//").path("metadata").path("overrides").path("stack");

        assertThat(Synthesized.texts(metadata)).contains("resource", "data", "provider", "terraform");
    }

    /** {@code ~> X.Y} admits X.Y.0 and later X.* releases. */
    private static boolean pessimisticallyAdmits(String constraint, String version) {
        String[] want = constraint.split("\\.");
        String[] have = version.split("\\.");
        int major = Integer.parseInt(have[0]);
        int minor = Integer.parseInt(have[1]);
        return major == Integer.parseInt(want[0]) && minor >= Integer.parseInt(want[1]);
    }
}
