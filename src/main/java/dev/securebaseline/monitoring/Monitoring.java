package dev.securebaseline.monitoring;

import dev.securebaseline.policy.Policies;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import java.util.Map;

import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/** The two things every part of the baseline writes the same way: encrypted log groups and alarms to a topic. */
public final class Monitoring {

    private Monitoring() {
    }

    /** A log group {@code /<project>/<environment>/<purpose>-…} encrypted with {@code keyArn}, kept {@code retentionDays} (a number or a variable). */
    public static Ref logGroup(Tf tf, Naming names, String role, String purpose, String keyArn, Object retentionDays, boolean protect) {
        return logGroup(tf, role, names.logGroupPrefix(purpose), names.display(purpose), keyArn, retentionDays, protect);
    }

    /** The same, for a service that dictates how the name starts. */
    public static Ref logGroup(Tf tf, String role, String namePrefix, String nameTag, String keyArn, Object retentionDays, boolean protect) {
        return tf.resource("aws_cloudwatch_log_group", role, map(
                "name_prefix", namePrefix,
                "retention_in_days", retentionDays,
                "kms_key_id", keyArn,
                "tags", tags(nameTag),
                "lifecycle", Tf.preventDestroy(protect)));
    }

    /**
     * An alarm topic encrypted with {@code keyArn} (FSBP SNS.1) that only CloudWatch alarms of this account may
     * publish to, with an email subscription when {@code email} (a variable) is not empty.
     */
    public static Ref alarmTopic(Tf tf, AwsContext aws, Naming names, String address, String subscriptionAddress, String purpose, String keyArn,
                          Ref email) {
        Ref topic = tf.resource("aws_sns_topic", address, map(
                "name_prefix", names.prefix(purpose),
                "display_name", names.display(purpose),
                "kms_master_key_id", keyArn,
                "tags", tags(names.display(purpose))));
        tf.resource("aws_sns_topic_policy", address, map(
                "arn", topic.get("arn"),
                "policy", Policies.alarmTopic(aws, topic.get("arn")).json()));
        tf.resource("aws_sns_topic_subscription", subscriptionAddress, map(
                "count", Tf.countIf(email.path() + " != \"\""),
                "topic_arn", topic.get("arn"),
                "protocol", "email",
                "endpoint", email.value()));
        return topic;
    }

    /** An alarm notifying the topic; {@code metric} says what it watches and when it fires. Missing data is not a breach. */
    public static Ref alarm(Tf tf, Naming names, Ref topic, String address, String role, String description, Map<String, Object> metric) {
        Map<String, Object> alarm = map(
                "alarm_name", names.unique(role),
                "alarm_description", description,
                "treat_missing_data", "notBreaching",
                "alarm_actions", list(topic.get("arn")),
                "tags", tags(names.display(role)));
        alarm.putAll(metric);
        return tf.resource("aws_cloudwatch_metric_alarm", address, alarm);
    }
}
