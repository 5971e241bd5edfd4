package dev.securebaseline.policy;

import dev.securebaseline.testing.AccessPaths;
import dev.securebaseline.testing.AccessPath;
import dev.securebaseline.testing.AccessPath.Expect;
import dev.securebaseline.testing.BackgroundJobs;
import dev.securebaseline.testing.Configurations;
import dev.securebaseline.testing.PolicyProofs;
import dev.securebaseline.testing.PolicyProofs.Proofs;
import dev.securebaseline.testing.PolicyProver;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service can use what the baseline gives it, and nobody else can, decided by a policy evaluator
 * ({@code @cloud-copilot/iam-simulate}) from the synthesized policies with the context each service sends:
 * service principals, {@code aws:SourceArn} / {@code aws:SourceAccount}, {@code kms:EncryptionContext:*},
 * explicit denies, same-account delegation through the key policy, S3 Block Public Access. The paths come
 * from the JSON ({@link AccessPaths}), so a new trail, log group, alarm or bucket gets its proof.
 */
@BackgroundJobs(order = 4, from = PolicyProofs.class)
public class AccessProofTest {

    private static Proofs proofs;

    @BeforeAll
    static void proveOnce() {
        proofs = PolicyProofs.await();
    }

    @Test
    void everyPathTheBaselineReliesOnIsAllowedAndEveryPathThatMustStayClosedIsDenied() {
        List<String> wrong = new ArrayList<>();
        for (AccessPath path : proofs.paths()) {
            PolicyProver.Decision decision = proofs.results().requests().get(path.id());
            boolean allowed = decision != null && decision.decision().equals("Allowed");
            boolean denied = decision != null && decision.decision().endsWith("Denied");
            if (path.expect() == Expect.ALLOWED ? !allowed : !denied) {
                wrong.add(describe(path, decision));
            }
        }
        assertThat(wrong).as("access paths decided otherwise than the baseline needs").isEmpty();
        long allowed = proofs.paths().stream().filter(p -> p.expect() == Expect.ALLOWED).count();
        System.out.printf("Policy proofs: %d access paths of %d stacks allowed, %d must-deny paths denied%n",
                allowed, proofs.stacks().size(), proofs.paths().size() - allowed);
    }

    /**
     * A must-deny proof that would be denied without its guard proves nothing about the guard: each is evaluated again with
     * its guard lifted (the Deny removed, the Allow's conditions removed, a grant added, Block Public Access off), and must
     * then be allowed.
     */
    @Test
    void everyMustDenyPathIsDeniedByItsGuardAndAllowedWithoutIt() {
        List<String> unguarded = new ArrayList<>();
        for (AccessPath path : proofs.paths()) {
            if (path.expect() != Expect.DENIED) {
                continue;
            }
            PolicyProver.Decision lifted = proofs.results().requests().get(path.liftedId());
            if (lifted == null || !lifted.decision().equals("Allowed")) {
                unguarded.add(describe(path, lifted) + "\n    with " + path.guard() + " lifted");
            }
        }
        assertThat(unguarded).as("must-deny paths still denied without the guard they prove").isEmpty();
    }

    @Test
    void everyStackThatCarriesAnAccountBaselineProvesItsTrailConfigAndAlarmPaths() {
        proofs.stacks().forEach((label, stack) -> {
            if (stack.resources("aws_cloudtrail").isEmpty()) {
                return;
            }
            assertThat(paths(label, p -> p.path().startsWith("trail "))).as("%s: trail paths", label).hasSizeGreaterThanOrEqualTo(8);
            stack.resources("aws_cloudwatch_log_metric_filter").values().forEach(filter -> {
                String metric = filter.path("metric_transformation").path("name").asText();
                String alarm = stack.resources("aws_cloudwatch_metric_alarm").entrySet().stream()
                        .filter(a -> a.getValue().path("metric_name").asText().equals(metric)).map(a -> "aws_cloudwatch_metric_alarm." + a.getKey())
                        .findFirst().orElseThrow(() -> new AssertionError(label + ": no alarm on the metric " + metric));
                assertThat(paths(label, p -> p.path().startsWith("alarm " + alarm + " "))).as("%s: paths of the CIS alarm %s", label, alarm).isNotEmpty();
            });
            int channels = stack.resources("aws_config_delivery_channel").size();
            assertThat(paths(label, p -> p.path().startsWith("Config delivery "))).as("%s: Config paths", label).hasSize(channels * 4);
        });
    }

    @Test
    void everyEncryptedLogGroupAndEveryBucketOfEveryStackHasItsProof() {
        proofs.stacks().forEach((label, stack) -> {
            long encrypted = stack.resources("aws_cloudwatch_log_group").values().stream().filter(g -> g.has("kms_key_id")).count();
            assertThat(paths(label, p -> p.path().startsWith("log group "))).as("%s: log group paths", label).hasSize((int) encrypted * 3);
            assertThat(paths(label, p -> p.path().startsWith("anonymous read of "))).as("%s: bucket paths", label)
                    .hasSize(stack.resources("aws_s3_bucket").size());
        });
    }

    /** The proofs have teeth: a key policy without the CloudWatch Logs grant fails the log group's path, naming it. */
    @Test
    void aKeyPolicyWithoutTheCloudWatchLogsGrantFailsTheLogGroupPathAndTheFailureNamesIt() {
        Synthesized prod = Configurations.synthesized(Configurations.HTTPS_NAT_PER_ZONE);
        Synthesized broken = prod.broken(json -> {
            com.fasterxml.jackson.databind.node.ObjectNode key = (com.fasterxml.jackson.databind.node.ObjectNode)
                    json.path("resource").path("aws_kms_key").path("main");
            key.put("policy", key.path("policy").asText().replace("CloudWatchLogsEncryptsLogGroups\",\"Effect\":\"Allow",
                    "CloudWatchLogsEncryptsLogGroups\",\"Effect\":\"Deny"));
        });
        List<AccessPath> paths = AccessPaths.of("broken", broken).stream()
                .filter(p -> p.path().equals("log group aws_cloudwatch_log_group.flow_logs is encrypted with aws_kms_key.main")).toList();

        PolicyProver.Results results = PolicyProver.run("teeth-paths", List.of(), paths.stream().map(p -> p.request().toJson(p.id())).toList());

        assertThat(paths).isNotEmpty();
        for (AccessPath path : paths) {
            PolicyProver.Decision decision = results.requests().get(path.id());
            assertThat(decision.decision()).as(path.id()).isEqualTo("ExplicitlyDenied");
            assertThat(describe(path, decision)).contains("logs.us-east-1.amazonaws.com").contains("aws_kms_key.main")
                    .contains("CloudWatchLogsEncryptsLogGroups");
        }
    }

    /** A trust policy that names the account but the service sends another account's requests: denied. */
    @Test
    void aServiceActingForAnotherAccountCannotAssumeTheFlowLogRole() {
        List<AccessPath> paths = proofs.paths().stream()
                .filter(p -> p.path().startsWith("vpc-flow-logs.amazonaws.com assuming aws_iam_role.flow_logs for another account")).toList();

        assertThat(paths).isNotEmpty();
        paths.forEach(path -> assertThat(proofs.results().requests().get(path.id()).decision()).as(path.id()).endsWith("Denied"));
    }

    private static List<AccessPath> paths(String stack, Predicate<AccessPath> filter) {
        return proofs.paths().stream().filter(p -> p.stack().equals(stack)).filter(filter).toList();
    }

    /** Path, principal, action, resource, what was expected and decided, and the statements that decided. */
    static String describe(AccessPath path, PolicyProver.Decision decision) {
        Map<String, Object> request = path.request().toJson(path.id());
        return path.stack() + ": " + path.path() + "\n    " + request.get("principal") + " " + request.get("action") + " on " + request.get("resource")
                + "\n    expected " + path.expect() + ", decided " + (decision == null ? "nothing" : decision.decision()
                + (decision.reasons().isEmpty() ? "" : " by " + String.join("; ", decision.reasons()))
                + (decision.errors().isEmpty() ? "" : " (errors: " + String.join("; ", decision.errors()) + ")"));
    }

}
