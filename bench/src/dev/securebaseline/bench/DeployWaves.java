package dev.securebaseline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the deploy graph a cdktf.out folder declares ({@code manifest.json}, each stack's {@code dependencies}) and prints
 * its shape: stacks, waves (a stack's wave is one after the latest of its dependencies), the widest wave and the critical
 * path, the longest chain of stacks that must deploy one after another.
 */
public final class DeployWaves {

    private DeployWaves() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode stacks = new ObjectMapper().readTree(Path.of(args[0], "manifest.json").toFile()).path("stacks");
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        stacks.fields().forEachRemaining(e -> {
            List<String> after = new ArrayList<>();
            e.getValue().path("dependencies").forEach(d -> after.add(d.asText()));
            dependencies.put(e.getKey(), after);
        });
        Map<String, Integer> wave = new LinkedHashMap<>();
        Map<String, String> via = new LinkedHashMap<>();
        dependencies.keySet().forEach(stack -> waveOf(stack, dependencies, wave, via));
        int waves = Collections.max(wave.values());
        Map<Integer, Integer> widths = new LinkedHashMap<>();
        wave.values().forEach(w -> widths.merge(w, 1, Integer::sum));
        String last = wave.entrySet().stream().filter(e -> e.getValue() == waves).findFirst().orElseThrow().getKey();
        List<String> path = new ArrayList<>();
        for (String stack = last; stack != null; stack = via.get(stack)) {
            path.add(0, stack);
        }
        System.out.println(dependencies.size() + " stacks in " + waves + " waves (the widest " + Collections.max(widths.values())
                + " stacks); critical path " + String.join(" → ", path));
    }

    private static int waveOf(String stack, Map<String, List<String>> dependencies, Map<String, Integer> wave, Map<String, String> via) {
        Integer known = wave.get(stack);
        if (known != null) {
            return known;
        }
        int mine = 1;
        for (String dependency : dependencies.get(stack)) {
            int theirs = waveOf(dependency, dependencies, wave, via) + 1;
            if (theirs > mine) {
                mine = theirs;
                via.put(stack, dependency);
            }
        }
        wave.put(stack, mine);
        return mine;
    }
}
