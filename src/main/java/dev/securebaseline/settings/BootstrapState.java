package dev.securebaseline.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The state bucket's name, read from the bootstrap's own local state, so that nobody copies it from the bootstrap's output
 * into a setting: cdktf keeps that state in the working folder ({@code terraform.<project>-bootstrap.tfstate}, the bootstrap
 * stack's local backend). {@code BASELINE_STATE_BUCKET}, when given, wins (CI has no such file). Only a name the bootstrap
 * gives its bucket ({@code <project>-tfstate-…}) is taken: a state of another project or a hand-edited one is refused, naming
 * the file.
 */
public final class BootstrapState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BootstrapState() {
    }

    /** Where cdktf keeps the bootstrap's state, relative to the working folder. */
    public static Path file(Path workingFolder, String project) {
        return workingFolder.resolve("terraform." + project + "-bootstrap.tfstate");
    }

    /**
     * {@code variables}, with {@code BASELINE_STATE_BUCKET} from the bootstrap's state when it is not set and that state names
     * the bucket; unchanged otherwise.
     */
    public static Map<String, String> withStateBucket(Map<String, String> variables, Path workingFolder) {
        if (variables.containsKey(Setting.STATE_BUCKET.variable())) {
            return variables;
        }
        String project = variables.getOrDefault(Setting.PROJECT.variable(), Setting.PROJECT.defaultValue());
        return stateBucket(file(workingFolder, project), project).map(bucket -> {
            Map<String, String> with = new LinkedHashMap<>(variables);
            with.put(Setting.STATE_BUCKET.variable(), bucket);
            return with;
        }).orElse(variables);
    }

    /** The {@code state_bucket} output of the bootstrap's state at {@code file}, if the file exists and the bootstrap has one. */
    static Optional<String> stateBucket(Path file, String project) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode state;
        try {
            state = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new SettingsException(List.of(file + " is not accepted: it is not a Terraform state (" + e.getMessage().lines().findFirst()
                    .orElse("") + "). Accepted: the bootstrap's own state, which cdktf writes there, or no file and "
                    + Setting.STATE_BUCKET.variable() + " set."));
        }
        JsonNode bucket = state.path("outputs").path("state_bucket").path("value");
        if (bucket.isMissingNode()) {
            // Not deployed yet, or destroyed: no bucket to name.
            return Optional.empty();
        }
        String prefix = Pipeline.STATE_BUCKET_PREFIX.apply(project);
        Pattern own = Pattern.compile(Pattern.quote(prefix) + "[a-z0-9-]+");
        if (!bucket.isTextual() || !own.matcher(bucket.asText()).matches()) {
            throw new SettingsException(List.of(file + " is not accepted: its state_bucket output is " + bucket + ", which is not a name the "
                    + project + "-bootstrap stack gives its bucket. Accepted: " + prefix + "<suffix> (the bootstrap of this project "
                    + "and folder), or " + Setting.STATE_BUCKET.variable() + " set to the bucket."));
        }
        return Optional.of(bucket.asText());
    }
}
