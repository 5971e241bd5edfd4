package dev.securebaseline.stacks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing is lost: every stateful resource of every stack is protected from destroy, and only a deliberate setting lifts it. */
class LifecycleProtectionTest {

    /** Resource types that hold data or keys; a resource of one of these types must carry prevent_destroy. */
    static final Set<String> STATEFUL_TYPES = Set.of(
            "aws_s3_bucket", "aws_kms_key", "aws_cloudwatch_log_group", "aws_dynamodb_table", "aws_db_instance",
            "aws_rds_cluster", "aws_efs_file_system", "aws_ebs_volume", "aws_secretsmanager_secret", "aws_backup_vault",
            "aws_ecr_repository", "aws_glacier_vault");

    /**
     * Account-wide protections whose destroy would silently switch a control off for the whole account (or
     * delete its findings); the account stack protects every one of them.
     */
    static final Set<String> ACCOUNT_GUARD_TYPES = Set.of(
            "aws_cloudtrail", "aws_s3_account_public_access_block", "aws_ebs_encryption_by_default", "aws_guardduty_detector",
            "aws_securityhub_account", "aws_config_configuration_recorder", "aws_iam_account_password_policy", "aws_iam_service_linked_role");

    /** The protected resources by stack, pinned: a new stateful resource must be added here deliberately. */
    static final Map<String, List<String>> PROTECTED = Map.of(
            "baseline-bootstrap", List.of("aws_s3_bucket.state", "aws_s3_bucket.state_access_logs"),
            "baseline-account-default", accountPart(),
            "baseline-dev", environmentPart(),
            "baseline-staging", environmentPart(),
            "baseline-prod", Stream.concat(environmentPart().stream(), Stream.of("aws_cloudwatch_log_group.waf")).toList());

    private static List<String> environmentPart() {
        return List.of("aws_s3_bucket.access_logs", "aws_s3_bucket.alb_logs", "aws_kms_key.main", "aws_cloudwatch_log_group.flow_logs");
    }

    private static List<String> accountPart() {
        return List.of("aws_s3_bucket.trail", "aws_s3_bucket.config", "aws_s3_bucket.audit_access_logs", "aws_kms_key.audit",
                "aws_cloudwatch_log_group.trail");
    }

    private static final String ACCOUNT = "baseline-account-default";

    private final Map<String, Synthesized> app = Synth.app(Map.of());

    @Test
    void theAccountStackProtectsEveryAccountWideGuard() {
        Synthesized account = app.get(ACCOUNT);
        for (String type : ACCOUNT_GUARD_TYPES) {
            assertThat(account.resources(type)).as(type).isNotEmpty();
            account.resources(type).forEach((name, body) -> assertThat(body.path("lifecycle").path("prevent_destroy").asBoolean(false))
                    .as("%s.%s carries prevent_destroy", type, name).isTrue());
        }
        assertThat(account.resources("aws_guardduty_detector")).hasSize(AwsRegions.ENABLED_BY_DEFAULT.size());
    }

    @Test
    void retiringAnEnvironmentLeavesItsAccountStackProtected() {
        Map<String, Synthesized> retiring = Synth.app(Map.of("BASELINE_ALLOW_DESTROY", "true"));

        for (String address : accountPart()) {
            assertThat(protectedFromDestroy(retiring.get(ACCOUNT), address)).as(address).isTrue();
        }
        ACCOUNT_GUARD_TYPES.forEach(type -> retiring.get(ACCOUNT).resources(type).forEach((name, body) ->
                assertThat(body.path("lifecycle").path("prevent_destroy").asBoolean(false)).as("%s.%s", type, name).isTrue()));
        for (String address : environmentPart()) {
            assertThat(protectedFromDestroy(retiring.get("baseline-dev"), address)).as(address).isFalse();
        }
    }

    @Test
    void allowAccountDestroyLiftsTheAccountStacksProtectionAndOnlyThat() {
        Map<String, Synthesized> retiring = Synth.app(Map.of("BASELINE_ALLOW_ACCOUNT_DESTROY", "true"));

        for (String address : accountPart()) {
            assertThat(protectedFromDestroy(retiring.get(ACCOUNT), address)).as(address).isFalse();
        }
        ACCOUNT_GUARD_TYPES.forEach(type -> retiring.get(ACCOUNT).resources(type).forEach((name, body) ->
                assertThat(body.path("lifecycle").has("prevent_destroy")).as("%s.%s", type, name).isFalse()));
        for (String environment : List.of("baseline-dev", "baseline-staging", "baseline-prod")) {
            for (String address : environmentPart()) {
                assertThat(protectedFromDestroy(retiring.get(environment), address)).as("%s %s", environment, address).isTrue();
            }
        }
    }

    private static boolean protectedFromDestroy(Synthesized stack, String address) {
        String type = address.substring(0, address.indexOf('.'));
        return stack.resource(type, address.substring(address.indexOf('.') + 1)).path("lifecycle").path("prevent_destroy").asBoolean(false);
    }

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
    void noBucketCanBeForceDestroyedUnlessARetireAsksForIt() {
        app.forEach((name, stack) -> stack.resources("aws_s3_bucket").forEach((bucket, body) ->
                assertThat(body.path("force_destroy").asBoolean(true)).as("%s.%s", name, bucket).isFalse()));
        Map<String, Synthesized> retiringDev = Synth.app(Map.of("BASELINE_DEV_ALLOW_DESTROY", "true"));
        retiringDev.forEach((name, stack) -> stack.resources("aws_s3_bucket").forEach((bucket, body) ->
                assertThat(body.path("force_destroy").asBoolean())
                        .as("%s.%s: only dev's own buckets", name, bucket)
                        .isEqualTo(name.equals("baseline-dev") && environmentPart().contains("aws_s3_bucket." + bucket))));
    }

    @Test
    void retiringTheWholeAppLiftsTheStateBucketsProtectionToo() {
        Synthesized bootstrap = Synth.app(Map.of("BASELINE_ALLOW_DESTROY", "true")).get("baseline-bootstrap");

        for (String bucket : List.of("state", "state_access_logs")) {
            assertThat(bootstrap.resource("aws_s3_bucket", bucket).has("lifecycle")).as(bucket).isFalse();
            assertThat(bootstrap.resource("aws_s3_bucket", bucket).path("force_destroy").asBoolean()).as(bucket).isTrue();
        }
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
    void aRetireLiftsPreventDestroyLetsBucketsBeEmptiedTurnsDeletionProtectionOffAndChangesNothingElse() {
        Synthesized prod = Synth.app(Map.of("BASELINE_PROD_ALLOW_DESTROY", "true")).get("baseline-prod");
        Synthesized protectedProd = app.get("baseline-prod");

        for (String address : PROTECTED.get("baseline-prod")) {
            String type = address.substring(0, address.indexOf('.'));
            String resource = address.substring(address.indexOf('.') + 1);
            ObjectNode retired = protectedProd.resource(type, resource).deepCopy();
            retired.remove("lifecycle");
            if (type.equals("aws_s3_bucket")) {
                retired.put("force_destroy", true);
            }
            assertThat(prod.resource(type, resource)).as(address).isEqualTo(retired);
        }
        ObjectNode loadBalancer = protectedProd.resource("aws_lb", "main").deepCopy();
        assertThat(loadBalancer.path("enable_deletion_protection").asBoolean()).isTrue();
        assertThat(prod.resource("aws_lb", "main")).isEqualTo(loadBalancer.put("enable_deletion_protection", false));
        assertThat(prod.addresses()).containsExactlyInAnyOrderElementsOf(protectedProd.addresses());
        for (String address : protectedProd.addresses()) {
            if (!PROTECTED.get("baseline-prod").contains(address) && !address.equals("aws_lb.main")) {
                String type = address.substring(0, address.indexOf('.'));
                assertThat(prod.resource(type, address.substring(address.indexOf('.') + 1)))
                        .as("%s is untouched by the retire", address)
                        .isEqualTo(protectedProd.resource(type, address.substring(address.indexOf('.') + 1)));
            }
        }
    }
}
