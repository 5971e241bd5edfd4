package dev.securebaseline.tf;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import com.hashicorp.cdktf.TerraformStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The override writer every stack goes through: what it hands to cdktf, and when. */
class TfTest {

    private static App app;

    @BeforeAll
    static void newApp() throws Exception {
        Path outdir = Files.createTempDirectory("tf-test");
        app = new App(AppConfig.builder().outdir(outdir.toString()).build());
    }

    @Test
    void writingTheSameAddressTwiceFailsNamingIt() {
        Tf tf = new Tf(new TerraformStack(app, "twice"));
        tf.resource("aws_vpc", "main", Tf.map("cidr_block", "10.0.0.0/16"));

        assertThatThrownBy(() -> tf.resource("aws_vpc", "main", Tf.map("cidr_block", "10.1.0.0/16")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("resource.aws_vpc.main");
    }

    @Test
    void nothingReachesTheStackUntilFlushThenEveryBlockDoes() {
        TerraformStack own = new TerraformStack(app, "flush");
        Tf tf = new Tf(own);
        tf.resource("aws_vpc", "main", Tf.map("cidr_block", "10.0.0.0/16"));
        tf.resource("aws_subnet", "private_a", Tf.map("vpc_id", "${aws_vpc.main.id}"));
        tf.data("aws_region", "current", Tf.map());
        tf.setting("terraform.required_version", ">= 1.10");

        assertThat(resources(own)).isNull();

        tf.flush();

        Map<String, Object> json = asMap(own.toTerraform());
        assertThat(asMap(json.get("resource"))).containsOnlyKeys("aws_vpc", "aws_subnet");
        assertThat(asMap(asMap(json.get("resource")).get("aws_subnet"))).containsOnlyKeys("private_a");
        assertThat(asMap(json.get("data"))).containsOnlyKeys("aws_region");
        assertThat(asMap(json.get("terraform"))).containsEntry("required_version", ">= 1.10");
    }

    private static Object resources(TerraformStack s) {
        return asMap(s.toTerraform()).get("resource");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
