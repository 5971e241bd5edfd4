package dev.securebaseline.network;

import dev.securebaseline.monitoring.Monitoring;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/** CIS 3.9 / FSBP EC2.6: flow logs for all of a VPC's traffic, into a KMS-encrypted log group kept at least a year. */
public final class FlowLogs {

    private FlowLogs() {
    }

    /** The log group, the role that writes it, and the flow log; returns the log group. */
    public static Ref write(Tf tf, Naming names, AwsContext aws, Ref vpc, String keyArn, Ref logRetentionDays, boolean protect) {
        Ref logGroup = Monitoring.logGroup(tf, names, "flow_logs", "vpc-flow-logs", keyArn, logRetentionDays.value(), protect);
        Ref role = tf.resource("aws_iam_role", "flow_logs", map(
                "name_prefix", names.prefix("flow-logs"),
                "description", "Lets VPC flow logs write to " + names.display("vpc-flow-logs"),
                "assume_role_policy", Policies.assumeRole(aws, "vpc-flow-logs.amazonaws.com",
                        aws.arn("ec2", "vpc-flow-log/*")).json(),
                "tags", tags(names.display("flow-logs"))));
        tf.resource("aws_iam_role_policy", "flow_logs", map(
                "name", "write-flow-logs",
                "role", role.get("id"),
                "policy", Policies.writeToLogGroup(logGroup.get("arn"), true).json()));
        tf.resource("aws_flow_log", "main", map(
                "vpc_id", vpc.get("id"),
                "traffic_type", "ALL",
                "log_destination_type", "cloud-watch-logs",
                "log_destination", logGroup.get("arn"),
                "iam_role_arn", role.get("arn"),
                "max_aggregation_interval", 60,
                "tags", tags(names.display("vpc-flow-logs"))));
        return logGroup;
    }
}
