package dev.securebaseline.stacks;

import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.monitoring.Monitoring;
import dev.securebaseline.network.FlowLogs;
import dev.securebaseline.network.Network;
import dev.securebaseline.network.SecurityGroups;
import dev.securebaseline.network.SubnetAcls;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.settings.Account;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.settings.Cidr;
import dev.securebaseline.storage.PrivateBucket;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.AwsProvider;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.StackVariables;
import dev.securebaseline.tf.StateBackends;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;
import dev.securebaseline.tf.Tf.Validation;
import dev.securebaseline.web.AppServers;
import dev.securebaseline.web.Listeners;
import dev.securebaseline.web.LoadBalancer;
import dev.securebaseline.web.WebAlarms;
import dev.securebaseline.web.WebFirewall;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

import static dev.securebaseline.tf.Tf.expr;
import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * One environment of the secure baseline. The constructor is the table of contents; each section
 * below writes one concern through escape-hatch overrides and hands what later sections need
 * forward, never back.
 */
public final class EnvironmentStack extends TerraformStack {

    private final BaselineSettings settings;
    private final Account account;
    private final Tf tf;
    private final Naming names;
    private final AwsContext aws;
    private final Ref zones;

    /** One environment, deployed into {@code account}, whose account stack holds what exists once per account. */
    public EnvironmentStack(Construct scope, String id, BaselineSettings settings, Account account) {
        super(scope, id);
        this.settings = settings;
        this.account = account;
        this.tf = new Tf(this);
        this.names = Naming.of(settings);

        this.aws = providers();
        state();
        this.zones = availabilityZones();

        Variables vars = variables();
        Ref scalingRole = autoScalingServiceRole();
        Key key = encryption(scalingRole);
        Network network = Network.write(tf, names, settings, zones);
        SubnetAcls.write(tf, names, settings, network);
        Ref flowLogGroup = FlowLogs.write(tf, names, aws, network.vpc(), key.arn(), vars.logRetentionDays(), !settings.allowDestroy());
        SecurityGroups groups = SecurityGroups.write(tf, names, settings, network.vpc(), vars.sshIngressCidr());
        PrivateBucket accessLogs = accessLogStorage();
        Ref topic = notifications(key, vars);
        LoadBalancer lb = LoadBalancer.write(tf, names, aws, settings, network, groups.loadBalancer(), accessLogs);
        Listeners listeners = Listeners.write(tf, names, settings.web(), lb);
        AppServers servers = AppServers.write(tf, names, aws, settings, defaultTags(), network, groups, key.arn(), lb, scalingRole);
        WebAlarms.write(tf, names, settings.web().alarms(), lb, topic);
        Ref webAcl = webFirewall(lb, key, topic, vars);
        EnvironmentOutputs outputs = new EnvironmentOutputs(tf, settings);
        outputs.network(network, zones, groups);
        outputs.environment(key.key(), key.alias(), accessLogs, flowLogGroup, topic, account);
        outputs.web(lb, listeners, servers, webAcl);
        tf.flush();
    }

    // ==================================================================== providers and state

    /** One provider, in the environment's region, pinned to the environment's account. */
    private AwsContext providers() {
        return AwsProvider.configure(tf, settings.region(), defaultTags(), settings.access(), List.of());
    }

    /** This environment's own state object in the shared, encrypted, natively locked S3 backend. */
    private void state() {
        StateBackends.write(this, tf, settings.state(), settings.project() + "-bootstrap");
    }

    /** Tags on every resource, merged once at the provider. */
    private Map<String, Object> defaultTags() {
        return AwsProvider.defaultTags(settings.project(), settings.environment().id(), settings.owner());
    }

    /**
     * Zones that need no opt-in (Local Zones excluded). No state filter: an impaired zone must not
     * shift the indexes. A region with too few zones fails here, before anything depends on it.
     */
    private Ref availabilityZones() {
        int wanted = settings.azCount();
        return tf.data("aws_availability_zones", "available", map(
                "filter", list(map("name", "opt-in-status", "values", list("opt-in-not-required"))),
                "lifecycle", map("postcondition", list(map(
                        "condition", expr("length(self.names) >= " + wanted),
                        "error_message", "The region offers fewer than " + wanted
                                + " availability zones without opt-in; lower BASELINE_AZ_COUNT.")))));
    }

    // ==================================================================== variables

    private record Variables(Ref alarmEmail, Ref sshIngressCidr, Ref logRetentionDays) {
    }

    /** What operators may tune at deploy time without a new synth; defaults come from the settings. */
    private Variables variables() {
        Ref email = StackVariables.alarmEmail(tf, settings.alarmEmail(), "Email address subscribed to the alarm topic; empty for no subscription.");

        String vpc = settings.vpcCidr().toString();
        int vpcPrefix = settings.vpcCidr().prefix();
        Ref ssh = tf.variable("ssh_ingress_cidr", "string", settings.sshCidr().map(Cidr::toString).orElse(""),
                "CIDR allowed to reach the instances on port 22; empty for no SSH rule. Must lie inside the VPC CIDR " + vpc + ".",
                // The network part of the address, cut to the VPC prefix, must be the VPC network itself.
                new Validation(expr("var.ssh_ingress_cidr == \"\" || (can(cidrnetmask(var.ssh_ingress_cidr))"
                        + " && try(cidrhost(var.ssh_ingress_cidr, 0) == split(\"/\", var.ssh_ingress_cidr)[0]"
                        + " && tonumber(split(\"/\", var.ssh_ingress_cidr)[1]) >= " + vpcPrefix
                        + " && cidrsubnet(format(\"%s/" + vpcPrefix + "\", split(\"/\", var.ssh_ingress_cidr)[0]), 0, 0) == \"" + vpc + "\", false))"),
                        "ssh_ingress_cidr must be empty or a CIDR inside the VPC CIDR " + vpc + "; SSH is never opened to the internet."));

        Ref retention = StackVariables.logRetentionDays(tf, settings.logRetentionDays(),
                "Retention in days of the stack's log groups: VPC flow logs, and the web ACL's logs when there is one.");
        return new Variables(email, ssh, retention);
    }

    // ==================================================================== encryption

    private record Key(Ref key, Ref alias) {
        String arn() {
            return key.get("arn");
        }
    }

    /**
     * A service-linked role for this deployment's Auto Scaling group, with its own suffix: the key
     * policy must name it, and a role created here is certain to exist when the key is created.
     */
    private Ref autoScalingServiceRole() {
        return tf.resource("aws_iam_service_linked_role", "autoscaling", map(
                "aws_service_name", "autoscaling.amazonaws.com",
                "custom_suffix", names.unique("web"),
                "description", "Launches the " + settings.baseName() + " web instances with volumes encrypted by the baseline key",
                "tags", tags(names.display("autoscaling"))));
    }

    /** One customer managed key for trail, log groups, topic and volumes. CIS 3.7 (trail SSE-KMS), 3.8 (rotation). */
    private Key encryption(Ref autoScalingRole) {
        Ref key = tf.resource("aws_kms_key", "main", map(
                "description", "Encrypts the audit trail, log groups, alarm topic and instance volumes of " + settings.baseName(),
                "enable_key_rotation", true,
                "deletion_window_in_days", settings.kmsDeletionWindowDays(),
                "policy", Policies.environmentKeyPolicy(aws, autoScalingRole.get("arn")).json(),
                "tags", tags(names.display("key")),
                "lifecycle", protection()));
        Ref alias = tf.resource("aws_kms_alias", "main", map(
                "name_prefix", "alias/" + names.prefix("baseline"),
                "target_key_id", key.get("key_id")));
        return new Key(key, alias);
    }

    // ==================================================================== log storage

    /** FSBP S3.9: the bucket that records who read the environment's other buckets. */
    private PrivateBucket accessLogStorage() {
        PrivateBucket accessLogs = PrivateBucket.logs("access_logs", names.prefix("access-logs"), settings.logBuckets(), !settings.allowDestroy())
                .receivesAccessLogsFrom(aws, aws.s3Arn(names.everything()));
        accessLogs.writeTo(tf, names.display("access-logs"));
        return accessLogs;
    }

    /** Logs and keys outlive a careless destroy: only BASELINE_ALLOW_DESTROY lifts this, visibly, in the JSON. */
    private Map<String, Object> protection() {
        return Tf.preventDestroy(!settings.allowDestroy());
    }

    // ==================================================================== notifications

    /** The alarm topic, encrypted with the key (FSBP SNS.1), with an optional email subscription. */
    private Ref notifications(Key key, Variables vars) {
        return Monitoring.alarmTopic(tf, aws, names, "alarms", "alarm_email", "alarms", key.arn(), vars.alarmEmail());
    }

    // ==================================================================== web tier: firewall

    /** AWS WAF on the load balancer when BASELINE_ENABLE_WAF (prod's default); null without. */
    private Ref webFirewall(LoadBalancer lb, Key key, Ref topic, Variables vars) {
        BaselineSettings.Firewall firewall = settings.web().firewall();
        if (!firewall.enabled()) {
            return null;
        }
        return WebFirewall.write(tf, names, aws, firewall, lb.alb(), key.arn(), vars.logRetentionDays(), !settings.allowDestroy(), topic);
    }
}
