package dev.securebaseline.web;

import dev.securebaseline.network.Network;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.storage.PrivateBucket;
import dev.securebaseline.storage.PrivateBucket.Encryption;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import static dev.securebaseline.tf.Tf.expr;
import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * The environment's internet-facing Application Load Balancer in the public subnets, its access-log bucket and the
 * target group of the app instances. FSBP ELB.4 (invalid headers), ELB.5 (logging), ELB.12 (desync).
 */
public record LoadBalancer(Ref alb, Ref targetGroup, PrivateBucket logs) {

    /** An instance is in after 2 good checks 15 s apart and out after 3 bad ones. */
    private static final int HEALTH_CHECK_INTERVAL_SECONDS = 15;
    private static final int HEALTH_CHECK_TIMEOUT_SECONDS = 5;
    private static final int HEALTHY_THRESHOLD = 2;
    private static final int UNHEALTHY_THRESHOLD = 3;
    /** Enough for in-flight requests of a small web app; the 300 s default slows every deploy. */
    private static final int DEREGISTRATION_DELAY_SECONDS = 30;
    private static final int IDLE_TIMEOUT_SECONDS = 60;
    private static final String LOG_PREFIX = "alb";

    public static LoadBalancer write(Tf tf, Naming names, AwsContext aws, BaselineSettings settings, Network network, Ref securityGroup,
                              PrivateBucket accessLogs) {
        String elbAccount = AwsRegions.hasElbLogAccount(settings.region())
                ? tf.data("aws_elb_service_account", "main", map()).get("arn")
                : null;
        PrivateBucket logs = PrivateBucket.logs("alb_logs", names.prefix("alb-logs"), settings.logBuckets(), !settings.allowDestroy())
                .encryption(Encryption.s3Managed()) // ALB log delivery supports SSE-S3 only.
                .logsTo(accessLogs)
                .policy(arn -> Policies.albLogBucket(aws, arn, LOG_PREFIX, elbAccount));
        logs.writeTo(tf, names.display("alb-logs"));

        Ref alb = tf.resource("aws_lb", "main", map(
                "name", names.unique("alb"),
                "internal", false,
                "load_balancer_type", "application",
                "security_groups", list(securityGroup.get("id")),
                "subnets", Tf.ids(network.publicSubnets()),
                "drop_invalid_header_fields", true,
                // Blocks the request-smuggling classes AWS rates severe, without refusing merely unusual requests.
                "desync_mitigation_mode", "defensive",
                "idle_timeout", IDLE_TIMEOUT_SECONDS,
                "enable_http2", true,
                // A deliberate retire (BASELINE_ALLOW_DESTROY) turns it off first: AWS refuses to delete a protected load balancer.
                "enable_deletion_protection", settings.web().deletionProtection() && !settings.allowDestroy(),
                "access_logs", map("bucket", logs.bucket().get("id"), "prefix", LOG_PREFIX, "enabled", true),
                "tags", tags(names.unique("alb")),
                // Elastic Load Balancing checks that it may write to the bucket when logging is switched on.
                "depends_on", list(logs.bucketPolicy().dependency())));

        Ref targetGroup = tf.resource("aws_lb_target_group", "app", map(
                // The suffix hashes exactly what forces a replacement (VPC, port, protocol, target type), so
                // with create_before_destroy the new group never collides with the old one's name.
                "name", names.display("tg") + "-" + expr("substr(md5(join(\"/\", [" + network.vpc().attr("id")
                        + ", \"" + settings.appPort() + "\", \"HTTP\", \"instance\"])), 0, 6)"),
                "port", settings.appPort(),
                "protocol", "HTTP",
                "target_type", "instance",
                "vpc_id", network.vpc().get("id"),
                "deregistration_delay", DEREGISTRATION_DELAY_SECONDS,
                "health_check", map(
                        "enabled", true,
                        "path", settings.web().healthCheckPath(),
                        "port", "traffic-port",
                        "protocol", "HTTP",
                        "matcher", "200",
                        "interval", HEALTH_CHECK_INTERVAL_SECONDS,
                        "timeout", HEALTH_CHECK_TIMEOUT_SECONDS,
                        "healthy_threshold", HEALTHY_THRESHOLD,
                        "unhealthy_threshold", UNHEALTHY_THRESHOLD),
                "tags", tags(names.display("app")),
                "lifecycle", map("create_before_destroy", true)));
        return new LoadBalancer(alb, targetGroup, logs);
    }
}
