package dev.securebaseline;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README stays true: every setting and output it must list is there, and its test command is what CI runs. */
class ReadmeTest {

    private final String readme = read("README.md");

    /** Defaults set by the environment table are checked against the README's environment table instead. */
    @Test
    void everySettingIsDocumentedWithItsDefault() {
        for (Setting setting : Setting.values()) {
            String row = readme.lines().filter(line -> line.startsWith("| `" + setting.variable() + "` |")
                            && line.chars().filter(c -> c == '|').count() == 4).findFirst()
                    .orElseThrow(() -> new AssertionError(setting.variable() + " is missing from the README settings table"));
            if (Environment.TABLE_COLUMNS.contains(setting)) {
                assertThat(row).as(setting.variable()).contains("per environment");
            } else if (!setting.defaultValue().isEmpty()) {
                assertThat(row).as(setting.variable()).contains("`" + setting.defaultValue() + "`");
            }
        }
    }

    @Test
    void everyRequiredOutputIsDocumented() {
        for (String output : VariablesAndOutputsTest.REQUIRED_OUTPUTS) {
            assertThat(readme).as(output).contains("`" + output + "`");
        }
    }

    /** The README counts the guardrail-switching actions the SCP denies: the number is the code's. */
    @Test
    void theGuardrailActionsTheReadmeCountsAreTheOnesTheScpDenies() {
        assertThat(readme).contains(OrganizationPolicies.GUARDRAIL_OFF_ACTIONS.size() + " actions in all")
                .contains("each of the " + OrganizationPolicies.GUARDRAIL_OFF_ACTIONS.size() + " guardrail-switching actions");
        for (String action : List.of("cloudtrail:StopLogging", "config:StopConfigurationRecorder", "guardduty:DeleteDetector",
                "securityhub:DisableSecurityHub", "access-analyzer:DeleteAnalyzer", "s3:PutAccountPublicAccessBlock",
                "ec2:DisableEbsEncryptionByDefault")) {
            assertThat(OrganizationPolicies.GUARDRAIL_OFF_ACTIONS).as("the README names %s", action).contains(action);
        }
    }

    @Test
    void ciRunsTheTestCommandTheReadmeGivesANewUser() {
        assertThat(readme).contains("mvn test                   # runs the whole test suite");
        assertThat(read(".ci/run")).containsPattern("(?m)^mvn test$");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
