package dev.securebaseline.network;

import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.settings.Cidr;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;

import java.util.List;

/**
 * The network ACLs of an environment's two subnet tiers. CIS 5.1 / FSBP EC2.21: no entry admits 0.0.0.0/0 to SSH or
 * RDP, over TCP or UDP. First the VPC's own traffic (the security groups filter it), then explicit denies of 22 and 3389
 * from anywhere, then the listener ports and the replies to connections the tier opened. The reply range skips 3389,
 * which "1024-65535 from anywhere" would reach: the one NAT port in 64,512 that draws 3389 gets no reply, and the
 * connection is retried on another. The default NACL keeps no entry at all.
 */
public final class SubnetAcls {

    private static final boolean ALLOW = true;
    private static final boolean DENY = false;
    private static final String ANYWHERE = Cidr.ANYWHERE.toString();
    private static final int FIRST_EPHEMERAL_PORT = 1024;
    private static final int LAST_PORT = 65535;
    private static final int SSH = 22;
    private static final int RDP = 3389;

    private SubnetAcls() {
    }

    public static void write(Tf tf, Naming names, BaselineSettings settings, Network network) {
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
        for (BaselineSettings.IngressSource source : settings.albIngressSources()) {
            String cidr = source.cidr().toString();
            publicAcl.inbound(200 + source.index(), "http" + source.suffix(), ALLOW, NetworkAcl.TCP, cidr, 80, 80);
            if (settings.web().httpsEnabled()) {
                publicAcl.inbound(250 + source.index(), "https" + source.suffix(), ALLOW, NetworkAcl.TCP, cidr, 443, 443);
            }
        }
        publicAcl.outbound(300, "replies_to_clients", ALLOW, NetworkAcl.TCP, ANYWHERE, FIRST_EPHEMERAL_PORT, LAST_PORT);
        NetworkAcl.lockDefault(tf, network.vpc(), names.display("default-deny-all"), List.of(publicAcl, privateAcl));
    }
}
