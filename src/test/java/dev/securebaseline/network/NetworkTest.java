package dev.securebaseline.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.securebaseline.testing.Synthesized.texts;
import static dev.securebaseline.testing.Synthesized.ref;
import static org.assertj.core.api.Assertions.assertThat;

/** Network: VPC, subnets per zone, gateways, routes, flow logs, the default security group. */
class NetworkTest {

    private final Synthesized defaults = Synth.defaults();
    private final Synthesized sixZonesNatPerZone = Synth.of(Map.of(
            "BASELINE_AZ_COUNT", "6", "BASELINE_NAT_STRATEGY", "per-az", "BASELINE_VPC_CIDR", "172.16.0.0/20"));

    @Test
    void vpcUsesTheConfiguredCidrWithDnsSupportAndHostnames() {
        JsonNode vpc = sixZonesNatPerZone.resource("aws_vpc", "main");

        assertThat(vpc.path("cidr_block").asText()).isEqualTo("172.16.0.0/20");
        assertThat(vpc.path("enable_dns_support").asBoolean()).isTrue();
        assertThat(vpc.path("enable_dns_hostnames").asBoolean()).isTrue();
        assertThat(defaults.resource("aws_vpc", "main").path("cidr_block").asText()).isEqualTo("10.0.0.0/16");
    }

    @Test
    void zonesAreLookedUpAndARegionWithTooFewOfThemIsRefused() {
        JsonNode zones = defaults.data("aws_availability_zones", "available");
        assertThat(zones.path("filter").get(0).path("values").get(0).asText()).isEqualTo("opt-in-not-required");

        JsonNode postcondition = sixZonesNatPerZone.data("aws_availability_zones", "available").path("lifecycle").path("postcondition").get(0);
        assertThat(postcondition.path("condition").asText()).isEqualTo("${length(self.names) >= 6}");
    }

    @Test
    void eachZoneGetsOnePublicAndOnePrivateSubnetWithDerivedCidrs() {
        assertThat(defaults.resources("aws_subnet").keySet())
                .containsExactlyInAnyOrder("public_a", "public_b", "private_a", "private_b");
        assertThat(sixZonesNatPerZone.resources("aws_subnet")).hasSize(12);

        List<String> letters = List.of("a", "b", "c", "d", "e", "f");
        for (int zone = 0; zone < 6; zone++) {
            JsonNode publicSubnet = sixZonesNatPerZone.resource("aws_subnet", "public_" + letters.get(zone));
            JsonNode privateSubnet = sixZonesNatPerZone.resource("aws_subnet", "private_" + letters.get(zone));
            String zoneName = "${data.aws_availability_zones.available.names[" + zone + "]}";

            assertThat(publicSubnet.path("cidr_block").asText()).isEqualTo("${cidrsubnet(aws_vpc.main.cidr_block, 4, " + zone + ")}");
            assertThat(privateSubnet.path("cidr_block").asText()).isEqualTo("${cidrsubnet(aws_vpc.main.cidr_block, 4, " + (8 + zone) + ")}");
            assertThat(publicSubnet.path("availability_zone").asText()).isEqualTo(zoneName);
            assertThat(privateSubnet.path("availability_zone").asText()).isEqualTo(zoneName);
            assertThat(publicSubnet.path("vpc_id").asText()).isEqualTo(ref("aws_vpc.main", "id"));
        }
    }

    @Test
    void noSubnetAssignsPublicIpsOnLaunch() {
        assertThat(sixZonesNatPerZone.resources("aws_subnet").values())
                .allSatisfy(subnet -> assertThat(subnet.path("map_public_ip_on_launch").asBoolean(true)).isFalse());
    }

    @Test
    void publicSubnetsRouteToTheInternetGateway() {
        JsonNode route = defaults.resource("aws_route", "public_internet");

        assertThat(route.path("route_table_id").asText()).isEqualTo(ref("aws_route_table.public", "id"));
        assertThat(route.path("destination_cidr_block").asText()).isEqualTo("0.0.0.0/0");
        assertThat(route.path("gateway_id").asText()).isEqualTo(ref("aws_internet_gateway.main", "id"));
        for (String zone : List.of("a", "b")) {
            assertThat(defaults.resource("aws_route_table_association", "public_" + zone).path("route_table_id").asText())
                    .isEqualTo(ref("aws_route_table.public", "id"));
        }
    }

    @Test
    void singleNatStrategySharesOneGatewayAcrossAllPrivateRouteTables() {
        assertThat(defaults.resources("aws_nat_gateway").keySet()).containsExactly("nat_a");
        assertThat(defaults.resources("aws_eip").keySet()).containsExactly("nat_a");
        assertThat(defaults.resource("aws_nat_gateway", "nat_a").path("subnet_id").asText()).isEqualTo(ref("aws_subnet.public_a", "id"));
        for (String zone : List.of("a", "b")) {
            assertThat(defaults.resource("aws_route", "private_" + zone + "_nat").path("nat_gateway_id").asText())
                    .isEqualTo(ref("aws_nat_gateway.nat_a", "id"));
            assertThat(defaults.resource("aws_route_table_association", "private_" + zone).path("route_table_id").asText())
                    .isEqualTo(ref("aws_route_table.private_" + zone, "id"));
        }
    }

    @Test
    void natPerZoneStrategyGivesEachZoneItsOwnGatewayInItsOwnPublicSubnet() {
        assertThat(sixZonesNatPerZone.resources("aws_nat_gateway")).hasSize(6);
        for (String zone : List.of("a", "b", "c", "d", "e", "f")) {
            JsonNode nat = sixZonesNatPerZone.resource("aws_nat_gateway", "nat_" + zone);
            assertThat(nat.path("subnet_id").asText()).isEqualTo(ref("aws_subnet.public_" + zone, "id"));
            assertThat(nat.path("allocation_id").asText()).isEqualTo(ref("aws_eip.nat_" + zone, "id"));
            assertThat(sixZonesNatPerZone.resource("aws_route", "private_" + zone + "_nat").path("nat_gateway_id").asText())
                    .isEqualTo(ref("aws_nat_gateway.nat_" + zone, "id"));
        }
        assertThat(sixZonesNatPerZone.resource("aws_eip", "nat_a").path("domain").asText()).isEqualTo("vpc");
    }

    @Test
    void flowLogsCaptureAllTrafficIntoAnEncryptedLogGroupKeptAtLeastAYear() {
        JsonNode flowLog = defaults.resource("aws_flow_log", "main");
        JsonNode logGroup = defaults.resource("aws_cloudwatch_log_group", "flow_logs");

        assertThat(flowLog.path("vpc_id").asText()).isEqualTo(ref("aws_vpc.main", "id"));
        assertThat(flowLog.path("traffic_type").asText()).isEqualTo("ALL");
        assertThat(flowLog.path("log_destination_type").asText()).isEqualTo("cloud-watch-logs");
        assertThat(flowLog.path("log_destination").asText()).isEqualTo(ref("aws_cloudwatch_log_group.flow_logs", "arn"));
        assertThat(flowLog.path("iam_role_arn").asText()).isEqualTo(ref("aws_iam_role.flow_logs", "arn"));
        assertThat(logGroup.path("kms_key_id").asText()).isEqualTo(ref("aws_kms_key.main", "arn"));
        assertThat(logGroup.path("retention_in_days").asText()).isEqualTo("${var.log_retention_days}");
        assertThat(defaults.variable("log_retention_days").path("default").asInt()).isEqualTo(365);
    }

    @Test
    void flowLogRoleCanOnlyWriteToItsOwnLogGroupAndOnlyBeAssumedForThisAccount() {
        JsonNode trust = defaults.policy("aws_iam_role", "flow_logs", "assume_role_policy").path("Statement").get(0);
        assertThat(trust.path("Principal").path("Service").asText()).isEqualTo("vpc-flow-logs.amazonaws.com");
        assertThat(trust.path("Condition").path("StringEquals").path("aws:SourceAccount").asText())
                .isEqualTo("${data.aws_caller_identity.current.account_id}");

        JsonNode permissions = defaults.policy("aws_iam_role_policy", "flow_logs", "policy");
        for (JsonNode statement : permissions.path("Statement")) {
            assertThat(statement.path("Action").toString()).doesNotContain("logs:*").doesNotContain("DeleteLogGroup");
            if (statement.path("Resource").asText().equals("*")) {
                // IAM's reference: DescribeLogGroups takes no resource-level permission.
                assertThat(texts(statement.path("Action"))).as("the only action on every resource").containsExactly("logs:DescribeLogGroups");
                continue;
            }
            assertThat(statement.path("Resource").toString())
                    .as("flow-log permissions are scoped to the flow-log group")
                    .contains("aws_cloudwatch_log_group.flow_logs.arn");
        }
    }

    @Test
    void theDefaultSecurityGroupIsManagedWithNoRules() {
        JsonNode defaultGroup = defaults.resource("aws_default_security_group", "main");

        assertThat(defaultGroup.path("vpc_id").asText()).isEqualTo(ref("aws_vpc.main", "id"));
        assertThat(defaultGroup.has("ingress")).isFalse();
        assertThat(defaultGroup.has("egress")).isFalse();
    }
}
