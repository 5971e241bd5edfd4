package dev.securebaseline.tf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Terraform variables operators tune at deploy time, and outputs integration tests and operators read. */
public class VariablesAndOutputsTest {

    /** Every environment stack has these. */
    static final List<String> ENVIRONMENT_OUTPUTS = List.of(
            "vpc_id", "vpc_cidr", "public_subnet_ids", "private_subnet_ids", "availability_zones",
            "public_route_table_id", "private_route_table_ids", "nat_gateway_ids", "nat_public_ips",
            "alb_security_group_id", "app_security_group_id", "kms_key_arn", "kms_key_alias",
            "access_log_bucket_name", "flow_log_group_name", "alarm_topic_arn",
            "app_url", "alb_dns_name", "alb_zone_id", "alb_arn", "alb_arn_suffix", "alb_logs_bucket_name",
            "http_listener_arn", "target_group_arn", "target_group_name", "asg_name", "launch_template_id", "ami_id");

    /** Every account stack has these; no environment stack does. */
    static final List<String> ACCOUNT_OUTPUTS = List.of(
            "trail_arn", "trail_bucket_name", "trail_log_group_name", "audit_access_log_bucket_name", "audit_key_arn",
            "config_bucket_name", "security_alarm_topic_arn", "cis_alarm_names", "guardrail_regions",
            "state_moves_from_the_environment_stack", "state_removals_from_the_environment_stack");

    public static final List<String> REQUIRED_OUTPUTS = java.util.stream.Stream.of(ENVIRONMENT_OUTPUTS, ACCOUNT_OUTPUTS,
            List.of("account_stack")).flatMap(List::stream).toList();

    private final Synthesized stack = Synth.defaults();
    private final Synthesized account = Synth.accountDefaults();

    @Test
    void everyVariableHasADescriptionATypeADefaultAndAValidation() {
        assertThat(stack.json().path("variable").fieldNames()).toIterable()
                .contains("alarm_email", "ssh_ingress_cidr", "log_retention_days");
        assertThat(account.json().path("variable").fieldNames()).toIterable().containsExactlyInAnyOrder("alarm_email", "log_retention_days");
        java.util.stream.Stream.concat(stack.json().path("variable").properties().stream(),
                account.json().path("variable").properties().stream()).forEach(entry -> {
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
        for (String name : ENVIRONMENT_OUTPUTS) {
            JsonNode output = stack.output(name);
            assertThat(output.path("description").asText()).as(name).isNotBlank();
            assertThat(output.path("value").toString()).as(name).isNotBlank();
        }
        for (String name : ACCOUNT_OUTPUTS) {
            JsonNode output = account.output(name);
            assertThat(output.path("description").asText()).as(name).isNotBlank();
            assertThat(output.path("value").toString()).as(name).isNotBlank();
        }
    }

    @Test
    void everyEnvironmentStackNamesItsAccountStackAndOnlyAccountStacksHaveTheAccountOutputs() {
        Layouts.all().keySet().forEach(layout -> Layouts.app(layout).forEach((name, stack) -> {
            if (stack.account() == null) {
                return;
            }
            boolean isAccountStack = stack.settings() == null;
            if (!isAccountStack) {
                assertThat(stack.output("account_stack").path("value").asText()).as("%s: %s", layout, name)
                        .isEqualTo(stack.account().stackName("baseline"))
                        .isIn(Layouts.app(layout).keySet());
            }
            for (String output : ACCOUNT_OUTPUTS) {
                assertThat(stack.json().path("output").has(output)).as("%s in %s: %s", output, layout, name).isEqualTo(isAccountStack);
            }
        }));
    }

    @Test
    void listOutputsFollowTheZones() {
        assertThat(stack.output("public_subnet_ids").path("value")).hasSize(2);
        assertThat(stack.output("private_route_table_ids").path("value")).hasSize(2);
        assertThat(stack.output("nat_gateway_ids").path("value")).hasSize(1);
        assertThat(account.output("cis_alarm_names").path("value")).hasSize(15);
        assertThat(account.output("guardrail_regions").path("value")).hasSize(17);
    }
}
