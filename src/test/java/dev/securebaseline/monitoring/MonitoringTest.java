package dev.securebaseline.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.securebaseline.testing.Synthesized.texts;
import static dev.securebaseline.testing.Synthesized.ref;
import static org.assertj.core.api.Assertions.assertThat;

/** CIS 4.1-4.15 metric filters and alarms, and the encrypted topic they notify. */
class MonitoringTest {

    private final Synthesized stack = Synth.accountDefaults();
    private final Synthesized dev = Synth.defaults();

    @Test
    void allFifteenCisMonitoringControlsHaveAFilterAndAnAlarm() {
        List<String> ids = new ArrayList<>();
        cisAlarms().values()
                .forEach(alarm -> ids.add(alarm.path("alarm_description").asText().replaceAll("^CIS (4\\.\\d+):.*", "$1")));

        assertThat(ids).containsExactlyInAnyOrder("4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8",
                "4.9", "4.10", "4.11", "4.12", "4.13", "4.14", "4.15");
        assertThat(cisAlarms().keySet()).isEqualTo(stack.resources("aws_cloudwatch_log_metric_filter").keySet());
    }

    /** The alarms that count CloudTrail events: one per metric filter, same address. */
    private Map<String, JsonNode> cisAlarms() {
        Map<String, JsonNode> alarms = new java.util.LinkedHashMap<>(stack.resources("aws_cloudwatch_metric_alarm"));
        alarms.keySet().retainAll(stack.resources("aws_cloudwatch_log_metric_filter").keySet());
        return alarms;
    }

    @Test
    void everyFilterWatchesTheTrailLogGroupAndEveryAlarmWatchesItsFiltersMetric() {
        stack.resources("aws_cloudwatch_log_metric_filter").forEach((name, filter) -> {
            JsonNode alarm = stack.resource("aws_cloudwatch_metric_alarm", name);
            JsonNode metric = filter.path("metric_transformation");

            assertThat(filter.path("log_group_name").asText()).as(name).isEqualTo(ref("aws_cloudwatch_log_group.trail", "name"));
            assertThat(alarm.path("metric_name").asText()).as(name).isEqualTo(metric.path("name").asText());
            assertThat(alarm.path("namespace").asText()).as(name).isEqualTo(metric.path("namespace").asText());
            assertThat(metric.path("value").asText()).isEqualTo("1");
        });
    }

    @Test
    void everyCisAlarmFiresOnTheFirstMatchingEventAndNotifiesTheTopic() {
        cisAlarms().forEach((name, alarm) -> {
            assertThat(alarm.path("statistic").asText()).as(name).isEqualTo("Sum");
            assertThat(alarm.path("threshold").asInt()).as(name).isEqualTo(1);
            assertThat(alarm.path("comparison_operator").asText()).as(name).isEqualTo("GreaterThanOrEqualToThreshold");
            assertThat(alarm.path("evaluation_periods").asInt()).as(name).isEqualTo(1);
            assertThat(alarm.path("treat_missing_data").asText()).as(name).isEqualTo("notBreaching");
            assertThat(texts(alarm.path("alarm_actions"))).as(name).containsExactly(ref("aws_sns_topic.security_alarms", "arn"));
        });
    }

    @Test
    void unauthorizedCallsPatternAppliesItsExclusionsToBothErrorCodes() {
        String pattern = stack.resource("aws_cloudwatch_log_metric_filter", "unauthorized_api_calls").path("pattern").asText();

        assertThat(pattern).startsWith("{ (($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\")) && ");
        assertThat(pattern).contains("($.sourceIPAddress != \"delivery.logs.amazonaws.com\")", "($.eventName != \"HeadBucket\")");
    }

    @Test
    void consoleSignInWithoutMfaOnlyCountsSuccessfulIamUserSignInsThatDidNotUseMfa() {
        String pattern = stack.resource("aws_cloudwatch_log_metric_filter", "console_signin_without_mfa").path("pattern").asText();

        assertThat(pattern).contains("($.additionalEventData.MFAUsed != \"Yes\")",
                "($.userIdentity.type = \"IAMUser\")", "($.responseElements.ConsoleLogin = \"Success\")");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"environment, alarms, main", "account, security_alarms, audit"})
    void alarmTopicIsEncryptedAndOnlyThisAccountsCloudWatchAlarmsMayPublish(String stackKind, String topic, String key) {
        Synthesized owner = stackKind.equals("account") ? stack : dev;
        assertThat(owner.resource("aws_sns_topic", topic).path("kms_master_key_id").asText())
                .isEqualTo(ref("aws_kms_key." + key, "arn"));

        JsonNode publish = owner.statement("aws_sns_topic_policy", topic, "policy", "CloudWatchAlarmsPublish");
        assertThat(publish.path("Principal").path("Service").asText()).isEqualTo("cloudwatch.amazonaws.com");
        assertThat(publish.path("Condition").path("ArnLike").path("aws:SourceArn").asText())
                .isEqualTo("arn:${data.aws_partition.current.partition}:cloudwatch:us-east-1:${data.aws_caller_identity.current.account_id}:alarm:*");

        JsonNode onlyCloudWatch = owner.statement("aws_sns_topic_policy", topic, "policy", "OnlyCloudWatchPublishes");
        assertThat(onlyCloudWatch.path("Effect").asText()).isEqualTo("Deny");
        assertThat(onlyCloudWatch.path("Condition").path("StringNotEquals").path("aws:PrincipalServiceName").asText())
                .isEqualTo("cloudwatch.amazonaws.com");

        JsonNode manage = owner.statement("aws_sns_topic_policy", topic, "policy", "AccountManagesTopic");
        assertThat(texts(manage.path("Action"))).doesNotContain("SNS:Publish");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"environment, alarm_email, BASELINE_ALARM_EMAIL", "account, security_alarm_email, BASELINE_SECURITY_ALARM_EMAIL"})
    void emailSubscriptionExistsOnlyWhenAnAddressIsGivenAndTheAddressIsValidated(String stackKind, String subscriptionName, String setting) {
        Synthesized owner = stackKind.equals("account") ? stack : dev;
        JsonNode subscription = owner.resource("aws_sns_topic_subscription", subscriptionName);
        assertThat(subscription.path("count").asText()).isEqualTo("${var.alarm_email != \"\" ? 1 : 0}");
        assertThat(subscription.path("protocol").asText()).isEqualTo("email");
        assertThat(subscription.path("endpoint").asText()).isEqualTo("${var.alarm_email}");
        assertThat(owner.variable("alarm_email").path("validation").get(0).path("condition").asText()).contains("can(regex(");

        Map<String, String> withEmail = Map.of(setting, "ops@yourcompany.com");
        Synthesized configured = stackKind.equals("account") ? Synth.accountOf(withEmail) : Synth.of(withEmail);
        assertThat(configured.variable("alarm_email").path("default").asText()).isEqualTo("ops@yourcompany.com");
    }
}
