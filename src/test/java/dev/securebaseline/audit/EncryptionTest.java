package dev.securebaseline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.securebaseline.testing.Synthesized.texts;
import static dev.securebaseline.testing.Synthesized.ref;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer managed keys: the environment's key ({@code main}) and, in the account stack, the
 * account baseline, the audit key ({@code audit}). Rotation, deletion window, alias, and key policies
 * that grant each service only its use.
 */
public class EncryptionTest {

    private static final String ACCOUNT = "${data.aws_caller_identity.current.account_id}";

    private final Synthesized stack = Synth.defaults();
    private final Synthesized account = Synth.accountDefaults();

    /** The environment's key is its stack's; the audit key its account stack's. */
    private Synthesized stackOf(String key) {
        return key.equals("audit") ? account : stack;
    }

    @ParameterizedTest(name = "aws_kms_key.{0}")
    @ValueSource(strings = {"main", "audit"})
    void keyRotatesYearlyAndWaitsThirtyDaysBeforeDeletion(String key) {
        Synthesized stack = stackOf(key);
        JsonNode body = stack.resource("aws_kms_key", key);

        assertThat(body.path("enable_key_rotation").asBoolean()).isTrue();
        assertThat(body.path("deletion_window_in_days").asInt()).isEqualTo(30);
        assertThat(stack.resource("aws_kms_alias", key).path("target_key_id").asText()).isEqualTo(ref("aws_kms_key." + key, "key_id"));
    }

    @Test
    void theEnvironmentKeyIsNamedForTheEnvironmentAndTheAuditKeyForTheAccount() {
        assertThat(stack.resource("aws_kms_alias", "main").path("name_prefix").asText()).startsWith("alias/baseline-dev-");
        assertThat(account.resource("aws_kms_alias", "audit").path("name_prefix").asText()).startsWith("alias/baseline-account-audit-");
    }

    @ParameterizedTest(name = "aws_kms_key.{0}")
    @ValueSource(strings = {"main", "audit"})
    void theAccountAdministersTheKeyThroughIam(String key) {
        Synthesized stack = stackOf(key);
        JsonNode admin = stack.statement("aws_kms_key", key, "policy", "AccountAdministersKeyThroughIam");

        assertThat(admin.path("Principal").path("AWS").asText())
                .isEqualTo("arn:${data.aws_partition.current.partition}:iam::" + ACCOUNT + ":root");
        assertThat(admin.path("Action").asText()).isEqualTo("kms:*");
    }

    @Test
    void theEnvironmentKeyGrantsCloudTrailNothing() {
        assertThat(stack.policy("aws_kms_key", "main", "policy").toString()).doesNotContain("cloudtrail");
    }

    @Test
    void cloudTrailMayEncryptOnlyForThisTrailAndOnlyWithATrailEncryptionContext() {
        JsonNode encrypt = account.statement("aws_kms_key", "audit", "policy", "CloudTrailEncryptsThisTrail");
        String trailArn = account.resource("aws_cloudtrail", "main").path("name").asText();

        assertThat(encrypt.path("Principal").path("Service").asText()).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(encrypt.path("Action").asText()).isEqualTo("kms:GenerateDataKey*");
        assertThat(encrypt.path("Condition").path("StringEquals").path("aws:SourceArn").asText())
                .endsWith(":cloudtrail:us-east-1:" + ACCOUNT + ":trail/" + trailArn);
        assertThat(encrypt.path("Condition").path("StringLike").path("kms:EncryptionContext:aws:cloudtrail:arn").asText())
                .endsWith(":cloudtrail:*:" + ACCOUNT + ":trail/*");
    }

    @Test
    void cloudWatchLogsMayUseTheKeyOnlyForThisAccountsLogGroupsInThisRegion() {
        JsonNode logs = stack.statement("aws_kms_key", "main", "policy", "CloudWatchLogsEncryptsLogGroups");

        assertThat(logs.path("Principal").path("Service").asText()).isEqualTo("logs.us-east-1.amazonaws.com");
        assertThat(logs.path("Condition").path("ArnLike").path("kms:EncryptionContext:aws:logs:arn").asText())
                .isEqualTo("arn:${data.aws_partition.current.partition}:logs:us-east-1:" + ACCOUNT + ":log-group:*");
    }

    @Test
    void cloudWatchLogsMayUseTheAuditKeyOnlyForTheAccountBaselinesLogGroups() {
        JsonNode logs = account.statement("aws_kms_key", "audit", "policy", "CloudWatchLogsEncryptsLogGroups");

        assertThat(logs.path("Condition").path("ArnLike").path("kms:EncryptionContext:aws:logs:arn").asText())
                .isEqualTo("arn:${data.aws_partition.current.partition}:logs:us-east-1:" + ACCOUNT + ":log-group:/baseline/account/*");
        assertThat(account.resource("aws_cloudwatch_log_group", "trail").path("name_prefix").asText()).startsWith("/baseline/account/");
    }

    @ParameterizedTest(name = "aws_kms_key.{0}")
    @ValueSource(strings = {"main", "audit"})
    void cloudWatchAlarmsMayUseTheKeyToPublishToTheEncryptedTopic(String key) {
        Synthesized stack = stackOf(key);
        JsonNode alarms = stack.statement("aws_kms_key", key, "policy", "CloudWatchAlarmsPublishToEncryptedTopic");

        assertThat(alarms.path("Principal").path("Service").asText()).isEqualTo("cloudwatch.amazonaws.com");
        assertThat(texts(alarms.path("Action"))).containsExactlyInAnyOrder("kms:Decrypt", "kms:GenerateDataKey*");
        assertThat(alarms.path("Condition").path("StringEquals").path("aws:SourceAccount").asText()).isEqualTo(ACCOUNT);
    }

    @ParameterizedTest(name = "aws_kms_key.{0}")
    @ValueSource(strings = {"main", "audit"})
    void noStatementOfTheKeyPolicyGrantsToAnyone(String key) {
        Synthesized stack = stackOf(key);
        for (JsonNode statement : stack.policy("aws_kms_key", key, "policy").path("Statement")) {
            assertThat(statement.path("Principal").toString()).as(statement.path("Sid").asText()).doesNotContain("\"*\"");
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        }
    }

    @Test
    void theEnvironmentsLogGroupAndTopicUseItsKeyAndTheAccountsAuditDataTheAuditKey() {
        String keyArn = ref("aws_kms_key.main", "arn");
        String auditKeyArn = ref("aws_kms_key.audit", "arn");
        assertThat(stack.resource("aws_cloudwatch_log_group", "flow_logs").path("kms_key_id").asText()).isEqualTo(keyArn);
        assertThat(stack.resource("aws_sns_topic", "alarms").path("kms_master_key_id").asText()).isEqualTo(keyArn);
        assertThat(account.resource("aws_cloudwatch_log_group", "trail").path("kms_key_id").asText()).isEqualTo(auditKeyArn);
        assertThat(account.resource("aws_cloudtrail", "main").path("kms_key_id").asText()).isEqualTo(auditKeyArn);
        assertThat(account.resource("aws_sns_topic", "security_alarms").path("kms_master_key_id").asText()).isEqualTo(auditKeyArn);
        for (String bucket : List.of("trail", "config")) {
            assertThat(account.resource("aws_s3_bucket_server_side_encryption_configuration", bucket).path("rule").get(0)
                    .path("apply_server_side_encryption_by_default").path("kms_master_key_id").asText()).as(bucket).isEqualTo(auditKeyArn);
        }
    }
}
