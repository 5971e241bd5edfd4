package dev.securebaseline.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.settings.Cidr;
import dev.securebaseline.testing.Configurations;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static dev.securebaseline.testing.Synthesized.ref;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CIS 5.1 / FSBP EC2.21, evaluated the way AWS evaluates a network ACL: entries in rule-number order, the
 * first that matches decides, nothing matching means deny. SSH and RDP from the internet never get in;
 * the load balancer, the NAT gateway's replies and the VPC's own traffic keep working.
 */
class NetworkAclTest {

    private static final String INTERNET = "198.51.100.7";
    private static final String IN_VPC = "10.0.130.12";

    private final Synthesized stack = Synth.defaults();
    private final Synthesized https = Configurations.synthesized(Configurations.HTTPS_NAT_PER_ZONE);

    /** An entry of the synthesized JSON. */
    private record Entry(String address, int number, boolean egress, boolean allow, String protocol, Cidr cidr, int from, int to) {

        boolean matches(String protocolName, String ip, int port) {
            boolean protocolMatches = protocol.equals("-1") || protocol.equals(protocolName);
            boolean portMatches = protocol.equals("-1") || (from <= port && port <= to);
            return protocolMatches && portMatches && cidr.contains(Cidr.parse(ip + "/32"));
        }
    }

    private static List<Entry> entries(Synthesized stack, String tier, boolean egress) {
        return stack.resources("aws_network_acl_rule").entrySet().stream()
                .filter(e -> e.getValue().path("network_acl_id").asText().equals(ref("aws_network_acl." + tier, "id")))
                .map(e -> {
                    JsonNode b = e.getValue();
                    return new Entry(e.getKey(), b.path("rule_number").asInt(), b.path("egress").asBoolean(),
                            b.path("rule_action").asText().equals("allow"), b.path("protocol").asText(), Cidr.parse(b.path("cidr_block").asText()),
                            b.path("from_port").asInt(), b.path("to_port").asInt());
                })
                .filter(e -> e.egress() == egress)
                .sorted(Comparator.comparingInt(Entry::number))
                .toList();
    }

    /** AWS's evaluation: the first matching entry decides; none means the final implicit deny. */
    private static boolean admits(Synthesized stack, String tier, boolean egress, String protocol, String ip, int port) {
        return entries(stack, tier, egress).stream().filter(e -> e.matches(protocol, ip, port)).findFirst().map(Entry::allow).orElse(false);
    }

    @ParameterizedTest(name = "{0} {1}/{2} from the internet")
    @CsvSource({"public, tcp, 22", "public, udp, 22", "public, tcp, 3389", "public, udp, 3389",
            "private, tcp, 22", "private, udp, 22", "private, tcp, 3389", "private, udp, 3389"})
    void sshAndRdpFromTheInternetNeverGetIntoASubnet(String tier, String protocol, int port) {
        assertThat(admits(stack, tier, false, protocol, INTERNET, port)).isFalse();
        assertThat(admits(https, tier, false, protocol, INTERNET, port)).isFalse();
    }

    @Test
    void noEntryAnywhereAllowsTheWholeInternetToReachSshOrRdpWhateverItsNumber() {
        for (Synthesized s : List.of(stack, https)) {
            s.resources("aws_network_acl_rule").forEach((name, rule) -> {
                boolean fromAnywhere = rule.path("cidr_block").asText().equals("0.0.0.0/0") || rule.path("ipv6_cidr_block").asText().equals("::/0");
                boolean allowIn = rule.path("rule_action").asText().equals("allow") && !rule.path("egress").asBoolean();
                if (fromAnywhere && allowIn) {
                    assertThat(rule.path("protocol").asText()).as(name).isNotEqualTo("-1");
                    for (int port : new int[]{22, 3389}) {
                        assertThat(rule.path("from_port").asInt() <= port && port <= rule.path("to_port").asInt())
                                .as("%s admits port %d from anywhere", name, port).isFalse();
                    }
                }
            });
        }
    }

    @Test
    void theSshAndRdpDeniesComeBeforeEveryAllowFromTheInternet() {
        for (String tier : List.of("public", "private")) {
            List<Entry> inbound = entries(stack, tier, false);
            int lastDeny = inbound.stream().filter(e -> !e.allow()).mapToInt(Entry::number).max().orElseThrow();
            inbound.stream().filter(e -> e.allow() && e.cidr().equals(Cidr.ANYWHERE))
                    .forEach(e -> assertThat(e.number()).as(e.address()).isGreaterThan(lastDeny));
            assertThat(inbound.stream().filter(e -> !e.allow()).map(Entry::address))
                    .containsExactlyInAnyOrder(tier + "_in_deny_ssh_tcp", tier + "_in_deny_ssh_udp", tier + "_in_deny_rdp_tcp", tier + "_in_deny_rdp_udp");
        }
    }

    @Test
    void theLoadBalancerServesItsListenerPortsToTheAllowedSources() {
        assertThat(admits(stack, "public", false, "tcp", INTERNET, 80)).isTrue();
        assertThat(admits(stack, "public", false, "tcp", INTERNET, 443)).as("443 only with HTTPS").isFalse();
        assertThat(admits(https, "public", false, "tcp", INTERNET, 443)).isTrue();
        assertThat(admits(stack, "public", true, "tcp", INTERNET, 51000)).as("answers to the client's port").isTrue();
        Synthesized restricted = Synth.of(Map.of("BASELINE_ALB_INGRESS_CIDRS", "203.0.113.0/24", "BASELINE_GUARDRAIL_REGIONS", "us-east-1"));
        assertThat(admits(restricted, "public", false, "tcp", "203.0.113.9", 80)).isTrue();
        assertThat(admits(restricted, "public", false, "tcp", INTERNET, 80)).isFalse();
    }

    @ParameterizedTest(name = "reply port {0}")
    @CsvSource({"1024", "3388", "3390", "32768", "60999", "65535"})
    void repliesToTheInstancesHttpsThroughTheNatGatewayGetBack(int replyPort) {
        assertThat(admits(stack, "private", true, "tcp", INTERNET, 443)).as("instance to the internet").isTrue();
        assertThat(admits(stack, "public", false, "tcp", IN_VPC, 443)).as("instance to the NAT gateway").isTrue();
        assertThat(admits(stack, "public", true, "tcp", INTERNET, 443)).as("NAT gateway to the internet").isTrue();
        assertThat(admits(stack, "public", false, "tcp", INTERNET, replyPort)).as("reply to the NAT gateway").isTrue();
        assertThat(admits(stack, "private", false, "tcp", INTERNET, replyPort)).as("reply to the instance").isTrue();
    }

    @Test
    void theOnePortTheRepliesGiveUpIsRdp() {
        assertThat(admits(stack, "public", false, "tcp", INTERNET, 3389)).isFalse();
        assertThat(admits(stack, "public", false, "tcp", INTERNET, 1023)).as("NAT gateways use 1024-65535").isFalse();
    }

    @Test
    void theVpcsOwnTrafficFlowsEitherWayInBothTiersSshFromInsideIncluded() {
        for (String tier : List.of("public", "private")) {
            for (boolean egress : new boolean[]{false, true}) {
                assertThat(admits(stack, tier, egress, "tcp", IN_VPC, 8080)).as("%s app port, egress=%s", tier, egress).isTrue();
                assertThat(admits(stack, tier, egress, "udp", IN_VPC, 53)).isTrue();
            }
            assertThat(admits(stack, tier, false, "tcp", IN_VPC, 22)).as("SSH from inside the VPC, when a rule allows it").isTrue();
        }
        assertThat(admits(stack, "private", true, "tcp", INTERNET, 80)).as("the instances only speak HTTPS out").isFalse();
    }

    @Test
    void everySubnetBelongsToItsTiersAclAndTheDefaultAclIsEmptied() {
        assertThat(stack.resource("aws_network_acl", "public").path("subnet_ids"))
                .extracting(JsonNode::asText).containsExactly(ref("aws_subnet.public_a", "id"), ref("aws_subnet.public_b", "id"));
        assertThat(stack.resource("aws_network_acl", "private").path("subnet_ids"))
                .extracting(JsonNode::asText).containsExactly(ref("aws_subnet.private_a", "id"), ref("aws_subnet.private_b", "id"));
        JsonNode fallback = stack.resource("aws_default_network_acl", "main");
        assertThat(fallback.path("default_network_acl_id").asText()).isEqualTo(ref("aws_vpc.main", "default_network_acl_id"));
        assertThat(fallback.has("ingress") || fallback.has("egress")).as("a subnet nobody placed is cut off").isFalse();
        assertThat(Synthesized.texts(fallback.path("depends_on"))).containsExactlyInAnyOrder("aws_network_acl.public", "aws_network_acl.private");
    }

    @Test
    void theMostLoadBalancerSourcesStillFitAwssTwentyInboundEntries() {
        Synthesized six = Synth.of(Configurations.everyOption().get(Configurations.SIX_ZONES));
        Synthesized sixWithHttps = Synth.of(Map.of("BASELINE_ENABLE_HTTPS", "true", "BASELINE_DOMAIN_NAME", "app.acme-corp.io",
                "BASELINE_HOSTED_ZONE_ID", "Z0123456789ABCDEFGHIJ", "BASELINE_GUARDRAIL_REGIONS", "us-east-1",
                "BASELINE_ALB_INGRESS_CIDRS", "203.0.113.0/24,198.51.100.0/24,192.0.2.0/24,100.64.0.0/16,100.65.0.0/16,100.66.0.0/16"));

        assertThat(entries(six, "public", false)).hasSize(13);
        assertThat(entries(sixWithHttps, "public", false)).hasSize(19).hasSizeLessThanOrEqualTo(20);
        assertThat(entries(sixWithHttps, "public", false).stream().map(Entry::number).distinct()).hasSize(19);
    }
}
