package dev.securebaseline.stacks;

import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.pipeline.StateRoles;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.DeployTarget;
import dev.securebaseline.settings.Pipeline;
import dev.securebaseline.settings.Setting;
import dev.securebaseline.storage.PrivateBucket;
import dev.securebaseline.storage.PrivateBucket.Encryption;
import dev.securebaseline.storage.PrivateBucket.Retention;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.AwsProvider;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;
import software.constructs.Construct;

import java.util.List;

import static dev.securebaseline.tf.Tf.map;

/**
 * The stack deployed once, first: the S3 bucket that holds every environment's Terraform state.
 * Its own state stays local by design (the bucket cannot hold the state of its own creation), in the
 * project folder, outside {@code cdktf.out}.
 */
public final class StateBootstrapStack extends TerraformStack {

    /** Deleted or overwritten state is recoverable from an older version for this long. */
    static final int NONCURRENT_STATE_VERSION_DAYS = 90;
    private static final int ACCESS_LOG_GLACIER_DAYS = 90;
    private static final int ACCESS_LOG_EXPIRATION_DAYS = 731;

    public StateBootstrapStack(Construct scope, AppSettings.Bootstrap settings, List<DeployTarget> pipelineTargets) {
        super(scope, settings.stackName());
        Tf tf = new Tf(this);
        AwsContext aws = AwsProvider.configure(tf, settings.region(),
                AwsProvider.defaultTags(settings.project(), "shared", settings.owner()), settings.access(), List.of());
        // Relative to cdktf.out/stacks/<stack>: the state file sits in the project folder, which a
        // new synth never wipes.
        new LocalBackend(this, LocalBackendConfig.builder()
                .path("../../../terraform." + settings.stackName() + ".tfstate")
                .build());

        String prefix = Pipeline.STATE_BUCKET_PREFIX.apply(settings.project());
        PrivateBucket accessLogs = PrivateBucket.named("state_access_logs")
                .prefix(settings.project() + "-tfstate-logs-")
                .receivesAccessLogsFrom(aws, aws.s3Arn(prefix + "*"))
                .retention(Retention.archive(ACCESS_LOG_GLACIER_DAYS, ACCESS_LOG_EXPIRATION_DAYS))
                .protect(!settings.allowDestroy());
        PrivateBucket state = PrivateBucket.named("state")
                .prefix(prefix)
                .encryption(Encryption.awsManagedKey())
                .logsTo(accessLogs)
                .retention(Retention.keepCurrent(NONCURRENT_STATE_VERSION_DAYS))
                .policy(arn -> Policies.tlsOnlyBucket(arn))
                // Destroying it deletes every environment's state: only a retire of the whole app lifts this.
                .protect(!settings.allowDestroy());
        accessLogs.writeTo(tf, settings.project() + "-tfstate-access-logs");
        Ref bucket = state.writeTo(tf, settings.project() + "-terraform-state");
        StateRoles.writeTo(tf, settings.project(), pipelineTargets, bucket.get("arn"));

        tf.output("state_bucket", bucket.get("id"), "The bucket every account and environment stack keeps its state in.");
        tf.output("state_region", settings.region(), "Region of the state bucket.");
        tf.output("state_access_log_bucket", accessLogs.bucket().get("id"), "Server access logs of the state bucket.");
        tf.output("s3_backend", map(
                        "bucket", bucket.get("id"),
                        "region", settings.region(),
                        "encrypt", true,
                        "use_lockfile", true),
                "The S3 backend settings of the account and environment stacks; each adds its own key.");
        tf.output("state_keys", settings.stateKeys(), "State key of each account and environment stack.");
        tf.output("environment_exports",
                "export " + Setting.STATE_BUCKET.variable() + "=" + bucket.get("id") + " " + Setting.STATE_REGION.variable() + "=" + settings.region(),
                "For CI, or a synth in another folder: a synth in this folder reads the bucket from this stack's state by itself.");
        tf.flush();
    }
}
