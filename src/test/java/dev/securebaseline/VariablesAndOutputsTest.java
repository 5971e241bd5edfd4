package dev.securebaseline;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Terraform variables operators tune at deploy time, and outputs integration tests and operators read. */
class VariablesAndOutputsTest {

    /** Every environment stack has these. */
    static final List<String> ENVIRONMENT_OUTPUTS = List.of(
            "vpc_id", "vpc_cidr", "public_subnet_ids", "private_subnet_ids", "availability_zones",
            "public_route_table_id", "private_route_table_ids", "nat_gateway_ids", "nat_public_ips",
            "alb_security_group_id", "app_security_group_id", "kms_key_arn", "kms_key_alias",
            "access_log_bucket_name", "flow_log_group_name", "alarm_topic_arn",
            "app_url", "alb_dns_name", "alb_zone_id", "alb_arn", "alb_arn_suffix", "alb_logs_bucket_name",
            "http_listener_arn", "target_group_arn", "target_group_name", "asg_name", "launch_template_id", "ami_id");

    /** The stack that carries the account baseline also has these; no other stack does. */
    static final List<String> ACCOUNT_OUTPUTS = List.of(
            "trail_arn", "trail_bucket_name", "trail_log_group_name", "audit_access_log_bucket_name", "audit_key_arn",
            "config_bucket_name", "cis_alarm_names", "guardrail_regions", "account_baseline_addresses");

    static final List<String> REQUIRED_OUTPUTS = java.util.stream.Stream.of(ENVIRONMENT_OUTPUTS, ACCOUNT_OUTPUTS,
            List.of("account_baseline_stack")).flatMap(List::stream).toList();

    private final Synthesized stack = Synth.defaults();

    @Test
    void everyVariableHasADescriptionATypeADefaultAndAValidation() {
        assertThat(stack.json().path("variable").fieldNames()).toIterable()
                .contains("alarm_email", "ssh_ingress_cidr", "log_retention_days");
        stack.json().path("variable").properties().forEach(entry -> {
            JsonNode variable = entry.getValue();
            assertThat(variable.path("description").asText()).as(entry.getKey()).isNotBlank();
            assertThat(variable.path("type").asText()).as(entry.getKey()).isIn("string", "number", "bool");
            assertThat(variable.has("default")).as(entry.getKey()).isTrue();
            assertThat(variable.path("nullable").asBoolean(true)).as(entry.getKey()).isFalse();
            assertThat(variable.path("validation")).as(entry.getKey()).isNotEmpty();
        });
    }

    @Test
    void everyOutputAnOperatorNeedsExistsWithADescription() {
        for (String name : java.util.stream.Stream.concat(ENVIRONMENT_OUTPUTS.stream(), ACCOUNT_OUTPUTS.stream()).toList()) {
            JsonNode output = stack.output(name);
            assertThat(output.path("description").asText()).as(name).isNotBlank();
            assertThat(output.path("value").toString()).as(name).isNotBlank();
        }
    }

    @Test
    void everyEnvironmentStackNamesTheStackThatCarriesItsAccountBaselineAndOnlyThatOneHasTheAccountOutputs() {
        Synth.app(Map.of()).forEach((name, stack) -> {
            if (stack.settings() == null) {
                return;
            }
            assertThat(stack.output("account_baseline_stack").path("value").asText()).as(name).isEqualTo("baseline-dev");
            for (String output : ACCOUNT_OUTPUTS) {
                assertThat(stack.json().path("output").has(output)).as("%s in %s", output, name).isEqualTo(name.equals("baseline-dev"));
            }
        });
    }

    @Test
    void theAccountBaselineAddressesOutputListsExactlyTheAccountPartOfTheStack() {
        List<String> listed = new java.util.ArrayList<>();
        stack.output("account_baseline_addresses").path("value").forEach(address -> listed.add(address.asText()));
        List<String> environmentPart = Synth.app(Map.of()).get("baseline-staging").addresses().stream()
                .map(address -> address.replace("staging", "dev")).toList();

        assertThat(listed).doesNotHaveDuplicates().contains("aws_cloudtrail.main", "aws_guardduty_detector.eu_west_1");
        assertThat(stack.addresses()).containsAll(listed);
        assertThat(listed).as("no environment resource").doesNotContainAnyElementsOf(environmentPart);
        assertThat(listed.size() + environmentPart.size()).as("every resource is in one part or the other")
                .isEqualTo(stack.addresses().size());
    }

    @Test
    void listOutputsFollowTheZones() {
        assertThat(stack.output("public_subnet_ids").path("value")).hasSize(2);
        assertThat(stack.output("private_route_table_ids").path("value")).hasSize(2);
        assertThat(stack.output("nat_gateway_ids").path("value")).hasSize(1);
        assertThat(stack.output("cis_alarm_names").path("value")).hasSize(15);
    }
}
