package dev.securebaseline.tf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import dev.securebaseline.testing.TerraformCli;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validation conditions of the Terraform variables, evaluated by Terraform itself
 * ({@code terraform console}, no provider needed) on many values at once: the edge cases here are
 * cheap, and the rehearsal's {@code expect_failures} runs show the blocks are wired to their variables.
 */
class VariableValidationTest {

    private final Synthesized stack = Synth.defaults();

    @Test
    void sshIngressAcceptsOnlyEmptyOrACidrInsideTheVpc() throws Exception {
        Map<String, Boolean> cases = new LinkedHashMap<>();
        cases.put("", true);
        cases.put("10.0.0.0/16", true);
        cases.put("10.0.1.0/24", true);
        cases.put("10.0.255.255/32", true);
        cases.put("0.0.0.0/0", false);
        cases.put("10.0.0.0/8", false);
        cases.put("10.1.0.0/24", false);
        cases.put("192.168.0.0/24", false);
        cases.put("10.0.1.7/24", false);
        cases.put("10.0.0.0/33", false);
        cases.put("bastion", false);
        cases.put("10.0.1.0", false);

        assertThat(evaluate("ssh_ingress_cidr", cases)).isEqualTo(cases);
    }

    @Test
    void alarmEmailAcceptsOnlyEmptyOrAnAddress() throws Exception {
        Map<String, Boolean> cases = new LinkedHashMap<>();
        cases.put("", true);
        cases.put("ops@acme-corp.io", true);
        cases.put("secops+alerts@mail.acme-corp.co.uk", true);
        cases.put("ops.acme-corp.io", false);
        cases.put("ops@localhost", false);
        cases.put("ops@@acme-corp.io", false);
        cases.put("ops @acme-corp.io", false);
        cases.put("@acme-corp.io", false);

        assertThat(evaluate("alarm_email", cases)).isEqualTo(cases);
    }

    @Test
    void logRetentionAcceptsOnlyCloudWatchValuesOfAYearOrMore() throws Exception {
        Map<Integer, Boolean> cases = new LinkedHashMap<>();
        for (int days : List.of(365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)) {
            cases.put(days, true);
        }
        for (int days : List.of(0, 1, 30, 180, 364, 366, 500, 3654)) {
            cases.put(days, false);
        }

        assertThat(evaluate("log_retention_days", cases)).isEqualTo(cases);
    }

    /** Each value → whether the variable's validation condition holds for it, as Terraform evaluates it. */
    private <T> Map<T, Boolean> evaluate(String variable, Map<T, Boolean> cases) throws IOException {
        JsonNode validation = stack.variable(variable).path("validation");
        assertThat(validation).as("validation blocks of %s", variable).hasSize(1);
        String condition = validation.get(0).path("condition").asText();
        String expression = condition.substring(2, condition.length() - 1);

        List<String> evaluations = new ArrayList<>();
        for (T value : cases.keySet()) {
            String literal = value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
            evaluations.add("(" + expression.replace("var." + variable, literal) + ")");
        }
        Path empty = Files.createDirectories(Path.of("target", "console"));
        TerraformCli.Result result = TerraformCli.console(empty, "jsonencode([" + String.join(", ", evaluations) + "])");
        assertThat(result.succeeded()).as("terraform console:\n%s", result.report()).isTrue();

        JsonNode verdicts = Synthesized.parseJson(Synthesized.parseJson(result.stdout().trim()).asText());
        Map<T, Boolean> outcome = new LinkedHashMap<>();
        int i = 0;
        for (T value : cases.keySet()) {
            outcome.put(value, verdicts.get(i++).asBoolean());
        }
        return outcome;
    }
}
