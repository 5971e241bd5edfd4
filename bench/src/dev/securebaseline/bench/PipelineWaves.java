package dev.securebaseline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the workflow a cdktf.out folder holds ({@code github/baseline.yml}) and prints its apply jobs and a model of a
 * merge's wall time: the jobs of a wave run side by side (an approved job after its reviewer, not counted), each wave as long
 * as its slowest stack, at most {@code runners} matrix jobs at a time; against applying the same stacks one by one. The
 * per-stack apply times are assumptions, stated in the output, not measurements.
 *
 * <pre>java PipelineWaves &lt;outdir&gt; [runners] [minutes per org stack] [per account stack] [per environment]</pre>
 */
public final class PipelineWaves {

    private PipelineWaves() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode jobs = new YAMLMapper().readTree(Path.of(args[0], "github", "baseline.yml").toFile()).path("jobs");
        int runners = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        double org = args.length > 2 ? Double.parseDouble(args[2]) : 4;
        double account = args.length > 3 ? Double.parseDouble(args[3]) : 8;
        double environment = args.length > 4 ? Double.parseDouble(args[4]) : 12;
        Map<Integer, Double> slowest = new LinkedHashMap<>();
        Map<Integer, Integer> width = new LinkedHashMap<>();
        double oneByOne = 0;
        int applyJobs = 0;
        for (var job : (Iterable<Map.Entry<String, JsonNode>>) jobs::fields) {
            if (!job.getKey().startsWith("apply-wave-")) {
                continue;
            }
            applyJobs++;
            int wave = Integer.parseInt(job.getKey().replaceAll("apply-wave-(\\d+).*", "$1"));
            for (JsonNode entry : job.getValue().path("strategy").path("matrix").path("include")) {
                String stack = entry.path("stack").asText();
                double minutes = stack.contains("-account-") ? account
                        : stack.matches(".*-(org|log-archive|security)$") ? org : environment;
                oneByOne += minutes;
                slowest.merge(wave, minutes, Math::max);
                width.merge(wave, 1, Integer::sum);
            }
        }
        double wall = 0;
        for (int wave : slowest.keySet()) {
            wall += Math.ceil(width.get(wave) / (double) runners) * slowest.get(wave);
        }
        int stacks = width.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("%d stacks in %d apply jobs over %d waves (widest %d); model (%d runners; %.0f min an org stack, %.0f an "
                        + "account stack, %.0f an environment): a merge applies in %.0f min, one by one %.0f min%n", stacks, applyJobs,
                slowest.size(), width.values().stream().mapToInt(Integer::intValue).max().orElse(0), runners, org, account, environment,
                wall, oneByOne);
    }
}
