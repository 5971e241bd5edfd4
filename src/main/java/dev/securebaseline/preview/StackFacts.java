package dev.securebaseline.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one synthesized stack holds, read back from its {@code cdk.tf.json}: the preview describes what was
 * written, never what the settings meant to write.
 *
 * @param name     the stack
 * @param json     its synthesized JSON
 * @param account  the account its default provider is pinned to ({@code allowed_account_ids}), if any
 * @param regions  the regions of its providers, the default provider's first
 * @param countsByType       resource type → count, sorted by type
 * @param protectedAddresses addresses ({@code type.name}) that keep {@code prevent_destroy}, sorted
 */
record StackFacts(String name, JsonNode json, Optional<String> account, List<String> regions, Map<String, Integer> countsByType,
                  List<String> protectedAddresses) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static StackFacts read(Path outdir, String stack) {
        try {
            JsonNode json = JSON.readTree(outdir.resolve("stacks").resolve(stack).resolve("cdk.tf.json").toFile());
            List<String> regions = new ArrayList<>(new LinkedHashSet<>(json.path("provider").path("aws").findValuesAsText("region")));
            JsonNode pinned = json.path("provider").path("aws").path(0).path("allowed_account_ids").path(0);
            Map<String, Integer> counts = new TreeMap<>();
            List<String> guarded = new ArrayList<>();
            json.path("resource").fields().forEachRemaining(type -> {
                counts.put(type.getKey(), type.getValue().size());
                type.getValue().fields().forEachRemaining(resource -> {
                    if (resource.getValue().path("lifecycle").path("prevent_destroy").asBoolean(false)) {
                        guarded.add(type.getKey() + "." + resource.getKey());
                    }
                });
            });
            return new StackFacts(stack, json, pinned.isTextual() ? Optional.of(pinned.asText()) : Optional.empty(), List.copyOf(regions),
                    java.util.Collections.unmodifiableMap(counts), guarded.stream().sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "us-east-1", or "17 regions (home us-east-1)". */
    String regionsText() {
        return regions.size() == 1 ? regions.get(0) : regions.size() + " regions (home " + regions.get(0) + ")";
    }

    /** Resources of one type, by name. */
    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        json.path("resource").path(type).fields().forEachRemaining(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    int resourceCount() {
        return countsByType().values().stream().mapToInt(Integer::intValue).sum();
    }

    int dataSourceCount() {
        int[] count = {0};
        json.path("data").fields().forEachRemaining(e -> count[0] += e.getValue().size());
        return count[0];
    }

    /** Concern → count, in the concerns' order; concerns with no resource left out. */
    Map<Concern, Integer> countsByConcern() {
        Map<Concern, Integer> counts = new EnumMap<>(Concern.class);
        countsByType().forEach((type, n) -> counts.merge(Concern.of(type), n, Integer::sum));
        return counts;
    }

    /**
     * Region → resources written through that region's aliased provider ({@code aws.eu_west_1}): the
     * per-region guardrails. Empty for a stack with one provider.
     */
    Map<String, Integer> countsByAliasedRegion() {
        Map<String, String> aliasRegion = new LinkedHashMap<>();
        json.path("provider").path("aws").forEach(p -> {
            if (p.path("alias").isTextual()) {
                aliasRegion.put("aws." + p.path("alias").asText(), p.path("region").asText());
            }
        });
        Map<String, Integer> counts = new LinkedHashMap<>();
        aliasRegion.values().forEach(region -> counts.put(region, 0));
        json.path("resource").forEach(byName -> byName.forEach(resource -> {
            String region = aliasRegion.get(resource.path("provider").asText());
            if (region != null) {
                counts.merge(region, 1, Integer::sum);
            }
        }));
        counts.values().removeIf(n -> n == 0);
        return counts;
    }

}
