package dev.securebaseline.network;

import dev.securebaseline.settings.BaselineSettings.NatStrategy;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf.Ref;
import dev.securebaseline.tf.Tf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.securebaseline.tf.Tf.expr;
import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * An environment's VPC: one public and one private subnet per zone, the internet gateway, NAT and routes, and the default
 * security group managed with no rules. FSBP EC2.2 (default SG), EC2.15 (no public IPs on launch).
 */
public record Network(Ref vpc, List<Ref> publicSubnets, List<Ref> privateSubnets,
               Ref publicRouteTable, List<Ref> privateRouteTables, List<Ref> natGateways, List<Ref> natIps) {

    /** Service Quotas' code of "EC2-VPC Elastic IPs", 5 per region by default. */
    static final String ELASTIC_IP_QUOTA_CODE = "L-0263D0A3";

    /** The VPC of {@code settings}, its subnets in the first zones {@code zones} names. */
    public static Network write(Tf tf, Naming names, BaselineSettings settings, Ref zones) {
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
            publicSubnets.add(subnet(tf, names, zones, vpc, "public", zone, zone));
            privateSubnets.add(subnet(tf, names, zones, vpc, "private", zone, BaselineSettings.PRIVATE_SUBNET_OFFSET + zone));
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
        Map<String, Object> quotaCheck = elasticIpsFitTheQuota(tf, names, settings);
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

    /**
     * The plan stops, before any address is allocated, when the region's Elastic IP quota cannot hold this
     * environment's NAT gateways next to the addresses already allocated (its own excepted, found by their
     * Name tags), instead of the apply failing halfway with AddressLimitExceeded.
     */
    private static Map<String, Object> elasticIpsFitTheQuota(Tf tf, Naming names, BaselineSettings settings) {
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
    private static Ref subnet(Tf tf, Naming names, Ref zones, Ref vpc, String tier, int zone, int netnum) {
        String zoneName = zones.attr("names[" + zone + "]");
        return tf.resource("aws_subnet", tier + "_" + zoneSuffix(zone), map(
                "vpc_id", vpc.get("id"),
                "cidr_block", expr("cidrsubnet(" + vpc.attr("cidr_block") + ", " + BaselineSettings.SUBNET_NEWBITS + ", " + netnum + ")"),
                "availability_zone", expr(zoneName),
                // No public IPs by default, not even in public subnets: only the NAT and ALB face the internet. FSBP EC2.15.
                "map_public_ip_on_launch", false,
                "tags", tags(names.display(tier) + "-" + expr(zoneName), "tier", tier)));
    }

    /** Zone index → address suffix: 0 → a, 1 → b … */
    static String zoneSuffix(int zone) {
        return String.valueOf((char) ('a' + zone));
    }
}
