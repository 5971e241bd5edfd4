package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.SettingsException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every layout at the longest names the settings accept: the longest project name each layout's environments allow (found by
 * asking the settings, not assumed) and 16-character account labels, the most a label may have. The schema check validates
 * every stack of them, and {@link NameLimits} measures every name in them.
 */
public final class LongestNames {

    /** A label of the most characters a label may have. */
    static final String LONGEST_LABEL = "a234567890123456";

    public static final String ONE_ACCOUNT = "one account, three environments";
    static final String ONE_ACCOUNT_WITHOUT_STAGING = "one account, dev and prod";
    static final String THREE_ACCOUNTS = "an account per environment, labelled";
    public static final String EXAMPLE_ORGANIZATION = "the example organization";
    public static final String FIFTY_WORKLOADS = "an organization of 50 workload accounts";

    private LongestNames() {
    }

    /** Each layout's settings, its project name the longest they accept. */
    public static Map<String, Map<String, String>> layouts() {
        Map<String, Map<String, String>> layouts = new LinkedHashMap<>();
        layouts.put(ONE_ACCOUNT, longestProject(Map.of()));
        layouts.put(ONE_ACCOUNT_WITHOUT_STAGING, longestProject(Map.of("BASELINE_ENVIRONMENTS", "dev,prod")));
        Map<String, String> three = new HashMap<>(Layouts.all().get(Layouts.THREE_ACCOUNTS));
        three.put("BASELINE_ACCOUNT_LABELS", "a234567890123456=" + Layouts.DEV_ACCOUNT + ",b234567890123456=" + Layouts.STAGING_ACCOUNT
                + ",c234567890123456=" + Layouts.PROD_ACCOUNT);
        layouts.put(THREE_ACCOUNTS, longestProject(three));
        // With a pipeline: its roles and the state roles (<project>-state-<label>-apply) at their longest names.
        Map<String, String> example = new HashMap<>(organization("longest-example", 0));
        example.put("BASELINE_GITHUB_REPOSITORY", Layouts.REPOSITORY);
        layouts.put(EXAMPLE_ORGANIZATION, longestProject(example));
        layouts.put(FIFTY_WORKLOADS, longestProject(organization("longest-fifty", 50)));
        return layouts;
    }

    /** Every stack of every layout, by {@code <layout>: <stack>}. */
    public static Map<String, Synthesized> stacks() {
        Map<String, Synthesized> stacks = new LinkedHashMap<>();
        layouts().forEach((layout, settings) -> Synth.app(settings).forEach((name, stack) -> stacks.put(layout + ": " + name, stack)));
        return stacks;
    }

    /**
     * The example organization (one pass), dev and prod only (staging's name would cap the project at 13),
     * its workloads relabelled at 16 characters; with {@code workloads > 0}, that many workload accounts instead of two.
     */
    private static Map<String, String> organization(String name, int workloads) {
        Map<String, String> settings = new HashMap<>(Organizations.withFile(name, file -> {
            ArrayNode list = (ArrayNode) file.path("workloads");
            if (workloads > 0) {
                list.removeAll();
                for (int i = 1; i <= workloads; i++) {
                    ObjectNode workload = list.addObject().put("label", String.format("workload-%07d", i))
                            .put("account_id", String.format("7%011d", i)).put("organizational_unit", "ou-a1b2-33333333");
                    if (i <= 2) {
                        workload.putArray("environments").add(i == 1 ? "dev" : "prod");
                    }
                }
            } else {
                ((ObjectNode) list.get(0)).put("label", LONGEST_LABEL);
                ((ObjectNode) list.get(1)).put("label", "b234567890123456");
            }
        }));
        settings.put("BASELINE_ENVIRONMENTS", "dev,prod");
        return settings;
    }

    /** The settings with the longest project name they accept. */
    private static Map<String, String> longestProject(Map<String, String> settings) {
        for (int length = 16; length >= 2; length--) {
            Map<String, String> candidate = new HashMap<>(settings);
            candidate.put("BASELINE_PROJECT", "abcdefghijklmnop".substring(0, length));
            try {
                AppSettings.fromEnvironment(candidate);
                return Map.copyOf(candidate);
            } catch (SettingsException refused) {
                // too long for one of its names: one character less
            }
        }
        throw new AssertionError("no project name is accepted with " + settings);
    }

    static List<String> layoutNames() {
        return List.copyOf(layouts().keySet());
    }
}
