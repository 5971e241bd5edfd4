package dev.securebaseline.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.securebaseline.testing.Synthesized.ref;
import static org.assertj.core.api.Assertions.assertThat;

/** The state bootstrap stack: a locked-down state bucket, local state of its own, and exactly the backend settings the environments need. */
class StateBootstrapTest {

    private final Map<String, Synthesized> app = Synth.app(Map.of());
    private final Synthesized bootstrap = app.get("baseline-bootstrap");

    @Test
    void itsOwnStateIsLocalInTheProjectFolderNotInsideCdktfOut() {
        JsonNode backend = bootstrap.json().path("terraform").path("backend");

        assertThat(backend.has("s3")).isFalse();
        assertThat(backend.path("local").path("path").asText()).isEqualTo("../../../terraform.baseline-bootstrap.tfstate");
    }

    @Test
    void theStateBucketIsVersionedEncryptedPrivateAndTlsOnly() {
        assertThat(bootstrap.resource("aws_s3_bucket", "state").path("bucket_prefix").asText()).isEqualTo("baseline-tfstate-");
        assertThat(bootstrap.resource("aws_s3_bucket_versioning", "state").path("versioning_configuration").path("status").asText())
                .isEqualTo("Enabled");
        JsonNode sse = bootstrap.resource("aws_s3_bucket_server_side_encryption_configuration", "state").path("rule").get(0);
        assertThat(sse.path("apply_server_side_encryption_by_default").path("sse_algorithm").asText()).isEqualTo("aws:kms");
        assertThat(sse.path("bucket_key_enabled").asBoolean()).isTrue();
        JsonNode block = bootstrap.resource("aws_s3_bucket_public_access_block", "state");
        for (String flag : new String[]{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"}) {
            assertThat(block.path(flag).asBoolean()).as(flag).isTrue();
        }
        assertThat(bootstrap.resource("aws_s3_bucket_ownership_controls", "state").path("rule").path("object_ownership").asText())
                .isEqualTo("BucketOwnerEnforced");
        JsonNode deny = bootstrap.statement("aws_s3_bucket_policy", "state", "policy", "DenyInsecureTransport");
        assertThat(deny.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
        assertThat(bootstrap.resource("aws_s3_bucket_logging", "state").path("target_bucket").asText())
                .isEqualTo(ref("aws_s3_bucket.state_access_logs", "id"));
    }

    @Test
    void currentStateIsNeverExpiredAndOldVersionsStayLongEnoughToRecover() {
        JsonNode rule = bootstrap.resource("aws_s3_bucket_lifecycle_configuration", "state").path("rule").get(0);

        assertThat(rule.has("expiration")).as("current state objects never expire").isFalse();
        assertThat(rule.has("transition")).isFalse();
        assertThat(rule.path("noncurrent_version_expiration").path("noncurrent_days").asInt())
                .isEqualTo(StateBootstrapStack.NONCURRENT_STATE_VERSION_DAYS).isGreaterThanOrEqualTo(30);
        assertThat(bootstrap.resource("aws_s3_bucket", "state").path("lifecycle").path("prevent_destroy").asBoolean()).isTrue();
    }

    @Test
    void theOutputsAreExactlyTheBackendSettingsTheAccountAndEnvironmentStacksUse() {
        JsonNode backend = bootstrap.output("s3_backend").path("value");
        assertThat(backend.path("bucket").asText()).isEqualTo(ref("aws_s3_bucket.state", "id"));
        JsonNode keys = bootstrap.output("state_keys").path("value");

        assertThat(keys.fieldNames()).toIterable().containsExactlyInAnyOrder("baseline-account-default", "baseline-dev", "baseline-staging",
                "baseline-prod");
        for (String stack : new String[]{"account-default", "dev", "staging", "prod"}) {
            JsonNode s3 = app.get("baseline-" + stack).json().path("terraform").path("backend").path("s3");
            assertThat(s3.path("region").asText()).isEqualTo(backend.path("region").asText());
            assertThat(s3.path("encrypt").asBoolean()).isEqualTo(backend.path("encrypt").asBoolean());
            assertThat(s3.path("use_lockfile").asBoolean()).isEqualTo(backend.path("use_lockfile").asBoolean());
            assertThat(s3.path("key").asText()).as(stack).isEqualTo(keys.path("baseline-" + stack).asText());
        }
        assertThat(bootstrap.output("environment_exports").path("value").asText())
                .isEqualTo("export BASELINE_STATE_BUCKET=${aws_s3_bucket.state.id} BASELINE_STATE_REGION=us-east-1");
    }

    @Test
    void theStateBucketLivesInTheStateRegion() {
        Synthesized elsewhere = Synth.app(Map.of("BASELINE_STATE_REGION", "eu-west-1")).get("baseline-bootstrap");

        assertThat(elsewhere.json().path("provider").path("aws").get(0).path("region").asText()).isEqualTo("eu-west-1");
        assertThat(elsewhere.output("state_region").path("value").asText()).isEqualTo("eu-west-1");
    }
}
