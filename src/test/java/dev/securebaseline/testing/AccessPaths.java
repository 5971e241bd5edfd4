package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.testing.AccessPath.Expect;

import java.util.ArrayList;
import java.util.List;

import static dev.securebaseline.testing.TerraformModel.FOREIGN_ACCOUNT;

/**
 * The access paths a synthesized stack relies on, derived from its JSON (every trail, every encrypted log
 * group, every alarm with an action, every flow log, Config delivery channel, load balancer, access-logged
 * bucket, Auto Scaling group and web ACL log), each as the request the service really sends: its principal,
 * action, resource and context keys. And the paths that must stay closed: anonymous and non-TLS requests
 * to every bucket, another account on every key and role, anyone but CloudWatch on every alarm topic.
 *
 * <p>A new resource of a known kind gets its proof without a line here; a reference the model cannot
 * follow fails naming it.
 */
public final class AccessPaths {

    private final String stackLabel;
    private final Synthesized stack;
    private final TerraformModel model;
    private final String account;
    private final StackRequests requests;
    private final List<AccessPath> paths = new ArrayList<>();

    private AccessPaths(String stackLabel, Synthesized stack) {
        this.stackLabel = stackLabel;
        this.stack = stack;
        this.model = new TerraformModel(stack);
        this.account = model.account();
        this.requests = new StackRequests(stackLabel, stack, model);
    }

    public static List<AccessPath> of(String stackLabel, Synthesized stack) {
        AccessPaths derived = new AccessPaths(stackLabel, stack);
        derived.trails();
        derived.encryptedLogGroups();
        derived.alarms();
        derived.flowLogs();
        derived.configDelivery();
        derived.loadBalancerLogs();
        derived.serverAccessLogs();
        derived.autoScalingVolumes();
        derived.webAclLogs();
        derived.bucketsStayClosed();
        derived.keysStayInTheAccount();
        derived.topicsOnlyTakeAlarms();
        derived.rolesStayInTheAccount();
        return derived.paths;
    }

    // ==================================================================== what each service must be able to do

    /** CloudTrail to its bucket (ACL check, log files with bucket-owner-full-control), its key, and through its role to its log group. */
    private void trails() {
        stack.resources("aws_cloudtrail").forEach((name, trail) -> {
            String path = "trail aws_cloudtrail." + name;
            String region = model.region(trail);
            // An organization trail's bucket and key live in the log archive, another stack: OrganizationAccessPaths proves them.
            if (!trail.path("is_organization_trail").asBoolean(false)) {
                trailStorage(path, "aws_cloudtrail." + name, trail, region);
            }
            String role = requests.address(trail, "cloud_watch_logs_role_arn");
            allow(path + " assumes " + role, requests.trust("cloudtrail.amazonaws.com", role));
            String logGroup = requests.address(trail, "cloud_watch_logs_group_arn");
            String stream = model.attribute(logGroup, "arn") + ":log-stream:" + account + "_CloudTrail_" + region;
            for (String action : List.of("logs:CreateLogStream", "logs:PutLogEvents")) {
                allow(path + " delivers to " + logGroup + " through " + role, requests.role(role, action, stream));
            }
        });
    }

    private void trailStorage(String path, String trailAddress, JsonNode trail, String region) {
        String trailArn = model.attribute(trailAddress, "arn");
        String bucket = requests.address(trail, "s3_bucket_name");
        String bucketArn = model.attribute(bucket, "arn");
        allow(path + " checks " + bucket, requests.bucket("cloudtrail.amazonaws.com", "s3:GetBucketAcl", bucket, bucketArn)
                .with("aws:SourceArn", trailArn).with("aws:SourceAccount", account));
        allow(path + " writes a log file into " + bucket, requests.bucket("cloudtrail.amazonaws.com", "s3:PutObject", bucket,
                bucketArn + "/AWSLogs/" + account + "/CloudTrail/" + region + "/2026/12/06/" + account + "_CloudTrail_" + region + "_20261206T0000Z_x.json.gz")
                .with("aws:SourceArn", trailArn).with("aws:SourceAccount", account).with("s3:x-amz-acl", "bucket-owner-full-control"));
        String key = requests.address(trail, "kms_key_id");
        for (String action : List.of("kms:GenerateDataKey", "kms:DescribeKey")) {
            AccessRequest request = requests.key("cloudtrail.amazonaws.com", action, key).with("aws:SourceArn", trailArn).with("aws:SourceAccount", account);
            if (action.equals("kms:GenerateDataKey")) {
                request.with("kms:EncryptionContext:aws:cloudtrail:arn", trailArn);
            }
            allow(path + " uses " + key, request);
        }
        if (requests.bucketKeyOf(bucket).isPresent()) {
            allow(path + " creates the trail into a bucket with an S3 Bucket Key of " + key,
                    requests.key("cloudtrail.amazonaws.com", "kms:Decrypt", key).with("aws:SourceArn", trailArn).with("aws:SourceAccount", account));
        }
    }

    /** CloudWatch Logs (the log group's regional principal) to the key of every encrypted log group. */
    private void encryptedLogGroups() {
        stack.resources("aws_cloudwatch_log_group").forEach((name, group) -> {
            if (!group.has("kms_key_id")) {
                return;
            }
            String logGroup = "aws_cloudwatch_log_group." + name;
            String principal = "logs." + model.region(group) + ".amazonaws.com";
            String key = requests.address(group, "kms_key_id");
            for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt", "kms:Encrypt")) {
                allow("log group " + logGroup + " is encrypted with " + key, requests.key(principal, action, key)
                        .with("kms:EncryptionContext:aws:logs:arn", model.attribute(logGroup, "arn")));
            }
        });
    }

    /** CloudWatch to the topic of every alarm action, and to the key the topic is encrypted with. */
    private void alarms() {
        stack.resources("aws_cloudwatch_metric_alarm").forEach((name, alarm) -> {
            String alarmArn = model.attribute("aws_cloudwatch_metric_alarm." + name, "arn");
            List<String> topics = new ArrayList<>();
            for (String actions : List.of("alarm_actions", "ok_actions")) {
                alarm.path(actions).forEach(action -> {
                    String topic = TerraformModel.referencedAddress(action.asText());
                    if (!topics.contains(topic)) {
                        topics.add(requests.requireInStack(topic, "aws_cloudwatch_metric_alarm." + name + "." + actions));
                    }
                });
            }
            for (String topic : topics) {
                String path = "alarm aws_cloudwatch_metric_alarm." + name + " notifies " + topic;
                allow(path, new AccessRequest("cloudwatch.amazonaws.com", "sns:Publish", model.attribute(topic, "arn"), account)
                        .with("aws:SourceArn", alarmArn).with("aws:SourceAccount", account)
                        .resourcePolicy(requests.policyOf("aws_sns_topic_policy", "arn", topic, "policy")));
                JsonNode body = model.body(topic);
                if (body.has("kms_master_key_id")) {
                    for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt")) {
                        allow(path + " through " + requests.address(body, "kms_master_key_id"), requests.key("cloudwatch.amazonaws.com", action, requests.address(body, "kms_master_key_id"))
                                .with("aws:SourceArn", alarmArn).with("aws:SourceAccount", account));
                    }
                }
            }
        });
    }

    /** VPC flow logs assume their role (for this account and this flow log) and write their log group through it. */
    private void flowLogs() {
        stack.resources("aws_flow_log").forEach((name, flowLog) -> {
            String path = "flow log aws_flow_log." + name;
            String role = requests.address(flowLog, "iam_role_arn");
            allow(path + " assumes " + role, requests.trust("vpc-flow-logs.amazonaws.com", role)
                    .with("aws:SourceAccount", account).with("aws:SourceArn", model.attribute("aws_flow_log." + name, "arn")));
            String groupArn = model.attribute(requests.address(flowLog, "log_destination"), "arn");
            for (String action : List.of("logs:CreateLogStream", "logs:PutLogEvents")) {
                allow(path + " writes its log group through " + role, requests.role(role, action, groupArn + ":log-stream:eni-0123456789abcdef0-all"));
            }
            allow(path + " checks its log group", requests.role(role, "logs:DescribeLogStreams", groupArn));
        });
    }

    /**
     * AWS Config, in every region, records through its service-linked role and delivers as its service principal
     * for this account: it checks the bucket, writes a snapshot, encrypts it with the bucket's key. Another
     * account's Config cannot deliver there.
     */
    private void configDelivery() {
        stack.resources("aws_config_delivery_channel").forEach((name, channel) -> {
            if (stack.isAccountStack() && stack.account().settings().isMember()) {
                // A member delivers into the log archive, another stack: OrganizationAccessPaths proves it.
                return;
            }
            String path = "Config delivery aws_config_delivery_channel." + name;
            String recorder = stack.resources("aws_config_configuration_recorder").entrySet().stream()
                    .filter(r -> model.region(r.getValue()).equals(model.region(channel))).map(r -> "aws_config_configuration_recorder." + r.getKey())
                    .findFirst().orElseThrow(() -> new AssertionError(path + " has no recorder in its region"));
            String role = requests.address(model.body(recorder), "role_arn");
            if (!role.startsWith("aws_iam_service_linked_role.")) {
                throw new AssertionError(recorder + " records through " + role + ", not Config's service-linked role");
            }
            String bucket = requests.address(channel, "s3_bucket_name");
            String bucketArn = model.attribute(bucket, "arn");
            String snapshot = bucketArn + "/AWSLogs/" + account + "/Config/" + model.region(channel) + "/2026/12/6/ConfigSnapshot/x.json.gz";
            for (String action : List.of("s3:GetBucketAcl", "s3:ListBucket")) {
                allow(path + " checks " + bucket, requests.bucket(Policies.CONFIG, action, bucket, bucketArn).with("aws:SourceAccount", account));
            }
            allow(path + " delivers a snapshot into " + bucket, requests.bucket(Policies.CONFIG, "s3:PutObject", bucket, snapshot)
                    .with("aws:SourceAccount", account).with("s3:x-amz-acl", "bucket-owner-full-control"));
            // Under this account's own prefix: only the aws:SourceAccount condition tells the two apart.
            deny("another account's Config delivering into " + bucket, new Guard.Conditions("ConfigDeliversConfigurationItems", "aws:SourceAccount"),
                    requests.bucket(Policies.CONFIG, "s3:PutObject", bucket, snapshot)
                            .with("aws:SourceAccount", FOREIGN_ACCOUNT).with("s3:x-amz-acl", "bucket-owner-full-control"));
            requests.bucketKeyOf(bucket).ifPresent(key -> allow(path + " encrypts with " + key,
                    requests.key(Policies.CONFIG, "kms:GenerateDataKey", key).with("aws:SourceAccount", account)));
        });
    }

    /** Elastic Load Balancing writes access logs into the bucket each load balancer names. */
    private void loadBalancerLogs() {
        stack.resources("aws_lb").forEach((name, lb) -> {
            if (!lb.path("access_logs").path("enabled").asBoolean(false)) {
                return;
            }
            String bucket = requests.address(lb.path("access_logs"), "bucket");
            String object = model.attribute(bucket, "arn") + "/" + lb.path("access_logs").path("prefix").asText() + "/AWSLogs/" + account
                    + "/elasticloadbalancing/" + model.region(lb) + "/2026/12/06/x.log.gz";
            String path = "load balancer aws_lb." + name + " logs into " + bucket;
            allow(path, requests.bucket("logdelivery.elasticloadbalancing.amazonaws.com", "s3:PutObject", bucket, object));
            String elbAccount = "arn:aws:iam::127311923021:root";
            if (requests.bucketPolicy(bucket).toString().contains(elbAccount)) {
                // The regional Elastic Load Balancing account's own policies allow it to deliver; modelled as such.
                allow(path + " through the regional delivery account", requests.bucket(elbAccount, "s3:PutObject", bucket, object)
                        .identity("elb-log-delivery", Synthesized.parseJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}]}")));
            }
        });
    }

    /** S3 server access logging delivers each source bucket's logs into its target, for this account's source only. */
    private void serverAccessLogs() {
        stack.resources("aws_s3_bucket_logging").forEach((name, logging) -> {
            String source = requests.address(logging, "bucket");
            String target = requests.address(logging, "target_bucket");
            String object = model.attribute(target, "arn") + "/" + logging.path("target_prefix").asText() + "2026-12-06-00-00-00-0123456789ABCDEF";
            String sourceArn = model.attribute(source, "arn");
            allow("server access logs of " + source + " into " + target, requests.bucket("logging.s3.amazonaws.com", "s3:PutObject", target, object)
                    .with("aws:SourceArn", sourceArn).with("aws:SourceAccount", account));
            deny("server access logs of another account's bucket into " + target,
                    new Guard.Conditions("S3ServerAccessLogDelivery", "aws:SourceArn", "aws:SourceAccount"),
                    requests.bucket("logging.s3.amazonaws.com", "s3:PutObject", target, object)
                            .with("aws:SourceArn", "arn:aws:s3:::someone-elses-bucket").with("aws:SourceAccount", FOREIGN_ACCOUNT));
        });
    }

    /** The Auto Scaling service-linked role creates and attaches the encrypted volumes of the launch template. */
    private void autoScalingVolumes() {
        stack.resources("aws_autoscaling_group").forEach((name, group) -> {
            if (!group.has("service_linked_role_arn")) {
                return;
            }
            String role = model.attribute(requests.address(group, "service_linked_role_arn"), "arn");
            JsonNode template = model.body(requests.address(group.path("launch_template"), "id"));
            template.path("block_device_mappings").forEach(mapping -> {
                if (!mapping.path("ebs").has("kms_key_id")) {
                    return;
                }
                String key = requests.address(mapping.path("ebs"), "kms_key_id");
                String path = "Auto Scaling group aws_autoscaling_group." + name + " launches volumes encrypted with " + key;
                for (String action : List.of("kms:GenerateDataKeyWithoutPlaintext", "kms:Decrypt", "kms:ReEncryptFrom", "kms:DescribeKey")) {
                    allow(path, requests.key(role, action, key));
                }
                allow(path, requests.key(role, "kms:CreateGrant", key).with("kms:GrantIsForAWSResource", "true"));
            });
        });
    }

    /** AWS's log delivery writes every web ACL's log into its log group, for this account's sources only. */
    private void webAclLogs() {
        stack.resources("aws_wafv2_web_acl_logging_configuration").forEach((name, logging) -> {
            String logGroup = TerraformModel.referencedAddress(logging.path("log_destination_configs").path(0).asText());
            String region = model.region(logging);
            String stream = model.attribute(requests.requireInStack(logGroup, "aws_wafv2_web_acl_logging_configuration." + name), "arn")
                    + ":log-stream:" + region + "_web-acl_0";
            for (String action : List.of("logs:CreateLogStream", "logs:PutLogEvents")) {
                allow("web ACL log " + logGroup, new AccessRequest("delivery.logs.amazonaws.com", action, stream, account)
                        .with("aws:SourceAccount", account).with("aws:SourceArn", "arn:aws:logs:" + region + ":" + account + ":delivery-source:waf")
                        .resourcePolicy(requests.logResourcePolicies()));
            }
            deny("web ACL log " + logGroup + " for another account", new Guard.Conditions("AWSLogDeliveryWrite20150319", "aws:SourceAccount",
                    "aws:SourceArn"), new AccessRequest("delivery.logs.amazonaws.com", "logs:PutLogEvents", stream, account)
                    .with("aws:SourceAccount", FOREIGN_ACCOUNT).with("aws:SourceArn", "arn:aws:logs:" + region + ":" + FOREIGN_ACCOUNT + ":delivery-source:x")
                    .resourcePolicy(requests.logResourcePolicies()));
        });
    }

    // ==================================================================== what must stay closed

    /**
     * No anonymous read or listing of any bucket, even if a public grant slipped into its policy (S3 Block Public Access
     * refuses it); no request without TLS, not even from the account's administrator; no other account reading.
     */
    private void bucketsStayClosed() {
        stack.resources("aws_s3_bucket").keySet().forEach(name -> {
            String bucket = "aws_s3_bucket." + name;
            String arn = model.attribute(bucket, "arn");
            deny("anonymous read of " + bucket + ", even with a public grant in its policy", new Guard.BlockPublicAccess(),
                    requests.bucket("anonymous", "s3:GetObject", bucket, arn + "/any-object").publicGrant());
            deny("anonymous listing of " + bucket + ", even with a public grant in its policy", new Guard.BlockPublicAccess(),
                    requests.bucket("anonymous", "s3:ListBucket", bucket, arn).publicGrant());
            deny("request without TLS to " + bucket, new Guard.Statement("DenyInsecureTransport"),
                    requests.bucket(administrator(account), "s3:GetObject", bucket, arn + "/any-object")
                            .with("aws:SecureTransport", "false").identity("administrator", everything()));
            deny("another account reading " + bucket, new Guard.NoGrant(),
                    requests.bucket(administrator(FOREIGN_ACCOUNT), "s3:GetObject", bucket, arn + "/any-object")
                            .identity("administrator", everything()));
        });
    }

    /** No other account may use any key, whatever its own policies say. */
    private void keysStayInTheAccount() {
        stack.resources("aws_kms_key").keySet().forEach(name -> {
            String key = "aws_kms_key." + name;
            boolean deletionDenied = requests.keyPolicy(key).toString().contains("\"" + NOBODY_DELETES_THE_KEY + "\"");
            for (String action : List.of("kms:Decrypt", "kms:GenerateDataKey", "kms:ScheduleKeyDeletion")) {
                Guard guard = deletionDenied && action.equals("kms:ScheduleKeyDeletion")
                        ? new Guard.Both(new Guard.NoGrant(), new Guard.Statement(NOBODY_DELETES_THE_KEY)) : new Guard.NoGrant();
                deny("another account using " + key, guard, requests.key(administrator(FOREIGN_ACCOUNT), action, key).identity("administrator", everything()));
            }
        });
    }

    /**
     * Nobody but CloudWatch alarms of this account publishes to an alarm topic: not the account's administrator, not
     * EventBridge even if a grant for it slipped into the policy, not another account's alarms.
     */
    private void topicsOnlyTakeAlarms() {
        stack.resources("aws_sns_topic").keySet().forEach(name -> {
            String topic = "aws_sns_topic." + name;
            String arn = model.attribute(topic, "arn");
            JsonNode policy = requests.policyOf("aws_sns_topic_policy", "arn", topic, "policy");
            deny("the administrator publishing to " + topic, new Guard.Statement("OnlyCloudWatchPublishes"),
                    new AccessRequest(administrator(account), "sns:Publish", arn, account).identity("administrator", everything()).resourcePolicy(policy));
            deny("EventBridge publishing to " + topic + ", even with a grant in its policy", new Guard.Statement("OnlyCloudWatchPublishes"),
                    new AccessRequest("events.amazonaws.com", "sns:Publish", arn, account).with("aws:SourceAccount", account)
                            .resourcePolicy(Guards.withGrant(policy, "events.amazonaws.com", "sns:Publish", arn)));
            deny("another account's alarm publishing to " + topic, new Guard.Conditions("CloudWatchAlarmsPublish", "aws:SourceArn", "aws:SourceAccount"),
                    new AccessRequest("cloudwatch.amazonaws.com", "sns:Publish", arn, account)
                            .with("aws:SourceAccount", FOREIGN_ACCOUNT)
                            .with("aws:SourceArn", "arn:aws:cloudwatch:" + model.region(topic) + ":" + FOREIGN_ACCOUNT + ":alarm:x").resourcePolicy(policy));
        });
    }

    /**
     * No other account assumes any role; a service assumes a service role only for this account where it
     * sends the account (the trust names aws:SourceAccount).
     */
    private void rolesStayInTheAccount() {
        stack.resources("aws_iam_role").forEach((name, role) -> {
            String address = "aws_iam_role." + name;
            deny("another account assuming " + address, new Guard.NoGrant(),
                    requests.trust(administrator(FOREIGN_ACCOUNT), address).identity("administrator", everything()));
            JsonNode trust = Synthesized.parseJson(model.resolve(role.path("assume_role_policy").asText()));
            for (JsonNode statement : trust.path("Statement")) {
                String service = statement.path("Principal").path("Service").asText("");
                if (!service.isEmpty() && statement.path("Condition").toString().contains("aws:SourceAccount")) {
                    List<String> keys = new ArrayList<>(List.of("aws:SourceAccount"));
                    if (statement.path("Condition").toString().contains("aws:SourceArn")) {
                        keys.add("aws:SourceArn");
                    }
                    deny(service + " assuming " + address + " for another account",
                            new Guard.Conditions(statement.path("Sid").asText(), keys), requests.trust(service, address)
                            .with("aws:SourceAccount", FOREIGN_ACCOUNT)
                            .with("aws:SourceArn", "arn:aws:ec2:" + model.region(role) + ":" + FOREIGN_ACCOUNT + ":vpc-flow-log/fl-x"));
                }
            }
        });
    }

    // ==================================================================== small helpers

    private void allow(String path, AccessRequest request) {
        paths.add(new AccessPath(stackLabel, path, Expect.ALLOWED, request));
    }

    private void deny(String path, Guard guard, AccessRequest request) {
        paths.add(new AccessPath(stackLabel, path, Expect.DENIED, request, guard));
    }

    /** The Sid of the Deny that keeps a log archive key from being disabled or deleted ({@link Policies}). */
    private static final String NOBODY_DELETES_THE_KEY = "NobodyButBreakGlassDisablesOrDeletes";

    private static String administrator(String account) {
        return "arn:aws:iam::" + account + ":role/administrator";
    }

    private static JsonNode everything() {
        return Synthesized.parseJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    }
}
