package dev.securebaseline.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the synth finds the state bucket when nobody names it: the bootstrap's own state, and only a name the bootstrap gives. */
class BootstrapStateTest {

    private static final String BUCKET = "baseline-tfstate-20261207101500123400000009";

    private static String state(String outputs) {
        return "{\"version\": 4, \"terraform_version\": \"1.11.4\", \"outputs\": {" + outputs + "}, \"resources\": []}";
    }

    @Test
    void theBootstrapsStateNamesTheBucketWhenTheSettingIsNotGiven(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("terraform.baseline-bootstrap.tfstate"), state("\"state_bucket\": {\"value\": \"" + BUCKET + "\"}"));

        assertThat(BootstrapState.withStateBucket(Map.of(), folder)).containsEntry("BASELINE_STATE_BUCKET", BUCKET);
        assertThat(BootstrapState.withStateBucket(Map.of("BASELINE_STATE_BUCKET", "baseline-tfstate-given"), folder))
                .as("the setting wins").containsEntry("BASELINE_STATE_BUCKET", "baseline-tfstate-given");
    }

    @Test
    void theProjectNamesTheFileAndTheBucketsPrefix(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("terraform.shop-bootstrap.tfstate"), state("\"state_bucket\": {\"value\": \"shop-tfstate-2026\"}"));
        Files.writeString(folder.resolve("terraform.baseline-bootstrap.tfstate"), state("\"state_bucket\": {\"value\": \"" + BUCKET + "\"}"));

        assertThat(BootstrapState.withStateBucket(Map.of("BASELINE_PROJECT", "shop"), folder)).containsEntry("BASELINE_STATE_BUCKET", "shop-tfstate-2026");
        assertThatThrownBy(() -> BootstrapState.withStateBucket(Map.of("BASELINE_PROJECT", "shop"),
                Files.writeString(folder.resolve("terraform.shop-bootstrap.tfstate"), state("\"state_bucket\": {\"value\": \"" + BUCKET + "\"}"))
                        .getParent()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("its state_bucket output is \"" + BUCKET + "\"").hasMessageContaining("Accepted: shop-tfstate-<suffix>");
    }

    @Test
    void noStateOrABootstrapNotDeployedNamesNothing(@TempDir Path folder) throws Exception {
        assertThat(BootstrapState.withStateBucket(Map.of(), folder)).doesNotContainKey("BASELINE_STATE_BUCKET");
        Files.writeString(folder.resolve("terraform.baseline-bootstrap.tfstate"), state(""));
        assertThat(BootstrapState.withStateBucket(Map.of(), folder)).as("destroyed: no outputs").doesNotContainKey("BASELINE_STATE_BUCKET");
    }

    @Test
    void aFileThatIsNotAStateIsRefusedNamingIt(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("terraform.baseline-bootstrap.tfstate"), "not json");

        assertThatThrownBy(() -> BootstrapState.withStateBucket(Map.of(), folder)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("terraform.baseline-bootstrap.tfstate is not accepted: it is not a Terraform state");
    }
}
