package dev.securebaseline;

import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.BaselineSettings.NatStrategy;
import dev.securebaseline.BaselineSettings.WebTier;
import dev.securebaseline.PrivateBucket.Encryption;
import dev.securebaseline.Tf.Ref;
import dev.securebaseline.Tf.Validation;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.securebaseline.Tf.expr;
import static dev.securebaseline.Tf.list;
import static dev.securebaseline.Tf.listOf;
import static dev.securebaseline.Tf.map;
import static dev.securebaseline.Tf.tags;

/**
 * One environment of the secure baseline. The constructor is the table of contents; each section
 * below writes one concern through escape-hatch overrides and hands what later sections need
 * forward, never back.
 */
public final class BaselineStack extends TerraformStack {

    private final BaselineSettings settings;
    private final Account account;
    private final Tf tf;
    private final Naming names;
    private final AwsContext aws;
    private final Ref zones;

    /** One environment, deployed into {@code account}, whose account stack holds what exists once per account. */
    public BaselineStack(Construct scope, String id, BaselineSettings settings, Account account) {
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
        Network network = network();
        networkAcls(network);
        Ref flowLogGroup = flowLogs(network, key, vars);
        SecurityGroups groups = securityGroups(network, vars);
        PrivateBucket accessLogs = accessLogStorage();
        Ref topic = notifications(key, vars);
        LoadBalancer lb = loadBalancer(network, groups, accessLogs);
        Listeners listeners = listeners(lb);
        Compute compute = compute(network, groups, key, lb, scalingRole);
        webAlarms(lb, topic);
        Ref webAcl = webFirewall(lb, key, topic, vars);
        outputs(network, flowLogGroup, groups, key, accessLogs, topic);
        webOutputs(lb, listeners, compute, webAcl);
        tf.flush();
    }

    // ==================================================================== providers and state

    /** One provider, in the environment's region, pinned to the environment's account. */
    private AwsContext providers() {
        return AwsProvider.configure(tf, settings.region(), defaultTags(), AwsProvider.Access.of(settings), List.of());
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

    // ==================================================================== network

    private record Network(Ref vpc, List<Ref> publicSubnets, List<Ref> privateSubnets,
                           Ref publicRouteTable, List<Ref> privateRouteTables, List<Ref> natGateways, List<Ref> natIps) {
    }

    /** VPC, one public and one private subnet per zone, internet gateway, NAT, routes. FSBP EC2.2 (default SG). */
    private Network network() {
        int zonesWanted = settings.azCount();
        Ref vpc = tf.resource("aws_vpc", "main", map(
                "cidr_block", settings.vpcCidr().toString(),
                "enable_dns_support", true,
                "enable_dns_hostnames", true,
                "tags", tags(names.display("vpc"))));
        // Managed with no rules: nothing can use the default group by accident.
        tf.resource("aws_default_security_group", "main", map(
                "vpc_id", vpc.get("id"),
                "tags", tags(names.display("default-deny-all"))));
        Ref gateway = tf.resource("aws_internet_gateway", "main", map(
                "vpc_id", vpc.get("id"),
                "tags", tags(names.display("igw"))));

        List<Ref> publicSubnets = new ArrayList<>();
        List<Ref> privateSubnets = new ArrayList<>();
        for (int zone = 0; zone < zonesWanted; zone++) {
            publicSubnets.add(subnet(vpc, "public", zone, zone));
            privateSubnets.add(subnet(vpc, "private", zone, BaselineSettings.PRIVATE_SUBNET_OFFSET + zone));
        }

        Ref publicRoutes = tf.resource("aws_route_table", "public", map(
                "vpc_id", vpc.get("id"),
                "tags", tags(names.display("public"))));
        tf.resource("aws_route", "public_internet", map(
                "route_table_id", publicRoutes.get("id"),
                "destination_cidr_block", "0.0.0.0/0",
                "gateway_id", gateway.get("id")));

        List<Ref> natIps = new ArrayList<>();
        List<Ref> natGateways = new ArrayList<>();
        Map<String, Object> quotaCheck = elasticIpsFitTheQuota();
        for (int zone = 0; zone < settings.natGatewayCount(); zone++) {
            String suffix = zoneSuffix(zone);
            Ref ip = tf.resource("aws_eip", "nat_" + suffix, map(
                    "domain", "vpc",
                    "tags", tags(names.display("nat-" + suffix)),
                    "lifecycle", quotaCheck));
            natIps.add(ip);
            natGateways.add(tf.resource("aws_nat_gateway", "nat_" + suffix, map(
                    "allocation_id", ip.get("id"),
                    "subnet_id", publicSubnets.get(zone).get("id"),
                    "tags", tags(names.display("nat-" + suffix)),
                    "depends_on", list(gateway.dependency()))));
        }

        // One private route table per zone in both NAT strategies: switching strategy then only
        // changes routes, never the table associations.
        List<Ref> privateRoutes = new ArrayList<>();
        for (int zone = 0; zone < zonesWanted; zone++) {
            String suffix = zoneSuffix(zone);
            tf.resource("aws_route_table_association", "public_" + suffix, map(
                    "subnet_id", publicSubnets.get(zone).get("id"),
                    "route_table_id", publicRoutes.get("id")));
            Ref table = tf.resource("aws_route_table", "private_" + suffix, map(
                    "vpc_id", vpc.get("id"),
                    "tags", tags(names.display("private-" + suffix))));
            Ref nat = natGateways.get(settings.natStrategy() == NatStrategy.PER_AZ ? zone : 0);
            tf.resource("aws_route", "private_" + suffix + "_nat", map(
                    "route_table_id", table.get("id"),
                    "destination_cidr_block", "0.0.0.0/0",
                    "nat_gateway_id", nat.get("id")));
            tf.resource("aws_route_table_association", "private_" + suffix, map(
                    "subnet_id", privateSubnets.get(zone).get("id"),
                    "route_table_id", table.get("id")));
            privateRoutes.add(table);
        }
        return new Network(vpc, publicSubnets, privateSubnets, publicRoutes, privateRoutes, natGateways, natIps);
    }

    /** Service Quotas' code of "EC2-VPC Elastic IPs", 5 per region by default. */
    static final String ELASTIC_IP_QUOTA_CODE = "L-0263D0A3";

    /**
     * The plan stops, before any address is allocated, when the region's Elastic IP quota cannot hold this
     * environment's NAT gateways next to the addresses already allocated (its own excepted, found by their
     * Name tags), instead of the apply failing halfway with AddressLimitExceeded.
     */
    private Map<String, Object> elasticIpsFitTheQuota() {
        Ref quota = tf.data("aws_servicequotas_service_quota", "elastic_ips", map(
                "service_code", "ec2",
                "quota_code", ELASTIC_IP_QUOTA_CODE));
        Ref allocated = tf.data("aws_eips", "allocated", map());
        Ref ours = tf.data("aws_eips", "nat", map(
                "filter", list(map("name", "tag:Name", "values", list(names.display("nat-") + "*")))));
        String others = "length(" + allocated.attr("allocation_ids") + ") - length(" + ours.attr("allocation_ids") + ")";
        int needed = settings.natGatewayCount();
        return map("precondition", list(map(
                "condition", expr(quota.attr("value") + " - (" + others + ") >= " + needed),
                "error_message", settings.baseName() + " needs " + needed + " Elastic IP(s) for its NAT gateways in " + settings.region()
                        + ", but the account's quota there (EC2-VPC Elastic IPs, " + ELASTIC_IP_QUOTA_CODE + ") is " + expr(quota.attr("value"))
                        + " and " + expr(others) + " other address(es) are allocated. Release unused addresses, ask Service Quotas for more, "
                        + "or set BASELINE_NAT_STRATEGY=single.")));
    }

    /** A subnet carved from the VPC with cidrsubnet: its CIDR is derived, never typed. */
    private Ref subnet(Ref vpc, String tier, int zone, int netnum) {
        String zoneName = zones.attr("names[" + zone + "]");
        return tf.resource("aws_subnet", tier + "_" + zoneSuffix(zone), map(
                "vpc_id", vpc.get("id"),
                "cidr_block", expr("cidrsubnet(" + vpc.attr("cidr_block") + ", " + BaselineSettings.SUBNET_NEWBITS + ", " + netnum + ")"),
                "availability_zone", expr(zoneName),
                // No public IPs by default, not even in public subnets: only the NAT and ALB face the internet. FSBP EC2.15.
                "map_public_ip_on_launch", false,
                "tags", tags(names.display(tier) + "-" + expr(zoneName), "tier", tier)));
    }

    /** CIS 3.9 / FSBP EC2.6: flow logs for all traffic, into a KMS-encrypted log group kept at least a year. */
    private Ref flowLogs(Network network, Key key, Variables vars) {
        Ref logGroup = Monitoring.logGroup(tf, names, "flow_logs", "vpc-flow-logs", key.arn(), vars.logRetentionDays().value(),
                !settings.allowDestroy());
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
                "vpc_id", network.vpc().get("id"),
                "traffic_type", "ALL",
                "log_destination_type", "cloud-watch-logs",
                "log_destination", logGroup.get("arn"),
                "iam_role_arn", role.get("arn"),
                "max_aggregation_interval", 60,
                "tags", tags(names.display("vpc-flow-logs"))));
        return logGroup;
    }

    // ==================================================================== security groups

    private record SecurityGroups(Ref loadBalancer, Ref app) {
    }

    /** Internet → load balancer → app, nothing else. Every rule is its own resource with a description. FSBP EC2.13/14/18. */
    private SecurityGroups securityGroups(Network network, Variables vars) {
        Ref alb = securityGroup("alb", "Load balancer: listener ports from the allowed CIDRs, app port to the app group only", network);
        Ref app = securityGroup("app", "Application instances: app port from the load balancer only, HTTPS out", network);

        List<Cidr> sources = settings.albIngressCidrs();
        for (int i = 0; i < sources.size(); i++) {
            String suffix = sources.size() == 1 ? "" : "_" + (i + 1);
            String cidr = sources.get(i).toString();
            // Port 80 stays open in both modes: it serves HTTP, or redirects to HTTPS.
            ingress("alb_http" + suffix, alb, 80, "HTTP from " + cidr, "cidr_ipv4", cidr);
            if (settings.web().httpsEnabled()) {
                ingress("alb_https" + suffix, alb, 443, "HTTPS from " + cidr, "cidr_ipv4", cidr);
            }
        }
        egress("alb_to_app", alb, settings.appPort(), "Forward and health-check traffic to the app instances",
                "referenced_security_group_id", app.get("id"));

        ingress("app_from_alb", app, settings.appPort(), "App port from the load balancer only",
                "referenced_security_group_id", alb.get("id"));
        ingress("app_ssh", app, 22, "SSH from inside the VPC only (ssh_ingress_cidr)",
                "cidr_ipv4", vars.sshIngressCidr().value(),
                "count", Tf.countIf(vars.sshIngressCidr().path() + " != \"\""));
        // Package repositories and the SSM endpoints are reached over HTTPS; nothing else leaves.
        egress("app_https_out", app, 443, "HTTPS out for package repositories and SSM", "cidr_ipv4", "0.0.0.0/0");
        return new SecurityGroups(alb, app);
    }

    private Ref securityGroup(String role, String description, Network network) {
        return tf.resource("aws_security_group", role, map(
                "name_prefix", names.prefix(role),
                "description", description,
                "vpc_id", network.vpc().get("id"),
                "tags", tags(names.display(role)),
                // Rules reference the group, so a replacement must exist before the old one goes.
                "lifecycle", map("create_before_destroy", true)));
    }

    private void ingress(String name, Ref group, int port, String description, Object... peer) {
        portRule("aws_vpc_security_group_ingress_rule", name, group, port, description, peer);
    }

    private void egress(String name, Ref group, int port, String description, Object... peer) {
        portRule("aws_vpc_security_group_egress_rule", name, group, port, description, peer);
    }

    /** One TCP port, one peer ({@code cidr_ipv4} or {@code referenced_security_group_id}, optionally a {@code count}). */
    private void portRule(String type, String name, Ref group, int port, String description, Object... peer) {
        Map<String, Object> rule = map(
                "security_group_id", group.get("id"),
                "description", description,
                "ip_protocol", "tcp",
                "from_port", port,
                "to_port", port,
                "tags", tags(names.display(name.replace('_', '-'))));
        rule.putAll(map(peer));
        tf.resource(type, name, rule);
    }

    // ==================================================================== network ACLs

    private static final boolean ALLOW = true;
    private static final boolean DENY = false;
    private static final String ANYWHERE = Cidr.ANYWHERE.toString();
    private static final int FIRST_EPHEMERAL_PORT = 1024;
    private static final int LAST_PORT = 65535;
    private static final int SSH = 22;
    private static final int RDP = 3389;

    /**
     * CIS 5.1 / FSBP EC2.21: no entry admits 0.0.0.0/0 to SSH or RDP, over TCP or UDP. First the VPC's own
     * traffic (the security groups filter it), then explicit denies of 22 and 3389 from anywhere, then
     * the listener ports and the replies to connections the tier opened. The reply range skips 3389,
     * which "1024-65535 from anywhere" would reach: the one NAT port in 64,512 that draws 3389 gets no
     * reply, and the connection is retried on another. The default NACL keeps no entry at all.
     */
    private void networkAcls(Network network) {
        String vpc = settings.vpcCidr().toString();
        NetworkAcl publicAcl = NetworkAcl.write(tf, "public", network.vpc(), network.publicSubnets(), names.display("public"));
        NetworkAcl privateAcl = NetworkAcl.write(tf, "private", network.vpc(), network.privateSubnets(), names.display("private"));
        for (NetworkAcl acl : List.of(publicAcl, privateAcl)) {
            acl.inbound(100, "vpc", ALLOW, NetworkAcl.ALL_PROTOCOLS, vpc, 0, 0)
                    .inbound(110, "deny_ssh_tcp", DENY, NetworkAcl.TCP, ANYWHERE, SSH, SSH)
                    .inbound(111, "deny_ssh_udp", DENY, NetworkAcl.UDP, ANYWHERE, SSH, SSH)
                    .inbound(112, "deny_rdp_tcp", DENY, NetworkAcl.TCP, ANYWHERE, RDP, RDP)
                    .inbound(113, "deny_rdp_udp", DENY, NetworkAcl.UDP, ANYWHERE, RDP, RDP)
                    .inbound(300, "replies_below_rdp", ALLOW, NetworkAcl.TCP, ANYWHERE, FIRST_EPHEMERAL_PORT, RDP - 1)
                    .inbound(301, "replies_above_rdp", ALLOW, NetworkAcl.TCP, ANYWHERE, RDP + 1, LAST_PORT)
                    .outbound(100, "vpc", ALLOW, NetworkAcl.ALL_PROTOCOLS, vpc, 0, 0)
                    // The instances' HTTPS, leaving the VPC through the NAT gateway.
                    .outbound(200, "https", ALLOW, NetworkAcl.TCP, ANYWHERE, 443, 443);
        }
        List<Cidr> sources = settings.albIngressCidrs();
        for (int i = 0; i < sources.size(); i++) {
            String suffix = sources.size() == 1 ? "" : "_" + (i + 1);
            publicAcl.inbound(200 + i, "http" + suffix, ALLOW, NetworkAcl.TCP, sources.get(i).toString(), 80, 80);
            if (settings.web().httpsEnabled()) {
                publicAcl.inbound(250 + i, "https" + suffix, ALLOW, NetworkAcl.TCP, sources.get(i).toString(), 443, 443);
            }
        }
        publicAcl.outbound(300, "replies_to_clients", ALLOW, NetworkAcl.TCP, ANYWHERE, FIRST_EPHEMERAL_PORT, LAST_PORT);
        NetworkAcl.lockDefault(tf, network.vpc(), names.display("default-deny-all"), List.of(publicAcl, privateAcl));
    }

    // ==================================================================== log storage

    /** FSBP S3.9: the bucket that records who read the environment's other buckets. */
    private PrivateBucket accessLogStorage() {
        PrivateBucket accessLogs = logBucket("access_logs", "access-logs")
                .receivesAccessLogsFrom(aws, aws.s3Arn(names.everything()));
        accessLogs.writeTo(tf, names.display("access-logs"));
        return accessLogs;
    }

    /** Every log bucket keeps its objects the same way (Glacier, then expiry) and is protected from destroy. */
    private PrivateBucket logBucket(String role, String purpose) {
        return PrivateBucket.logs(role, names.prefix(purpose), settings.logBuckets(), !settings.allowDestroy());
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

    // ==================================================================== web tier: load balancer

    /** An instance is in after 2 good checks 15 s apart and out after 3 bad ones. */
    private static final int HEALTH_CHECK_INTERVAL_SECONDS = 15;
    private static final int HEALTH_CHECK_TIMEOUT_SECONDS = 5;
    private static final int HEALTHY_THRESHOLD = 2;
    private static final int UNHEALTHY_THRESHOLD = 3;
    /** Enough for in-flight requests of a small web app; the 300 s default slows every deploy. */
    private static final int DEREGISTRATION_DELAY_SECONDS = 30;
    private static final int IDLE_TIMEOUT_SECONDS = 60;
    /** TLS 1.3 and 1.2 only: the policy AWS recommends for new listeners. */
    static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    private static final String ALB_LOG_PREFIX = "alb";

    private record LoadBalancer(Ref alb, Ref targetGroup, PrivateBucket logs) {
    }

    /** Internet-facing ALB in the public subnets. FSBP ELB.4 (invalid headers), ELB.5 (logging), ELB.12 (desync). */
    private LoadBalancer loadBalancer(Network network, SecurityGroups groups, PrivateBucket accessLogs) {
        String elbAccount = AwsRegions.hasElbLogAccount(settings.region())
                ? tf.data("aws_elb_service_account", "main", map()).get("arn")
                : null;
        PrivateBucket logs = logBucket("alb_logs", "alb-logs")
                .encryption(Encryption.s3Managed()) // ALB log delivery supports SSE-S3 only.
                .logsTo(accessLogs)
                .policy(arn -> Policies.albLogBucket(aws, arn, ALB_LOG_PREFIX, elbAccount));
        logs.writeTo(tf, names.display("alb-logs"));

        Ref alb = tf.resource("aws_lb", "main", map(
                "name", names.unique("alb"),
                "internal", false,
                "load_balancer_type", "application",
                "security_groups", list(groups.loadBalancer().get("id")),
                "subnets", ids(network.publicSubnets()),
                "drop_invalid_header_fields", true,
                // Blocks the request-smuggling classes AWS rates severe, without refusing merely unusual requests.
                "desync_mitigation_mode", "defensive",
                "idle_timeout", IDLE_TIMEOUT_SECONDS,
                "enable_http2", true,
                // A deliberate retire (BASELINE_ALLOW_DESTROY) turns it off first: AWS refuses to delete a protected load balancer.
                "enable_deletion_protection", settings.web().deletionProtection() && !settings.allowDestroy(),
                "access_logs", map("bucket", logs.bucket().get("id"), "prefix", ALB_LOG_PREFIX, "enabled", true),
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

    // ==================================================================== web tier: listeners and certificate

    /** {@code https} and {@code certificate} are null in HTTP-only mode. */
    private record Listeners(Ref http, Ref https, Ref certificate) {
    }

    /**
     * HTTP by default: HTTPS is never forced on a user who cannot validate a certificate. With HTTPS,
     * a DNS-validated ACM certificate, TLS 1.3 on 443, and port 80 turned into a permanent redirect.
     */
    private Listeners listeners(LoadBalancer lb) {
        Map<String, Object> forward = map("type", "forward", "target_group_arn", lb.targetGroup().get("arn"));
        if (!settings.web().httpsEnabled()) {
            // Deliberate exception (docs/settings.md, "HTTP and HTTPS"): plain HTTP until the user owns a domain.
            return new Listeners(listener("http", lb, 80, forward, null), null, null);
        }
        Certificate certificate = certificate(lb);
        Ref https = listener("https", lb, 443, forward, certificate.validation().get("certificate_arn"));
        Ref http = listener("http", lb, 80, map(
                "type", "redirect",
                "redirect", map("port", "443", "protocol", "HTTPS", "status_code", "HTTP_301")), null);
        return new Listeners(http, https, certificate.certificate());
    }

    private Ref listener(String name, LoadBalancer lb, int port, Map<String, Object> action, String certificateArn) {
        boolean tls = certificateArn != null;
        return tf.resource("aws_lb_listener", name, map(
                "load_balancer_arn", lb.alb().get("arn"),
                "port", port,
                "protocol", tls ? "HTTPS" : "HTTP",
                "ssl_policy", tls ? TLS_POLICY : null,
                "certificate_arn", certificateArn,
                "default_action", list(action),
                "tags", tags(names.display(name))));
    }

    private record Certificate(Ref certificate, Ref validation) {
    }

    /** ACM certificate validated through Route 53 in the user's own zone, plus the optional alias record. */
    private Certificate certificate(LoadBalancer lb) {
        WebTier web = settings.web();
        String zoneId = web.hostedZoneId().orElseGet(() -> tf.data("aws_route53_zone", "main", map(
                "name", web.hostedZoneName().orElseThrow(),
                "private_zone", false)).get("zone_id"));
        Ref certificate = tf.resource("aws_acm_certificate", "main", map(
                "domain_name", web.domainName(),
                "validation_method", "DNS",
                "tags", tags(web.domainName()),
                "lifecycle", map("create_before_destroy", true)));
        // One domain, so exactly one validation option: no for_each, which scanners read poorly.
        String option = "tolist(" + certificate.attr("domain_validation_options") + ")[0]";
        Ref record = tf.resource("aws_route53_record", "certificate_validation", map(
                "zone_id", zoneId,
                "name", expr(option + ".resource_record_name"),
                "type", expr(option + ".resource_record_type"),
                "records", list(expr(option + ".resource_record_value")),
                "ttl", 60,
                "allow_overwrite", true));
        Ref validation = tf.resource("aws_acm_certificate_validation", "main", map(
                "certificate_arn", certificate.get("arn"),
                "validation_record_fqdns", list(record.get("fqdn"))));
        if (web.createDnsRecord()) {
            tf.resource("aws_route53_record", "app", map(
                    "zone_id", zoneId,
                    "name", web.domainName(),
                    "type", "A",
                    "alias", map(
                            "name", lb.alb().get("dns_name"),
                            "zone_id", lb.alb().get("zone_id"),
                            "evaluate_target_health", true)));
        }
        return new Certificate(certificate, validation);
    }

    // ==================================================================== web tier: compute

    private static final int HEALTH_CHECK_GRACE_SECONDS = 300;
    /** A rolling refresh keeps 90 % in service and may launch replacements before terminating. */
    private static final int REFRESH_MIN_HEALTHY_PERCENT = 90;
    private static final int REFRESH_MAX_HEALTHY_PERCENT = 200;

    private record Compute(Ref launchTemplate, Ref group, Ref ami) {
    }

    /** Launch template (IMDSv2, encrypted gp3, no public IP) and an Auto Scaling group in the private subnets. */
    private Compute compute(Network network, SecurityGroups groups, Key key, LoadBalancer lb, Ref scalingRole) {
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
        Ref profile = instanceProfile();
        Ref userData = Ref.local("app_user_data");
        tf.setting(userData.address(), UserData.render(settings.baseName(), settings.appPort(), web.healthCheckPath()));
        Map<String, Object> instanceTags = instanceTags();

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
                                "kms_key_id", key.arn(),
                                "delete_on_termination", true))),
                "user_data", expr("base64encode(" + userData.path() + ")"),
                "tag_specifications", list(
                        map("resource_type", "instance", "tags", instanceTags),
                        map("resource_type", "volume", "tags", instanceTags)),
                "tags", tags(names.display("app"))));

        Ref group = tf.resource("aws_autoscaling_group", "app", map(
                "name_prefix", names.prefix("app"),
                "vpc_zone_identifier", ids(network.privateSubnets()),
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
        return new Compute(template, group, ami);
    }

    /** The minimum role: Session Manager instead of SSH, nothing else. */
    private Ref instanceProfile() {
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

    /** Instances and volumes are created by Auto Scaling, outside the provider's default_tags: tag them explicitly. */
    private Map<String, Object> instanceTags() {
        Map<String, Object> tags = tags(names.display("app"));
        tags.putAll(defaultTags());
        return tags;
    }

    // ==================================================================== web tier: alarms

    /** Unhealthy targets, target 5xx rate and load balancer 5xx, each to the alarm topic. */
    private void webAlarms(LoadBalancer lb, Ref topic) {
        BaselineSettings.AlarmThresholds limits = settings.web().alarms();
        Map<String, Object> balancer = map("LoadBalancer", lb.alb().get("arn_suffix"));
        Map<String, Object> targets = map("LoadBalancer", lb.alb().get("arn_suffix"), "TargetGroup", lb.targetGroup().get("arn_suffix"));

        Monitoring.alarm(tf, names, topic, "unhealthy_hosts", "web-unhealthy-hosts", "At least " + limits.unhealthyHosts() + " web target(s) unhealthy for 3 minutes", map(
                "namespace", "AWS/ApplicationELB", "metric_name", "UnHealthyHostCount", "dimensions", targets,
                "statistic", "Maximum", "period", 60, "evaluation_periods", 3,
                "threshold", limits.unhealthyHosts(), "comparison_operator", "GreaterThanOrEqualToThreshold",
                "ok_actions", list(topic.get("arn"))));
        Monitoring.alarm(tf, names, topic, "target_5xx_rate", "web-target-5xx-rate", "More than " + limits.target5xxRatePercent()
                + " % of requests got a 5xx from the targets, two 5-minute periods running", map(
                "metric_query", list(
                        map("id", "rate", "label", "Target 5xx rate (%)", "return_data", true,
                                "expression", "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)"),
                        map("id", "errors", "metric", map("namespace", "AWS/ApplicationELB",
                                "metric_name", "HTTPCode_Target_5XX_Count", "dimensions", targets, "stat", "Sum", "period", 300)),
                        map("id", "requests", "metric", map("namespace", "AWS/ApplicationELB",
                                "metric_name", "RequestCount", "dimensions", targets, "stat", "Sum", "period", 300))),
                "evaluation_periods", 2,
                "threshold", limits.target5xxRatePercent(), "comparison_operator", "GreaterThanThreshold",
                "ok_actions", list(topic.get("arn"))));
        Monitoring.alarm(tf, names, topic, "alb_5xx", "web-alb-5xx", "The load balancer itself returned at least " + limits.alb5xxCount()
                + " 5xx responses in 5 minutes", map(
                "namespace", "AWS/ApplicationELB", "metric_name", "HTTPCode_ELB_5XX_Count", "dimensions", balancer,
                "statistic", "Sum", "period", 300, "evaluation_periods", 1,
                "threshold", limits.alb5xxCount(), "comparison_operator", "GreaterThanOrEqualToThreshold",
                "ok_actions", list(topic.get("arn"))));
    }

    // ==================================================================== outputs

    private void outputs(Network network, Ref flowLogGroup, SecurityGroups groups, Key key, PrivateBucket accessLogs, Ref topic) {
        tf.output("vpc_id", network.vpc().get("id"), "ID of the VPC.");
        tf.output("vpc_cidr", network.vpc().get("cidr_block"), "IPv4 CIDR of the VPC.");
        tf.output("public_subnet_ids", ids(network.publicSubnets()), "Public subnet IDs, one per availability zone.");
        tf.output("private_subnet_ids", ids(network.privateSubnets()), "Private subnet IDs, one per availability zone.");
        tf.output("availability_zones", expr("slice(" + zones.attr("names") + ", 0, " + settings.azCount() + ")"),
                "Availability zones used, in subnet order.");
        tf.output("public_route_table_id", network.publicRouteTable().get("id"), "Route table of the public subnets.");
        tf.output("private_route_table_ids", ids(network.privateRouteTables()), "Route tables of the private subnets, one per zone.");
        tf.output("nat_gateway_ids", ids(network.natGateways()), "NAT gateway IDs.");
        tf.output("nat_public_ips", listOf(network.natIps().stream().map(ip -> ip.get("public_ip")).toList()),
                "Public IPs of the NAT gateways (the instances' egress addresses).");
        tf.output("alb_security_group_id", groups.loadBalancer().get("id"), "Security group of the load balancer.");
        tf.output("app_security_group_id", groups.app().get("id"), "Security group of the application instances.");
        tf.output("kms_key_arn", key.arn(), "ARN of the customer managed KMS key.");
        tf.output("kms_key_alias", key.alias().get("name"), "Alias of the KMS key.");
        tf.output("access_log_bucket_name", accessLogs.bucket().get("id"), "S3 bucket receiving the environment's server access logs.");
        tf.output("flow_log_group_name", flowLogGroup.get("name"),
                "CloudWatch log group receiving the VPC flow logs.");
        tf.output("alarm_topic_arn", topic.get("arn"), "SNS topic every alarm of the environment notifies.");
        tf.output("account_stack", account.stackName(settings.project()),
                "The stack that holds what exists once per account (trail, CIS alarms, guardrails) for " + account.describe() + ".");
    }

    private void webOutputs(LoadBalancer lb, Listeners listeners, Compute compute, Ref webAcl) {
        WebTier web = settings.web();
        tf.output("app_url", web.httpsEnabled() ? "https://" + web.domainName() : "http://" + lb.alb().get("dns_name"),
                "URL of the application" + (web.httpsEnabled() ? "." : " (HTTP only: set BASELINE_ENABLE_HTTPS with a domain you own for HTTPS)."));
        tf.output("alb_dns_name", lb.alb().get("dns_name"), "DNS name of the load balancer.");
        tf.output("alb_zone_id", lb.alb().get("zone_id"), "Route 53 zone id of the load balancer, for alias records.");
        tf.output("alb_arn", lb.alb().get("arn"), "ARN of the load balancer.");
        tf.output("alb_arn_suffix", lb.alb().get("arn_suffix"), "ARN suffix of the load balancer, the CloudWatch dimension.");
        tf.output("alb_logs_bucket_name", lb.logs().bucket().get("id"), "S3 bucket receiving the load balancer access logs.");
        tf.output("http_listener_arn", listeners.http().get("arn"),
                web.httpsEnabled() ? "Listener on port 80 (redirects to HTTPS)." : "Listener on port 80 (forwards to the targets).");
        if (listeners.https() != null) {
            tf.output("https_listener_arn", listeners.https().get("arn"), "Listener on port 443.");
            tf.output("certificate_arn", listeners.certificate().get("arn"), "ACM certificate of " + web.domainName() + ".");
        }
        tf.output("target_group_arn", lb.targetGroup().get("arn"), "Target group of the web instances.");
        tf.output("target_group_name", lb.targetGroup().get("name"), "Name of the target group.");
        tf.output("asg_name", compute.group().get("name"), "Name of the Auto Scaling group.");
        tf.output("launch_template_id", compute.launchTemplate().get("id"), "ID of the launch template.");
        tf.output("ami_id", compute.ami().get("id"), "AMI the launch template uses (latest Amazon Linux 2023 at plan time).");
        if (webAcl != null) {
            tf.output("web_acl_arn", webAcl.get("arn"), "ARN of the AWS WAF web ACL in front of the load balancer.");
        }
    }

    private static List<Object> ids(List<Ref> refs) {
        return listOf(refs.stream().map(ref -> ref.get("id")).toList());
    }

    // ==================================================================== small helpers

    /** Zone index → address suffix: 0 → a, 1 → b … */
    static String zoneSuffix(int zone) {
        return String.valueOf((char) ('a' + zone));
    }
}
