package dev.securebaseline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing is lost: every stateful resource of every stack is protected from destroy, and only a deliberate setting lifts it. */
class LifecycleProtectionTest {

    /** Resource types that hold data or keys; a resource of one of these types must carry prevent_destroy. */
    static final Set<String> STATEFUL_TYPES = Set.of(
            "aws_s3_bucket", "aws_kms_key", "aws_cloudwatch_log_group", "aws_dynamodb_table", "aws_db_instance",
            "aws_rds_cluster", "aws_efs_file_system", "aws_ebs_volume", "aws_secretsmanager_secret", "aws_backup_vault",
            "aws_ecr_repository", "aws_glacier_vault");

    /** The protected resources by stack, pinned: a new stateful resource must be added here deliberately. */
    static final Map<String, List<String>> PROTECTED = Map.of(
            "baseline-bootstrap", List.of("aws_s3_bucket.state", "aws_s3_bucket.state_access_logs"),
            "baseline-dev", environmentStack(),
            "baseline-staging", environmentStack(),
            "baseline-prod", environmentStack());

    private static List<String> environmentStack() {
        return List.of("aws_s3_bucket.trail", "aws_s3_bucket.access_logs", "aws_s3_bucket.alb_logs", "aws_kms_key.main",
                "aws_cloudwatch_log_group.trail", "aws_cloudwatch_log_group.flow_logs");
    }

    private final Map<String, Synthesized> app = Synth.app(Map.of());

    @Test
    void everyStatefulResourceOfEveryStackIsProtectedFromDestroy() {
        app.forEach((name, stack) -> {
            List<String> stateful = new ArrayList<>();
            for (String type : STATEFUL_TYPES) {
                stack.resources(type).forEach((resource, body) -> {
                    stateful.add(type + "." + resource);
                    assertThat(body.path("lifecycle").path("prevent_destroy").asBoolean(false))
                            .as("%s in %s carries prevent_destroy", type + "." + resource, name).isTrue();
                });
            }
            assertThat(stateful).as("stateful resources of %s", name).containsExactlyInAnyOrderElementsOf(PROTECTED.get(name));
        });
    }

    @Test
    void noBucketCanEverBeForceDestroyed() {
        app.forEach((name, stack) -> stack.resources("aws_s3_bucket").forEach((bucket, body) ->
                assertThat(body.path("force_destroy").asBoolean(true)).as("%s.%s", name, bucket).isFalse()));
    }

    @Test
    void theStateBucketStaysProtectedEvenWhenAnEnvironmentIsRetired() {
        Map<String, Synthesized> retiring = Synth.app(Map.of("BASELINE_DEV_ALLOW_DESTROY", "true"));

        assertThat(retiring.get("baseline-bootstrap").resource("aws_s3_bucket", "state").path("lifecycle").path("prevent_destroy").asBoolean())
                .isTrue();
        assertThat(retiring.get("baseline-prod").resource("aws_kms_key", "main").path("lifecycle").path("prevent_destroy").asBoolean())
                .as("only the named environment is unprotected").isTrue();
    }

    @Test
    void allowDestroyLiftsPreventDestroyAndNothingElse() {
        Map<String, Synthesized> retiring = Synth.app(Map.of("BASELINE_DEV_ALLOW_DESTROY", "true"));
        Synthesized dev = retiring.get("baseline-dev");
        Synthesized protectedDev = app.get("baseline-dev");

        for (String address : environmentStack()) {
            String type = address.substring(0, address.indexOf('.'));
            String resource = address.substring(address.indexOf('.') + 1);
            ObjectNode withoutProtection = protectedDev.resource(type, resource).deepCopy();
            withoutProtection.remove("lifecycle");
            assertThat(dev.resource(type, resource)).as(address).isEqualTo(withoutProtection);
        }
        assertThat(dev.resource("aws_s3_bucket", "trail").path("force_destroy").asBoolean(true)).isFalse();
        assertThat(dev.addresses()).containsExactlyInAnyOrderElementsOf(protectedDev.addresses());
    }
}
