package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.securebaseline.settings.Setting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The example organization ({@code examples/organization.json}: management, log archive,
 * security, two workloads, three environments, two guardrail regions), in its two passes: before the log
 * archive is deployed, and after its outputs are pasted into the file, as a user does, here from the
 * first pass's log-archive stack as AWS would name its buckets and keys.
 */
public final class Organizations {

    public static final Path EXAMPLE = Path.of("examples", "organization.json").toAbsolutePath();
    private static final Path WORK = Path.of("target", "organization").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Organizations() {
    }

    /**
     * The example file as it is: one pass, the organization trail and the members' Config reading where to deliver from the
     * log archive's state.
     */
    public static Map<String, String> example() {
        return Map.of(Setting.ORGANIZATION_FILE.variable(), EXAMPLE.toString());
    }

    /** The example adopting archive buckets: the file names them ({@code log_archive_outputs}), here as the log archive names its own. */
    public static Map<String, String> adoptingArchiveBuckets() {
        return withFile("adopting-archive-buckets", file -> file.set("log_archive_outputs", logArchiveOutputs()));
    }

    /** The example file changed by {@code edit}, written under target/organization. */
    public static Map<String, String> withFile(String name, Consumer<ObjectNode> edit) {
        try {
            ObjectNode file = (ObjectNode) JSON.readTree(EXAMPLE.toFile());
            edit.accept(file);
            Path path = fileOf(name);
            Files.writeString(path, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(file));
            return Map.of(Setting.ORGANIZATION_FILE.variable(), path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where {@link #withFile} writes the file of that name; its folder exists, so a test may write it itself. */
    public static Path fileOf(String name) {
        try {
            return Files.createDirectories(WORK).resolve(name + ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the example's log-archive stack outputs, as AWS would name its buckets and keys. */
    public static ObjectNode logArchiveOutputs() {
        return logArchiveOutputs(example());
    }

    /**
     * What the log-archive stack these settings synthesize outputs once deployed: each of its four destination outputs, resolved
     * as AWS would name what it references ({@link TerraformModel}).
     */
    public static ObjectNode logArchiveOutputs(Map<String, String> settings) {
        Synthesized logArchive = Synth.app(settings).get("baseline-log-archive");
        TerraformModel model = new TerraformModel(logArchive);
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String output : List.of("trail_bucket", "trail_key_arn", "config_bucket", "config_key_arn")) {
            outputs.put(output, model.resolve(logArchive.json().path("output").path(output).path("value").asText()));
        }
        return JSON.valueToTree(outputs);
    }

    /**
     * The example, deployed from a GitHub pipeline: a pipeline stack in every account (with the break-glass role, which the
     * file asks the pipeline stacks to create), state roles beside the state.
     */
    public static Map<String, String> withPipeline() {
        Map<String, String> settings = new LinkedHashMap<>(withFile("with-pipeline", file -> {
            file.put("create_break_glass_role", true);
        }));
        settings.put(Setting.GITHUB_REPOSITORY.variable(), Layouts.REPOSITORY);
        return settings;
    }

    public static Map<String, Synthesized> withPipelineApp() {
        return Synth.app(withPipeline());
    }

    public static Map<String, Synthesized> exampleApp() {
        return Synth.app(example());
    }

    public static Map<String, Synthesized> adoptingArchiveBucketsApp() {
        return Synth.app(adoptingArchiveBuckets());
    }
}
