package dev.securebaseline.tf;

import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.S3BackendConfig;
import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.settings.Setting;

/**
 * The S3 backend of the environment and account stacks: the bootstrap's bucket, the stack's own key,
 * encrypted, natively locked. Until the bucket is named, the backend has no bucket at all but a property
 * Terraform refuses, saying what to set: {@code terraform init} stops before it talks to any bucket, and no
 * state ever lands in a bucket whose predictable name someone else could have claimed.
 */
public final class StateBackends {

    private StateBackends() {
    }

    public static void write(TerraformStack stack, Tf tf, BaselineSettings.StateBackend state, String bootstrapStack) {
        S3Backend backend = new S3Backend(stack, S3BackendConfig.builder()
                .bucket(state.hasBucket() ? state.bucket() : "unset")
                .key(state.key())
                .region(state.region())
                .encrypt(true)
                .build());
        // Native S3 locking (Terraform >= 1.10); the cdktf 0.19 builder predates it.
        tf.setting("terraform.backend.s3.use_lockfile", true);
        if (!state.hasBucket()) {
            backend.addOverride("bucket", null);
            tf.setting("terraform.backend.s3." + Setting.STATE_BUCKET.variable(), "is not set: deploy " + bootstrapStack
                    + " and synthesize again in the same folder (the synth reads the bucket from terraform." + bootstrapStack + ".tfstate), or export "
                    + Setting.STATE_BUCKET.variable() + "=<its state_bucket output (cdktf output " + bootstrapStack + ")>");
        }
    }
}
