package dev.securebaseline.network;

import dev.securebaseline.testing.Configurations;
import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.securebaseline.testing.Synthesized.ref;
import static org.assertj.core.api.Assertions.assertThat;

/** Security groups: internet → load balancer → app, nothing else; SSH only from inside the VPC and only when asked. */
class SecurityGroupTest {

    private final Synthesized defaults = Synth.defaults();
    private final Synthesized restricted = Synth.of(Map.of(
            "BASELINE_ALB_INGRESS_CIDRS", "203.0.113.0/24,198.51.100.0/24",
            "BASELINE_SSH_CIDR", "10.0.0.0/24",
            "BASELINE_APP_PORT", "9000"));

    @Test
    void inHttpModeTheLoadBalancerAcceptsPort80FromTheConfiguredSourcesAndNot443() {
        JsonNode http = defaults.resource("aws_vpc_security_group_ingress_rule", "alb_http");
        assertThat(http.path("security_group_id").asText()).isEqualTo(ref("aws_security_group.alb", "id"));
        assertThat(http.path("from_port").asInt()).isEqualTo(80);
        assertThat(http.path("to_port").asInt()).isEqualTo(80);
        assertThat(http.path("cidr_ipv4").asText()).isEqualTo("0.0.0.0/0");
        assertThat(ports(defaults)).containsOnly(80);

        assertThat(restricted.resources("aws_vpc_security_group_ingress_rule").keySet())
                .contains("alb_http_1", "alb_http_2")
                .doesNotContain("alb_http", "alb_https_1");
        assertThat(restricted.resource("aws_vpc_security_group_ingress_rule", "alb_http_2").path("cidr_ipv4").asText())
                .isEqualTo("198.51.100.0/24");
    }

    @Test
    void inHttpsModePort443OpensToTheSameSourcesAndPort80StaysForTheRedirect() {
        Synthesized https = Synth.of(Configurations.HTTPS_WITH_ZONE_ID);

        assertThat(ports(https)).containsOnly(80, 443);
        JsonNode rule = https.resource("aws_vpc_security_group_ingress_rule", "alb_https");
        assertThat(rule.path("cidr_ipv4").asText()).isEqualTo("0.0.0.0/0");
        assertThat(rule.path("security_group_id").asText()).isEqualTo(ref("aws_security_group.alb", "id"));
    }

    /** Ports the load balancer group accepts from outside. */
    private static List<Integer> ports(Synthesized stack) {
        return stack.resources("aws_vpc_security_group_ingress_rule").values().stream()
                .filter(rule -> rule.path("security_group_id").asText().equals(ref("aws_security_group.alb", "id")))
                .map(rule -> rule.path("from_port").asInt())
                .toList();
    }

    @Test
    void appInstancesAcceptTheAppPortFromTheLoadBalancerGroupOnly() {
        JsonNode fromAlb = restricted.resource("aws_vpc_security_group_ingress_rule", "app_from_alb");
        assertThat(fromAlb.path("security_group_id").asText()).isEqualTo(ref("aws_security_group.app", "id"));
        assertThat(fromAlb.path("referenced_security_group_id").asText()).isEqualTo(ref("aws_security_group.alb", "id"));
        assertThat(fromAlb.path("from_port").asInt()).isEqualTo(9000);
        assertThat(fromAlb.has("cidr_ipv4")).isFalse();

        JsonNode albOut = restricted.resource("aws_vpc_security_group_egress_rule", "alb_to_app");
        assertThat(albOut.path("referenced_security_group_id").asText()).isEqualTo(ref("aws_security_group.app", "id"));
        assertThat(albOut.path("from_port").asInt()).isEqualTo(9000);
    }

    @Test
    void sshExistsOnlyWhenTheVariableIsSetAndItDefaultsToOff() {
        JsonNode ssh = defaults.resource("aws_vpc_security_group_ingress_rule", "app_ssh");
        assertThat(ssh.path("count").asText()).isEqualTo("${var.ssh_ingress_cidr != \"\" ? 1 : 0}");
        assertThat(ssh.path("cidr_ipv4").asText()).isEqualTo("${var.ssh_ingress_cidr}");
        assertThat(ssh.path("from_port").asInt()).isEqualTo(22);
        assertThat(defaults.variable("ssh_ingress_cidr").path("default").asText()).isEmpty();
        assertThat(restricted.variable("ssh_ingress_cidr").path("default").asText()).isEqualTo("10.0.0.0/24");
    }

    @Test
    void theSshVariableIsValidatedAgainstTheVpcCidr() {
        String condition = defaults.variable("ssh_ingress_cidr").path("validation").get(0).path("condition").asText();

        assertThat(condition)
                .contains("cidrsubnet(format(\"%s/16\", split(\"/\", var.ssh_ingress_cidr)[0]), 0, 0) == \"10.0.0.0/16\"")
                .contains("tonumber(split(\"/\", var.ssh_ingress_cidr)[1]) >= 16");
    }

    @Test
    void noRuleOpensSshOrRdpToTheWorld() {
        for (Synthesized stack : List.of(defaults, restricted)) {
            stack.resources("aws_vpc_security_group_ingress_rule").forEach((name, rule) -> {
                int from = rule.path("from_port").asInt();
                int to = rule.path("to_port").asInt();
                boolean coversAdminPort = (from <= 22 && 22 <= to) || (from <= 3389 && 3389 <= to);
                if (coversAdminPort) {
                    assertThat(rule.path("cidr_ipv4").asText()).as(name).isNotEqualTo("0.0.0.0/0");
                    assertThat(rule.has("cidr_ipv6")).as(name).isFalse();
                }
            });
        }
    }

    @Test
    void everyRuleIsItsOwnResourceWithADescription() {
        defaults.resources("aws_security_group").forEach((name, group) -> {
            assertThat(group.has("ingress")).as("inline ingress in %s escapes terraform validate", name).isFalse();
            assertThat(group.has("egress")).as("inline egress in %s", name).isFalse();
            assertThat(group.path("description").asText()).as(name).isNotBlank();
        });
        for (String type : List.of("aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule")) {
            restricted.resources(type).forEach((name, rule) ->
                    assertThat(rule.path("description").asText()).as("%s.%s", type, name).isNotBlank());
        }
    }

    @Test
    void egressIsLimitedToNamedPortsNeverEverythingEverywhere() {
        defaults.resources("aws_vpc_security_group_egress_rule").forEach((name, rule) -> {
            assertThat(rule.path("ip_protocol").asText()).as(name).isNotEqualTo("-1");
            assertThat(rule.path("from_port").asInt()).as(name).isEqualTo(rule.path("to_port").asInt());
        });
        assertThat(defaults.resources("aws_vpc_security_group_egress_rule").keySet())
                .containsExactlyInAnyOrder("alb_to_app", "app_https_out");
    }
}
