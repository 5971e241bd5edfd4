package dev.securebaseline;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Terraform variables operators tune at deploy time, and outputs integration tests and operators read. */
class VariablesAndOutputsTest {

    static final List<String> REQUIRED_OUTPUTS = List.of(
            "vpc_id", "vpc_cidr", "public_subnet_ids", "private_subnet_ids", "availability_zones",
            "public_route_table_id", "private_route_table_ids", "nat_gateway_ids", "nat_public_ips",
            "alb_security_group_id", "app_security_group_id", "kms_key_arn", "kms_key_alias",
            "trail_bucket_name", "access_log_bucket_name", "trail_arn", "trail_log_group_name",
            "flow_log_group_name", "alarm_topic_arn", "cis_alarm_names",
            "app_url", "alb_dns_name", "alb_zone_id", "alb_arn", "alb_arn_suffix", "alb_logs_bucket_name",
            "http_listener_arn", "target_group_arn", "target_group_name", "asg_name", "launch_template_id", "ami_id");

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
        for (String name : REQUIRED_OUTPUTS) {
            JsonNode output = stack.output(name);
            assertThat(output.path("description").asText()).as(name).isNotBlank();
            assertThat(output.path("value").toString()).as(name).contains("${");
        }
    }

    @Test
    void listOutputsFollowTheZones() {
        assertThat(stack.output("public_subnet_ids").path("value")).hasSize(2);
        assertThat(stack.output("private_route_table_ids").path("value")).hasSize(2);
        assertThat(stack.output("nat_gateway_ids").path("value")).hasSize(1);
        assertThat(stack.output("cis_alarm_names").path("value")).hasSize(15);
    }
}
