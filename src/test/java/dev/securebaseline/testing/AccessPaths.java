package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.tf.Tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    public enum Expect { ALLOWED, DENIED }

    /**
     * What denies a must-deny path. A proof denied for another reason (a resource outside every grant, a principal nothing
     * names) proves nothing about the guard it claims: lifting the guard must allow the request ({@code AccessProofTest}).
     */
    sealed interface Guard {

        /** An explicit Deny statement, in the resource policy or a service or resource control policy. */
        record Statement(String sid) implements Guard {
        }

        /** Conditions of the Allow statement that would otherwise grant the request. */
        record Conditions(String sid, List<String> keys) implements Guard {
            Conditions(String sid, String... keys) {
                this(sid, List.of(keys));
            }
        }

        /** Nothing grants the principal: the resource policy names no grant for it (lifted: a grant of the request). */
        record NoGrant() implements Guard {
        }

        /** S3 Block Public Access, against a public grant someone could add to the bucket policy. */
        record BlockPublicAccess() implements Guard {
        }

        /** Two guards that each deny on their own (a key nobody else is granted, whose deletion a Deny also refuses). */
        record Both(Guard first, Guard second) implements Guard {
        }
    }

    /** One request and what it must come to; a must-deny path names its guard. */
    public record AccessPath(String stack, String path, Expect expect, Request request, Guard guard) {

        AccessPath(String stack, String path, Expect expect, Request request) {
            this(stack, path, expect, request, null);
        }

        public AccessPath {
            if ((expect == Expect.DENIED) != (guard != null)) {
                throw new IllegalArgumentException(path + ": a must-deny path names its guard, and only a must-deny path");
            }
        }

        public String id() {
            return stack + " | " + path + " | " + request.principal + " " + request.action + " " + request.resource;
        }

        /** The id of the same request with its guard lifted. */
        public String liftedId() {
            return id() + " | guard lifted";
        }
    }

    /** A request as the policy evaluator takes it. */
    public static final class Request {
        private final String principal;
        private final String action;
        private final String resource;
        private String resourceAccount;
        private final Map<String, Object> context = new LinkedHashMap<>();
        private final List<Object> identityPolicies = new ArrayList<>();
        private JsonNode resourcePolicy;
        private boolean blockPublicAccess;
        private final List<Object> serviceControlPolicies = new ArrayList<>();
        private final List<Object> resourceControlPolicies = new ArrayList<>();

        Request(String principal, String action, String resource, String resourceAccount) {
            this.principal = principal;
            this.action = action;
            this.resource = resource;
            this.resourceAccount = resourceAccount;
            context.put("aws:SecureTransport", "true");
            if (principal.endsWith(".amazonaws.com")) {
                context.put("aws:PrincipalServiceName", principal);
            }
        }

        Request with(String key, String value) {
            context.put(key, value);
            return this;
        }

        Request identity(String name, JsonNode policy) {
            identityPolicies.add(Tf.map("name", name, "policy", policy));
            return this;
        }

        Request resourcePolicy(JsonNode policy) {
            this.resourcePolicy = policy;
            return this;
        }

        /** The resource policy with a grant of this request to anyone added: a public grant someone slipped in. */
        Request publicGrant() {
            this.resourcePolicy = Guards.withGrant(resourcePolicy, "*", action, resource);
            return this;
        }

        Request blockPublicAccess(boolean on) {
            this.blockPublicAccess = on;
            return this;
        }

        /** The SCPs that apply at one level of the organization (the root, an OU, the account), by name. */
        Request serviceControlPolicies(String level, Map<String, JsonNode> policies) {
            serviceControlPolicies.add(Tf.map("orgIdentifier", level, "policies", named(policies)));
            return this;
        }

        /** The RCPs that apply at one level of the organization, by name. */
        Request resourceControlPolicies(String level, Map<String, JsonNode> policies) {
            resourceControlPolicies.add(Tf.map("orgIdentifier", level, "policies", named(policies)));
            return this;
        }

        private static List<Object> named(Map<String, JsonNode> policies) {
            List<Object> named = new ArrayList<>();
            policies.forEach((name, policy) -> named.add(Tf.map("name", name, "policy", policy)));
            return named;
        }

        /**
         * The same request without its guard: the Deny statement removed from every policy that carries it, the Allow
         * statement's conditions removed, a grant of the request added to the resource policy, or Block Public Access off.
         * A guard the request's policies do not carry fails, naming it.
         */
        Request lifted(Guard guard) {
            Request lifted = new Request(principal, action, resource, resourceAccount);
            lifted.context.putAll(context);
            lifted.identityPolicies.addAll(identityPolicies);
            lifted.resourcePolicy = resourcePolicy == null ? null : resourcePolicy.deepCopy();
            lifted.blockPublicAccess = blockPublicAccess;
            lifted.serviceControlPolicies.addAll(Guards.copied(serviceControlPolicies));
            lifted.resourceControlPolicies.addAll(Guards.copied(resourceControlPolicies));
            if (guard instanceof Guard.Both both) {
                return lifted(both.first()).lifted(both.second());
            }
            boolean found;
            if (guard instanceof Guard.Statement statement) {
                found = Guards.removeStatement(lifted.resourcePolicy, statement.sid())
                        | Guards.removeStatementFromLevels(lifted.serviceControlPolicies, statement.sid())
                        | Guards.removeStatementFromLevels(lifted.resourceControlPolicies, statement.sid());
            } else if (guard instanceof Guard.Conditions conditions) {
                found = Guards.removeConditions(lifted.resourcePolicy, conditions.sid(), conditions.keys());
            } else if (guard instanceof Guard.NoGrant) {
                lifted.resourcePolicy = Guards.withGrant(lifted.resourcePolicy, principal, action, resource);
                found = true;
            } else {
                found = lifted.blockPublicAccess;
                lifted.blockPublicAccess = false;
            }
            if (!found) {
                throw new AssertionError(guard + " is not in the policies of " + principal + " " + action + " " + resource);
            }
            return lifted;
        }

        public Map<String, Object> toJson(String id) {
            return Tf.map("id", id, "principal", principal, "action", action, "resource", resource,
                    "resourceAccount", resourceAccount, "context", context, "identityPolicies", identityPolicies,
                    "resourcePolicy", resourcePolicy, "blockPublicAccess", blockPublicAccess,
                    "serviceControlPolicies", serviceControlPolicies.isEmpty() ? null : serviceControlPolicies,
                    "resourceControlPolicies", resourceControlPolicies.isEmpty() ? null : resourceControlPolicies);
        }
    }

    private final String stackLabel;
    private final Synthesized stack;
    private final TerraformModel model;
    private final String account;
    private final List<AccessPath> paths = new ArrayList<>();

    private AccessPaths(String stackLabel, Synthesized stack) {
        this.stackLabel = stackLabel;
        this.stack = stack;
        this.model = new TerraformModel(stack);
        this.account = model.account();
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
            String role = address(trail, "cloud_watch_logs_role_arn");
            allow(path + " assumes " + role, trustRequest("cloudtrail.amazonaws.com", role));
            String logGroup = address(trail, "cloud_watch_logs_group_arn");
            String stream = model.attribute(logGroup, "arn") + ":log-stream:" + account + "_CloudTrail_" + region;
            for (String action : List.of("logs:CreateLogStream", "logs:PutLogEvents")) {
                allow(path + " delivers to " + logGroup + " through " + role, roleRequest(role, action, stream));
            }
        });
    }

    private void trailStorage(String path, String trailAddress, JsonNode trail, String region) {
        String trailArn = model.attribute(trailAddress, "arn");
        String bucket = address(trail, "s3_bucket_name");
        String bucketArn = model.attribute(bucket, "arn");
        allow(path + " checks " + bucket, bucketRequest("cloudtrail.amazonaws.com", "s3:GetBucketAcl", bucket, bucketArn)
                .with("aws:SourceArn", trailArn).with("aws:SourceAccount", account));
        allow(path + " writes a log file into " + bucket, bucketRequest("cloudtrail.amazonaws.com", "s3:PutObject", bucket,
                bucketArn + "/AWSLogs/" + account + "/CloudTrail/" + region + "/2026/12/06/" + account + "_CloudTrail_" + region + "_20261206T0000Z_x.json.gz")
                .with("aws:SourceArn", trailArn).with("aws:SourceAccount", account).with("s3:x-amz-acl", "bucket-owner-full-control"));
        String key = address(trail, "kms_key_id");
        for (String action : List.of("kms:GenerateDataKey", "kms:DescribeKey")) {
            Request request = keyRequest("cloudtrail.amazonaws.com", action, key).with("aws:SourceArn", trailArn).with("aws:SourceAccount", account);
            if (action.equals("kms:GenerateDataKey")) {
                request.with("kms:EncryptionContext:aws:cloudtrail:arn", trailArn);
            }
            allow(path + " uses " + key, request);
        }
        if (bucketKeyOf(bucket).isPresent()) {
            allow(path + " creates the trail into a bucket with an S3 Bucket Key of " + key,
                    keyRequest("cloudtrail.amazonaws.com", "kms:Decrypt", key).with("aws:SourceArn", trailArn).with("aws:SourceAccount", account));
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
            String key = address(group, "kms_key_id");
            for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt", "kms:Encrypt")) {
                allow("log group " + logGroup + " is encrypted with " + key, keyRequest(principal, action, key)
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
                        topics.add(requireInStack(topic, "aws_cloudwatch_metric_alarm." + name + "." + actions));
                    }
                });
            }
            for (String topic : topics) {
                String path = "alarm aws_cloudwatch_metric_alarm." + name + " notifies " + topic;
                allow(path, new Request("cloudwatch.amazonaws.com", "sns:Publish", model.attribute(topic, "arn"), account)
                        .with("aws:SourceArn", alarmArn).with("aws:SourceAccount", account)
                        .resourcePolicy(policyOf("aws_sns_topic_policy", "arn", topic, "policy")));
                JsonNode body = model.body(topic);
                if (body.has("kms_master_key_id")) {
                    for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt")) {
                        allow(path + " through " + address(body, "kms_master_key_id"), keyRequest("cloudwatch.amazonaws.com", action, address(body, "kms_master_key_id"))
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
            String role = address(flowLog, "iam_role_arn");
            allow(path + " assumes " + role, trustRequest("vpc-flow-logs.amazonaws.com", role)
                    .with("aws:SourceAccount", account).with("aws:SourceArn", model.attribute("aws_flow_log." + name, "arn")));
            String groupArn = model.attribute(address(flowLog, "log_destination"), "arn");
            for (String action : List.of("logs:CreateLogStream", "logs:PutLogEvents")) {
                allow(path + " writes its log group through " + role, roleRequest(role, action, groupArn + ":log-stream:eni-0123456789abcdef0-all"));
            }
            allow(path + " checks its log group", roleRequest(role, "logs:DescribeLogStreams", groupArn));
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
            String role = address(model.body(recorder), "role_arn");
            if (!role.startsWith("aws_iam_service_linked_role.")) {
                throw new AssertionError(recorder + " records through " + role + ", not Config's service-linked role");
            }
            String bucket = address(channel, "s3_bucket_name");
            String bucketArn = model.attribute(bucket, "arn");
            String snapshot = bucketArn + "/AWSLogs/" + account + "/Config/" + model.region(channel) + "/2026/12/6/ConfigSnapshot/x.json.gz";
            for (String action : List.of("s3:GetBucketAcl", "s3:ListBucket")) {
                allow(path + " checks " + bucket, bucketRequest(Policies.CONFIG, action, bucket, bucketArn).with("aws:SourceAccount", account));
            }
            allow(path + " delivers a snapshot into " + bucket, bucketRequest(Policies.CONFIG, "s3:PutObject", bucket, snapshot)
                    .with("aws:SourceAccount", account).with("s3:x-amz-acl", "bucket-owner-full-control"));
            // Under this account's own prefix: only the aws:SourceAccount condition tells the two apart.
            deny("another account's Config delivering into " + bucket, new Guard.Conditions("ConfigDeliversConfigurationItems", "aws:SourceAccount"),
                    bucketRequest(Policies.CONFIG, "s3:PutObject", bucket, snapshot)
                            .with("aws:SourceAccount", FOREIGN_ACCOUNT).with("s3:x-amz-acl", "bucket-owner-full-control"));
            bucketKeyOf(bucket).ifPresent(key -> allow(path + " encrypts with " + key,
                    keyRequest(Policies.CONFIG, "kms:GenerateDataKey", key).with("aws:SourceAccount", account)));
        });
    }

    /** Elastic Load Balancing writes access logs into the bucket each load balancer names. */
    private void loadBalancerLogs() {
        stack.resources("aws_lb").forEach((name, lb) -> {
            if (!lb.path("access_logs").path("enabled").asBoolean(false)) {
                return;
            }
            String bucket = address(lb.path("access_logs"), "bucket");
            String object = model.attribute(bucket, "arn") + "/" + lb.path("access_logs").path("prefix").asText() + "/AWSLogs/" + account
                    + "/elasticloadbalancing/" + model.region(lb) + "/2026/12/06/x.log.gz";
            String path = "load balancer aws_lb." + name + " logs into " + bucket;
            allow(path, bucketRequest("logdelivery.elasticloadbalancing.amazonaws.com", "s3:PutObject", bucket, object));
            String elbAccount = "arn:aws:iam::127311923021:root";
            if (bucketPolicy(bucket).toString().contains(elbAccount)) {
                // The regional Elastic Load Balancing account's own policies allow it to deliver; modelled as such.
                allow(path + " through the regional delivery account", bucketRequest(elbAccount, "s3:PutObject", bucket, object)
                        .identity("elb-log-delivery", Synthesized.parseJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}]}")));
            }
        });
    }

    /** S3 server access logging delivers each source bucket's logs into its target, for this account's source only. */
    private void serverAccessLogs() {
        stack.resources("aws_s3_bucket_logging").forEach((name, logging) -> {
            String source = address(logging, "bucket");
            String target = address(logging, "target_bucket");
            String object = model.attribute(target, "arn") + "/" + logging.path("target_prefix").asText() + "2026-12-06-00-00-00-0123456789ABCDEF";
            String sourceArn = model.attribute(source, "arn");
            allow("server access logs of " + source + " into " + target, bucketRequest("logging.s3.amazonaws.com", "s3:PutObject", target, object)
                    .with("aws:SourceArn", sourceArn).with("aws:SourceAccount", account));
            deny("server access logs of another account's bucket into " + target,
                    new Guard.Conditions("S3ServerAccessLogDelivery", "aws:SourceArn", "aws:SourceAccount"),
                    bucketRequest("logging.s3.amazonaws.com", "s3:PutObject", target, object)
                            .with("aws:SourceArn", "arn:aws:s3:::someone-elses-bucket").with("aws:SourceAccount", FOREIGN_ACCOUNT));
        });
    }

    /** The Auto Scaling service-linked role creates and attaches the encrypted volumes of the launch template. */
    private void autoScalingVolumes() {
        stack.resources("aws_autoscaling_group").forEach((name, group) -> {
            if (!group.has("service_linked_role_arn")) {
                return;
            }
            String role = model.attribute(address(group, "service_linked_role_arn"), "arn");
            JsonNode template = model.body(address(group.path("launch_template"), "id"));
            template.path("block_device_mappings").forEach(mapping -> {
                if (!mapping.path("ebs").has("kms_key_id")) {
                    return;
                }
                String key = address(mapping.path("ebs"), "kms_key_id");
                String path = "Auto Scaling group aws_autoscaling_group." + name + " launches volumes encrypted with " + key;
                for (String action : List.of("kms:GenerateDataKeyWithoutPlaintext", "kms:Decrypt", "kms:ReEncryptFrom", "kms:DescribeKey")) {
                    allow(path, keyRequest(role, action, key));
                }
                allow(path, keyRequest(role, "kms:CreateGrant", key).with("kms:GrantIsForAWSResource", "true"));
            });
        });
    }

    /** AWS's log delivery writes every web ACL's log into its log group, for this account's sources only. */
    private void webAclLogs() {
        stack.resources("aws_wafv2_web_acl_logging_configuration").forEach((name, logging) -> {
            String logGroup = TerraformModel.referencedAddress(logging.path("log_destination_configs").path(0).asText());
            String region = model.region(logging);
            String stream = model.attribute(requireInStack(logGroup, "aws_wafv2_web_acl_logging_configuration." + name), "arn")
                    + ":log-stream:" + region + "_web-acl_0";
            for (String action : List.of("logs:CreateLogStream", "logs:PutLogEvents")) {
                allow("web ACL log " + logGroup, new Request("delivery.logs.amazonaws.com", action, stream, account)
                        .with("aws:SourceAccount", account).with("aws:SourceArn", "arn:aws:logs:" + region + ":" + account + ":delivery-source:waf")
                        .resourcePolicy(logResourcePolicies()));
            }
            deny("web ACL log " + logGroup + " for another account", new Guard.Conditions("AWSLogDeliveryWrite20150319", "aws:SourceAccount",
                    "aws:SourceArn"), new Request("delivery.logs.amazonaws.com", "logs:PutLogEvents", stream, account)
                    .with("aws:SourceAccount", FOREIGN_ACCOUNT).with("aws:SourceArn", "arn:aws:logs:" + region + ":" + FOREIGN_ACCOUNT + ":delivery-source:x")
                    .resourcePolicy(logResourcePolicies()));
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
                    bucketRequest("anonymous", "s3:GetObject", bucket, arn + "/any-object").publicGrant());
            deny("anonymous listing of " + bucket + ", even with a public grant in its policy", new Guard.BlockPublicAccess(),
                    bucketRequest("anonymous", "s3:ListBucket", bucket, arn).publicGrant());
            deny("request without TLS to " + bucket, new Guard.Statement("DenyInsecureTransport"),
                    bucketRequest(administrator(account), "s3:GetObject", bucket, arn + "/any-object")
                            .with("aws:SecureTransport", "false").identity("administrator", everything()));
            deny("another account reading " + bucket, new Guard.NoGrant(),
                    bucketRequest(administrator(FOREIGN_ACCOUNT), "s3:GetObject", bucket, arn + "/any-object")
                            .identity("administrator", everything()));
        });
    }

    /** No other account may use any key, whatever its own policies say. */
    private void keysStayInTheAccount() {
        stack.resources("aws_kms_key").keySet().forEach(name -> {
            String key = "aws_kms_key." + name;
            boolean deletionDenied = keyPolicy(key).toString().contains("\"" + NOBODY_DELETES_THE_KEY + "\"");
            for (String action : List.of("kms:Decrypt", "kms:GenerateDataKey", "kms:ScheduleKeyDeletion")) {
                Guard guard = deletionDenied && action.equals("kms:ScheduleKeyDeletion")
                        ? new Guard.Both(new Guard.NoGrant(), new Guard.Statement(NOBODY_DELETES_THE_KEY)) : new Guard.NoGrant();
                deny("another account using " + key, guard, keyRequest(administrator(FOREIGN_ACCOUNT), action, key).identity("administrator", everything()));
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
            JsonNode policy = policyOf("aws_sns_topic_policy", "arn", topic, "policy");
            deny("the administrator publishing to " + topic, new Guard.Statement("OnlyCloudWatchPublishes"),
                    new Request(administrator(account), "sns:Publish", arn, account).identity("administrator", everything()).resourcePolicy(policy));
            deny("EventBridge publishing to " + topic + ", even with a grant in its policy", new Guard.Statement("OnlyCloudWatchPublishes"),
                    new Request("events.amazonaws.com", "sns:Publish", arn, account).with("aws:SourceAccount", account)
                            .resourcePolicy(Guards.withGrant(policy, "events.amazonaws.com", "sns:Publish", arn)));
            deny("another account's alarm publishing to " + topic, new Guard.Conditions("CloudWatchAlarmsPublish", "aws:SourceArn", "aws:SourceAccount"),
                    new Request("cloudwatch.amazonaws.com", "sns:Publish", arn, account)
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
                    trustRequest(administrator(FOREIGN_ACCOUNT), address).identity("administrator", everything()));
            JsonNode trust = Synthesized.parseJson(model.resolve(role.path("assume_role_policy").asText()));
            for (JsonNode statement : trust.path("Statement")) {
                String service = statement.path("Principal").path("Service").asText("");
                if (!service.isEmpty() && statement.path("Condition").toString().contains("aws:SourceAccount")) {
                    List<String> keys = new ArrayList<>(List.of("aws:SourceAccount"));
                    if (statement.path("Condition").toString().contains("aws:SourceArn")) {
                        keys.add("aws:SourceArn");
                    }
                    deny(service + " assuming " + address + " for another account",
                            new Guard.Conditions(statement.path("Sid").asText(), keys), trustRequest(service, address)
                            .with("aws:SourceAccount", FOREIGN_ACCOUNT)
                            .with("aws:SourceArn", "arn:aws:ec2:" + model.region(role) + ":" + FOREIGN_ACCOUNT + ":vpc-flow-log/fl-x"));
                }
            }
        });
    }

    // ==================================================================== requests

    private Request bucketRequest(String principal, String action, String bucket, String resource) {
        return new Request(principal, action, resource, account).resourcePolicy(bucketPolicy(bucket)).blockPublicAccess(blocksPublicAccess(bucket));
    }

    private Request keyRequest(String principal, String action, String key) {
        return new Request(principal, action, model.attribute(key, "arn"), account).resourcePolicy(keyPolicy(key));
    }

    /** {@code sts:AssumeRole} on a role, decided by its trust policy. */
    private Request trustRequest(String principal, String role) {
        return new Request(principal, "sts:AssumeRole", model.attribute(role, "arn"), account)
                .resourcePolicy(Synthesized.parseJson(model.resolve(model.body(role).path("assume_role_policy").asText())));
    }

    /** A request by a role, with every inline policy of the role. */
    private Request roleRequest(String role, String action, String resource) {
        Request request = new Request(model.attribute(role, "arn"), action, resource, account);
        stack.resources("aws_iam_role_policy").forEach((name, policy) -> {
            if (role.equals(address(policy, "role"))) {
                request.identity("aws_iam_role_policy." + name, Synthesized.parseJson(model.resolve(policy.path("policy").asText())));
            }
        });
        return request;
    }

    // ==================================================================== the policies of a resource

    private JsonNode bucketPolicy(String bucket) {
        return policyOf("aws_s3_bucket_policy", "bucket", bucket, "policy");
    }

    private JsonNode keyPolicy(String key) {
        return Synthesized.parseJson(model.resolve(model.body(key).path("policy").asText()));
    }

    /** The policy of the {@code type} resource whose {@code attribute} references {@code address}; fails when there is none. */
    private JsonNode policyOf(String type, String attribute, String address, String policyAttribute) {
        return stack.resources(type).values().stream()
                .filter(body -> address.equals(TerraformModel.referencedAddress(body.path(attribute).asText())))
                .map(body -> Synthesized.parseJson(model.resolve(body.path(policyAttribute).asText())))
                .findFirst()
                .orElseThrow(() -> new AssertionError(address + " has no " + type));
    }

    /** CloudWatch Logs resource policies apply account-wide in their region: all of them, as one document. */
    private JsonNode logResourcePolicies() {
        List<Object> statements = new ArrayList<>();
        stack.resources("aws_cloudwatch_log_resource_policy").values().forEach(body ->
                Synthesized.parseJson(model.resolve(body.path("policy_document").asText())).path("Statement").forEach(statements::add));
        if (statements.isEmpty()) {
            throw new AssertionError(stackLabel + " has no CloudWatch Logs resource policy for its log delivery");
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Tf.map("Version", "2012-10-17", "Statement", statements));
    }

    private Optional<String> bucketKeyOf(String bucket) {
        return stack.resources("aws_s3_bucket_server_side_encryption_configuration").values().stream()
                .filter(sse -> bucket.equals(address(sse, "bucket")))
                .map(sse -> sse.path("rule").path(0))
                .filter(rule -> rule.path("bucket_key_enabled").asBoolean(false))
                .map(rule -> TerraformModel.referencedAddress(rule.path("apply_server_side_encryption_by_default").path("kms_master_key_id").asText()))
                .filter(key -> key != null && key.startsWith("aws_kms_key."))
                .findFirst();
    }

    private boolean blocksPublicAccess(String bucket) {
        return stack.resources("aws_s3_bucket_public_access_block").values().stream()
                .anyMatch(block -> bucket.equals(address(block, "bucket")) && block.path("restrict_public_buckets").asBoolean(false));
    }

    // ==================================================================== small helpers

    private void allow(String path, Request request) {
        paths.add(new AccessPath(stackLabel, path, Expect.ALLOWED, request));
    }

    private void deny(String path, Guard guard, Request request) {
        paths.add(new AccessPath(stackLabel, path, Expect.DENIED, request, guard));
    }

    /** The Sid of the Deny that keeps a log archive key from being disabled or deleted ({@link Policies}). */
    private static final String NOBODY_DELETES_THE_KEY = "NobodyButBreakGlassDisablesOrDeletes";

    /** The address an attribute references; fails naming the attribute when it references nothing in the stack. */
    private String address(JsonNode body, String attribute) {
        String address = TerraformModel.referencedAddress(body.path(attribute).asText());
        return requireInStack(address, attribute + " = " + body.path(attribute).asText());
    }

    private String requireInStack(String address, String where) {
        if (address == null) {
            throw new AssertionError(stackLabel + ": " + where + " references no resource of the stack; the access proofs cannot follow it");
        }
        model.body(address);
        return address;
    }

    private static String administrator(String account) {
        return "arn:aws:iam::" + account + ":role/administrator";
    }

    private static JsonNode everything() {
        return Synthesized.parseJson("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    }
}
