package dev.securebaseline.web;

import dev.securebaseline.network.Network;
import dev.securebaseline.network.SecurityGroups;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.settings.BaselineSettings.WebTier;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import java.util.Map;

import static dev.securebaseline.tf.Tf.expr;
import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * The app instances: a launch template (IMDSv2, encrypted gp3, no public IP) and an Auto Scaling group in the private
 * subnets behind the load balancer, with a role that allows Session Manager and nothing else.
 */
public record AppServers(Ref launchTemplate, Ref group, Ref ami) {

    private static final int HEALTH_CHECK_GRACE_SECONDS = 300;
    /** A rolling refresh keeps 90 % in service and may launch replacements before terminating. */
    private static final int REFRESH_MIN_HEALTHY_PERCENT = 90;
    private static final int REFRESH_MAX_HEALTHY_PERCENT = 200;

    /**
     * @param defaultTags the provider's default tags: instances and volumes are created by Auto Scaling, outside them
     * @param scalingRole the service-linked role the group launches with, which the volumes' key policy names
     */
    public static AppServers write(Tf tf, Naming names, AwsContext aws, BaselineSettings settings, Map<String, Object> defaultTags, Network network,
                            SecurityGroups groups, String keyArn, LoadBalancer lb, Ref scalingRole) {
        WebTier web = settings.web();
        // Amazon Linux 2023 from Amazon's own account, newest first: never a typed AMI id.
        Ref ami = tf.data("aws_ami", "app", map(
                "most_recent", true,
                "owners", list("amazon"),
                "filter", list(
                        map("name", "name", "values", list("al2023-ami-2023.*-kernel-*-" + web.architecture())),
                        map("name", "architecture", "values", list(web.architecture())),
                        map("name", "virtualization-type", "values", list("hvm")),
                        map("name", "root-device-type", "values", list("ebs")))));
        Ref profile = instanceProfile(tf, names, aws, settings);
        Ref userData = Ref.local("app_user_data");
        tf.setting(userData.address(), UserData.render(settings.baseName(), settings.appPort(), web.healthCheckPath()));
        Map<String, Object> instanceTags = tags(names.display("app"));
        instanceTags.putAll(defaultTags);

        Ref template = tf.resource("aws_launch_template", "app", map(
                "name_prefix", names.prefix("app"),
                "description", "Web instances of " + settings.baseName(),
                "image_id", ami.get("id"),
                "instance_type", web.instanceType(),
                "update_default_version", true,
                "ebs_optimized", true,
                "iam_instance_profile", map("arn", profile.get("arn")),
                // IMDSv2 only, and one hop: a container on the instance cannot reach the credentials. FSBP EC2.8.
                "metadata_options", map(
                        "http_endpoint", "enabled",
                        "http_tokens", "required",
                        "http_put_response_hop_limit", 1),
                "monitoring", map("enabled", true),
                "network_interfaces", list(map(
                        "device_index", 0,
                        "associate_public_ip_address", false,
                        "delete_on_termination", true,
                        "security_groups", list(groups.app().get("id")))),
                "block_device_mappings", list(map(
                        "device_name", ami.get("root_device_name"),
                        "ebs", map(
                                "volume_size", web.rootVolumeGb(),
                                "volume_type", "gp3",
                                "encrypted", true,
                                "kms_key_id", keyArn,
                                "delete_on_termination", true))),
                "user_data", expr("base64encode(" + userData.path() + ")"),
                "tag_specifications", list(
                        map("resource_type", "instance", "tags", instanceTags),
                        map("resource_type", "volume", "tags", instanceTags)),
                "tags", tags(names.display("app"))));

        Ref group = tf.resource("aws_autoscaling_group", "app", map(
                "name_prefix", names.prefix("app"),
                "vpc_zone_identifier", Tf.ids(network.privateSubnets()),
                "min_size", web.minSize(),
                "desired_capacity", web.desiredCapacity(),
                "max_size", web.maxSize(),
                "health_check_type", "ELB",
                "health_check_grace_period", HEALTH_CHECK_GRACE_SECONDS,
                "target_group_arns", list(lb.targetGroup().get("arn")),
                "service_linked_role_arn", scalingRole.get("arn"),
                // latest_version: every template change is a new version, which starts an instance refresh.
                "launch_template", map("id", template.get("id"), "version", template.get("latest_version")),
                "instance_refresh", map(
                        "strategy", "Rolling",
                        "preferences", map(
                                "min_healthy_percentage", REFRESH_MIN_HEALTHY_PERCENT,
                                "max_healthy_percentage", REFRESH_MAX_HEALTHY_PERCENT)),
                "enabled_metrics", list("GroupDesiredCapacity", "GroupInServiceInstances", "GroupMaxSize",
                        "GroupMinSize", "GroupPendingInstances", "GroupTerminatingInstances", "GroupTotalInstances"),
                "tag", instanceTags.entrySet().stream()
                        .map(tag -> (Object) map("key", tag.getKey(), "value", tag.getValue(), "propagate_at_launch", true))
                        .toList(),
                // The scaling policy owns the desired capacity once the group exists.
                "lifecycle", map("ignore_changes", list("desired_capacity"))));
        tf.resource("aws_autoscaling_policy", "cpu", map(
                "name", "target-average-cpu",
                "autoscaling_group_name", group.get("name"),
                "policy_type", "TargetTrackingScaling",
                "target_tracking_configuration", map(
                        "predefined_metric_specification", map("predefined_metric_type", "ASGAverageCPUUtilization"),
                        "target_value", web.cpuTargetPercent())));
        return new AppServers(template, group, ami);
    }

    /** The minimum role: Session Manager instead of SSH, nothing else. */
    private static Ref instanceProfile(Tf tf, Naming names, AwsContext aws, BaselineSettings settings) {
        Ref role = tf.resource("aws_iam_role", "app", map(
                "name_prefix", names.prefix("app"),
                "description", "Web instances of " + settings.baseName() + ": SSM Session Manager only",
                "assume_role_policy", Policies.assumeRoleWithoutSourceContext("ec2.amazonaws.com").json(),
                "tags", tags(names.display("app"))));
        tf.resource("aws_iam_role_policy_attachment", "app_ssm", map(
                "role", role.get("name"),
                "policy_arn", aws.managedPolicyArn("AmazonSSMManagedInstanceCore")));
        return tf.resource("aws_iam_instance_profile", "app", map(
                "name_prefix", names.prefix("app"),
                "role", role.get("name"),
                "tags", tags(names.display("app"))));
    }
}
