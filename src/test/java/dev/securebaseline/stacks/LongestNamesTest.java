package dev.securebaseline.stacks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.securebaseline.testing.LongestNames;
import dev.securebaseline.testing.NameLimits;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every layout at the longest names its settings accept ({@link LongestNames}): every name of every stack within AWS's limit
 * ({@link NameLimits}), independently of {@code terraform validate}, which also validates them all ({@link SchemaValidationTest}).
 */
public class LongestNamesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.LongestNames#layoutNames")
    void everyNameOfEveryStackIsWithinAwsLimitsAtTheLongestAcceptedSettings(String layout) {
        Map<String, String> settings = LongestNames.layouts().get(layout);
        Map<String, Synthesized> app = Synth.app(settings);

        assertThat(app).isNotEmpty();
        app.forEach((name, stack) -> assertThat(NameLimits.violations(stack)).as("%s: %s", layout, name).isEmpty());
    }

    @Test
    void theLongestProjectNamesAreTheMostTheSettingsAccept() {
        assertThat(LongestNames.layouts().get(LongestNames.ONE_ACCOUNT)).containsEntry("BASELINE_PROJECT", "abcdefghijklm");
        assertThat(LongestNames.layouts().get(LongestNames.FIFTY_WORKLOADS)).containsEntry("BASELINE_PROJECT", "abcdefghijklmnop");
        assertThat(Synth.app(LongestNames.layouts().get(LongestNames.FIFTY_WORKLOADS)).keySet())
                .as("bootstrap, org, log archive, security; management, log-archive and security accounts; 50 workloads; dev and prod")
                .contains("abcdefghijklmnop-account-workload-0000050").hasSize(4 + 3 + 50 + 2);
    }

    @Test
    void aNameOverItsLimitAndANameWithoutAKnownLimitAreCaught() {
        Synthesized security = Synth.app(LongestNames.layouts().get(LongestNames.EXAMPLE_ORGANIZATION)).get("abcdefghijklmnop-security");
        Synthesized broken = security.broken(json -> {
            ((ObjectNode) json.path("resource").path("aws_iam_role").path("config_aggregator"))
                    .put("name_prefix", "abcdefghijklmnop-security-config-aggregator-");
            ((ObjectNode) json.path("resource").path("aws_iam_role").path("config_aggregator")).put("path_name", "x");
        });

        assertThat(NameLimits.violations(broken))
                .containsExactlyInAnyOrder("aws_iam_role.config_aggregator.name_prefix = \"abcdefghijklmnop-security-config-aggregator-\": "
                                + "44 characters, AWS takes 38",
                        "aws_iam_role.config_aggregator.path_name: no limit is known for aws_iam_role.path_name; add AWS's to NameLimits");
    }

    @Test
    void aSubstringCountsItsLengthAndAReferenceCountsNothing() {
        assertThat(NameLimits.measured("baseline-dev-tg-${substr(md5(join(\"/\", [aws_vpc.main.id, \"8080\"])), 0, 6)}")).isEqualTo(22);
        assertThat(NameLimits.measured("${aws_config_configuration_recorder.us_east_1.name}")).isZero();
    }
}
