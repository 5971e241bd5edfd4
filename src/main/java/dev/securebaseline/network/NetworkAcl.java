package dev.securebaseline.network;

import dev.securebaseline.tf.Tf.Ref;
import dev.securebaseline.tf.Tf;

import java.util.List;

import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.listOf;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * The network ACL of one subnet tier. Every entry is an {@code aws_network_acl_rule} of its own, named
 * {@code <tier>_in_<role>} or {@code <tier>_out_<role>}: inline {@code ingress} blocks are attributes
 * whose typos {@code terraform validate} does not see. AWS evaluates entries lowest number first.
 */
final class NetworkAcl {

    static final String ALL_PROTOCOLS = "-1";
    static final String TCP = "tcp";
    static final String UDP = "udp";

    private final Tf tf;
    private final String tier;
    private final Ref acl;

    private NetworkAcl(Tf tf, String tier, Ref acl) {
        this.tf = tf;
        this.tier = tier;
        this.acl = acl;
    }

    /** {@code aws_network_acl.<tier>}, associated with the tier's subnets. */
    static NetworkAcl write(Tf tf, String tier, Ref vpc, List<Ref> subnets, String nameTag) {
        return new NetworkAcl(tf, tier, tf.resource("aws_network_acl", tier, map(
                "vpc_id", vpc.get("id"),
                "subnet_ids", listOf(subnets.stream().map(subnet -> subnet.get("id")).toList()),
                "tags", tags(nameTag))));
    }

    Ref acl() {
        return acl;
    }

    /** An inbound entry; {@code protocol} {@link #ALL_PROTOCOLS} ignores the ports. */
    NetworkAcl inbound(int number, String role, boolean allow, String protocol, String cidr, int fromPort, int toPort) {
        return entry(false, number, role, allow, protocol, cidr, fromPort, toPort);
    }

    NetworkAcl outbound(int number, String role, boolean allow, String protocol, String cidr, int fromPort, int toPort) {
        return entry(true, number, role, allow, protocol, cidr, fromPort, toPort);
    }

    private NetworkAcl entry(boolean egress, int number, String role, boolean allow, String protocol, String cidr,
                             int fromPort, int toPort) {
        tf.resource("aws_network_acl_rule", tier + (egress ? "_out_" : "_in_") + role, map(
                "network_acl_id", acl.get("id"),
                "rule_number", number,
                "egress", egress,
                "rule_action", allow ? "allow" : "deny",
                "protocol", protocol,
                "cidr_block", cidr,
                "from_port", fromPort,
                "to_port", toPort));
        return this;
    }

    /** The VPC's default NACL, managed with no entries: a subnet nobody placed in a tier is cut off. */
    static Ref lockDefault(Tf tf, Ref vpc, String nameTag, List<NetworkAcl> tiers) {
        return tf.resource("aws_default_network_acl", "main", map(
                "default_network_acl_id", vpc.get("default_network_acl_id"),
                "tags", tags(nameTag),
                // The subnets move to their tier first, so none is ever left with the emptied default.
                "depends_on", list(tiers.stream().map(tier -> (Object) tier.acl().dependency()).toArray())));
    }
}
