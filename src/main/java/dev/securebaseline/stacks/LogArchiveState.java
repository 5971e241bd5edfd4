package dev.securebaseline.stacks;

import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.settings.Organization;
import dev.securebaseline.settings.OrganizationSettings;
import dev.securebaseline.tf.AwsProvider;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import java.util.List;
import java.util.Optional;

import static dev.securebaseline.tf.Tf.expr;
import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;

/**
 * Where the organization trail and the members' AWS Config deliver: the log archive's buckets and keys, read from the
 * log-archive stack's state in the state bucket. Only the baseline's own deploys write that state, and a postcondition
 * refuses any name the log-archive stack could not have created, so no bucket someone else owns becomes a destination. When
 * the organization file names the buckets ({@code log_archive_outputs}, to adopt existing ones) they are taken as written.
 *
 * <p>Before the log archive is deployed its state does not exist, and Terraform's {@code terraform_remote_state} fails on a
 * missing state. So the state bucket is listed first (through the {@code aws.state} provider, with the backend's credentials):
 * while the state is missing or holds no buckets, whatever delivers there is not counted, and a {@code check} says what waits
 * for what, as a warning; the plan succeeds. The log archive deploys one wave earlier, so in an ordered deploy the next plan,
 * the one the apply makes, finds the buckets: one synth, one pass.
 */
final class LogArchiveState {

    private static final List<String> OUTPUTS = List.of("trail_bucket", "trail_key_arn", "config_bucket", "config_key_arn");

    /**
     * The four destinations, as literal names or as expressions on the log archive's state, and the condition under which
     * they exist (empty when the file names them).
     */
    record Destinations(String trailBucket, String trailKeyArn, String configBucket, String configKeyArn, Optional<String> ready) {

        static Destinations adopted(Organization.LogArchiveOutputs outputs) {
            return new Destinations(outputs.trailBucket(), outputs.trailKeyArn(), outputs.configBucket(), outputs.configKeyArn(), Optional.empty());
        }
    }

    private LogArchiveState() {
    }

    /** The state bucket, for {@link AwsProvider#configure}: present when the stack reads the log archive's state. */
    static Optional<AwsProvider.StateBucket> stateBucket(AppSettings.Bootstrap app, Organization organization) {
        return organization.readsLogArchiveState()
                ? Optional.of(new AwsProvider.StateBucket(OrganizationSettings.state(app, OrganizationSettings.LOG_ARCHIVE).region(),
                        organization.state().accountId()))
                : Optional.empty();
    }

    /** The destinations; {@code waiting} names what delivers there, for the check's message ("The organization trail"). */
    static Destinations read(Tf tf, AppSettings.Bootstrap app, Organization organization, String waiting) {
        if (!organization.readsLogArchiveState()) {
            return Destinations.adopted(organization.logArchiveOutputs().orElseThrow());
        }
        String stack = OrganizationSettings.stackName(app.project(), OrganizationSettings.LOG_ARCHIVE);
        BaselineSettings.StateBackend state = OrganizationSettings.state(app, OrganizationSettings.LOG_ARCHIVE);
        String bucket = state.hasBucket() ? state.bucket() : "";
        Ref listing = tf.withProvider("aws." + AwsProvider.STATE_ALIAS).data("aws_s3_objects", "log_archive_state", map(
                "bucket", bucket,
                "prefix", state.key()));
        Ref remote = tf.data("terraform_remote_state", "log_archive", map(
                "count", Tf.countIf("contains(" + listing.attr("keys") + ", \"" + state.key() + "\")"),
                "backend", "s3",
                "config", map(
                        "bucket", bucket,
                        "key", state.key(),
                        "region", state.region(),
                        // The pipeline's jobs reach the bucket through their state role, as their backend does; by hand, directly.
                        "assume_role", expr("var." + AwsProvider.STATE_ROLE_VARIABLE + " == \"\" ? null : { role_arn = var."
                                + AwsProvider.STATE_ROLE_VARIABLE + " }")),
                "defaults", emptyOutputs(),
                "lifecycle", map("postcondition", list(map(
                        "condition", expr(String.join(" && ", wellFormed(app, organization))),
                        "error_message", "The state of " + stack + " (s3://" + bucket + "/" + state.key() + ") names a bucket or key its stack "
                                + "does not create (trail_bucket " + output("trail_bucket") + ", config_bucket " + output("config_bucket")
                                + ", trail_key_arn " + output("trail_key_arn") + ", config_key_arn " + output("config_key_arn") + "). The "
                                + "organization's logs go only where " + stack + " writes them: restore its state, or name adopted buckets "
                                + "as log_archive_outputs in the organization file.")))));
        tf.setting("locals.log_archive", expr("merge(" + hclObject() + ", one(" + remote.path() + "[*].outputs))"));
        Ref outputs = Ref.local("log_archive");
        String ready = "alltrue([" + String.join(", ", OUTPUTS.stream().map(o -> outputs.attr(o) + " != \"\"").toList()) + "])";
        tf.setting("check.log_archive.assert", list(map(
                "condition", expr(ready),
                "error_message", waiting + " waits for " + stack + ", whose state (s3://" + bucket + "/" + state.key() + ") names no "
                        + "buckets yet: deploy " + stack + " (one wave earlier) and the next plan of this stack writes it.")));
        return new Destinations(outputs.get("trail_bucket"), outputs.get("trail_key_arn"), outputs.get("config_bucket"),
                outputs.get("config_key_arn"), Optional.of(ready));
    }

    /** Each output empty (not deployed yet) or what the log-archive stack writes: its bucket prefixes, keys of its account and region. */
    private static List<String> wellFormed(AppSettings.Bootstrap app, Organization organization) {
        Naming names = Naming.ofOrganizationPart(app.project(), app.stateBucket(), OrganizationSettings.LOG_ARCHIVE);
        String keys = "^arn:aws[a-z-]*:kms:" + organization.homeRegion() + ":" + organization.logArchive().accountId() + ":key/";
        return List.of(
                emptyOr("trail_bucket", "startswith(self.outputs.trail_bucket, \"" + names.prefix("trail") + "\")"),
                emptyOr("config_bucket", "startswith(self.outputs.config_bucket, \"" + names.prefix("config") + "\")"),
                emptyOr("trail_key_arn", "can(regex(\"" + keys + "\", self.outputs.trail_key_arn))"),
                emptyOr("config_key_arn", "can(regex(\"" + keys + "\", self.outputs.config_key_arn))"));
    }

    private static String emptyOr(String output, String condition) {
        return "(self.outputs." + output + " == \"\" || " + condition + ")";
    }

    private static String output(String name) {
        return expr("self.outputs." + name);
    }

    private static java.util.Map<String, Object> emptyOutputs() {
        java.util.Map<String, Object> outputs = new java.util.LinkedHashMap<>();
        OUTPUTS.forEach(o -> outputs.put(o, ""));
        return outputs;
    }

    private static String hclObject() {
        return "{ " + String.join(", ", OUTPUTS.stream().map(o -> o + " = \"\"").toList()) + " }";
    }
}
