package dev.securebaseline;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.securebaseline.Synthesized.ref;
import static org.assertj.core.api.Assertions.assertThat;

/** The customer managed key: rotation, deletion window, alias, and a key policy that grants each service only its use. */
class EncryptionTest {

    private static final String ACCOUNT = "${data.aws_caller_identity.current.account_id}";

    private final Synthesized stack = Synth.defaults();

    @Test
    void keyRotatesYearlyAndWaitsThirtyDaysBeforeDeletion() {
        JsonNode key = stack.resource("aws_kms_key", "main");

        assertThat(key.path("enable_key_rotation").asBoolean()).isTrue();
        assertThat(key.path("deletion_window_in_days").asInt()).isEqualTo(30);
        assertThat(stack.resource("aws_kms_alias", "main").path("name_prefix").asText()).startsWith("alias/baseline-dev-");
        assertThat(stack.resource("aws_kms_alias", "main").path("target_key_id").asText()).isEqualTo(ref("aws_kms_key.main", "key_id"));
    }

    @Test
    void theAccountAdministersTheKeyThroughIam() {
        JsonNode admin = stack.statement("aws_kms_key", "main", "policy", "AccountAdministersKeyThroughIam");

        assertThat(admin.path("Principal").path("AWS").asText())
                .isEqualTo("arn:${data.aws_partition.current.partition}:iam::" + ACCOUNT + ":root");
        assertThat(admin.path("Action").asText()).isEqualTo("kms:*");
    }

    @Test
    void cloudTrailMayEncryptOnlyForThisTrailAndOnlyWithATrailEncryptionContext() {
        JsonNode encrypt = stack.statement("aws_kms_key", "main", "policy", "CloudTrailEncryptsThisTrail");
        String trailArn = stack.resource("aws_cloudtrail", "main").path("name").asText();

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
    void cloudWatchAlarmsMayUseTheKeyToPublishToTheEncryptedTopic() {
        JsonNode alarms = stack.statement("aws_kms_key", "main", "policy", "CloudWatchAlarmsPublishToEncryptedTopic");

        assertThat(alarms.path("Principal").path("Service").asText()).isEqualTo("cloudwatch.amazonaws.com");
        assertThat(texts(alarms.path("Action"))).containsExactlyInAnyOrder("kms:Decrypt", "kms:GenerateDataKey*");
        assertThat(alarms.path("Condition").path("StringEquals").path("aws:SourceAccount").asText()).isEqualTo(ACCOUNT);
    }

    @Test
    void noStatementOfTheKeyPolicyGrantsToAnyone() {
        for (JsonNode statement : stack.policy("aws_kms_key", "main", "policy").path("Statement")) {
            assertThat(statement.path("Principal").toString()).as(statement.path("Sid").asText()).doesNotContain("\"*\"");
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        }
    }

    @Test
    void everyLogGroupTopicAndBucketThatCanUseTheKeyDoes() {
        String keyArn = ref("aws_kms_key.main", "arn");
        stack.resources("aws_cloudwatch_log_group").forEach((name, group) ->
                assertThat(group.path("kms_key_id").asText()).as(name).isEqualTo(keyArn));
        assertThat(stack.resource("aws_sns_topic", "alarms").path("kms_master_key_id").asText()).isEqualTo(keyArn);
        assertThat(stack.resource("aws_cloudtrail", "main").path("kms_key_id").asText()).isEqualTo(keyArn);
    }

    static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }
}
