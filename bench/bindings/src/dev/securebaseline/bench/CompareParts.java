package dev.securebaseline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import com.hashicorp.cdktf.TerraformStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Checks that the two versions of the benchmark's part describe the same infrastructure: the same
 * resource and data-source types, each the same number of times, under the same names. Exits 1 if not.
 *
 * <p>Usage: {@code CompareParts <work dir>}.
 */
public final class CompareParts {

    private CompareParts() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        Map<String, Integer> raw = inventory(synthesize(work.resolve("raw"), RawPart::new));
        Map<String, Integer> bindings = inventory(synthesize(work.resolve("bindings"), BindingsPart::new));
        int resources = raw.entrySet().stream()
                .filter(e -> e.getKey().startsWith("resource ") && e.getKey().chars().filter(c -> c == ' ').count() == 1)
                .mapToInt(Map.Entry::getValue).sum();
        System.out.println("| block | raw overrides | generated bindings |");
        System.out.println("|---|---|---|");
        TreeMap<String, Integer> all = new TreeMap<>(raw);
        bindings.forEach(all::putIfAbsent);
        all.keySet().stream().filter(key -> key.chars().filter(c -> c == ' ').count() == 1)
                .forEach(type -> System.out.printf("| %s | %s | %s |%n", type, raw.getOrDefault(type, 0), bindings.getOrDefault(type, 0)));
        if (!raw.equals(bindings)) {
            System.out.println("\nThe two versions differ: the comparison would not be fair.");
            System.exit(1);
        }
        System.out.printf("%nSame %d resources in both versions (types, counts and names).%n", resources);
    }

    private static JsonNode synthesize(Path outdir, BiFunction<App, String, TerraformStack> part) throws IOException {
        Files.createDirectories(outdir);
        App app = new App(AppConfig.builder().outdir(outdir.toString()).build());
        part.apply(app, "part");
        app.synth();
        return new ObjectMapper().readTree(outdir.resolve("stacks/part/cdk.tf.json").toFile());
    }

    /** "resource aws_vpc" → how many; names are compared too, as "resource aws_vpc main". */
    private static Map<String, Integer> inventory(JsonNode stack) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String kind : new String[]{"resource", "data"}) {
            stack.path(kind).fields().forEachRemaining(type -> {
                counts.put(kind + " " + type.getKey(), type.getValue().size());
                type.getValue().fieldNames().forEachRemaining(name -> counts.put(kind + " " + type.getKey() + " " + name, 1));
            });
        }
        return counts;
    }
}
