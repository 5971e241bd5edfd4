package dev.securebaseline;

import dev.securebaseline.stacks.SchemaValidationTest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The supported configurations every policy test runs against, by name: environment stacks, HTTP and HTTPS,
 * NAT shared and per zone, WAF blocking and counting; their account stacks guard seventeen regions, or two.
 */
public final class Configurations {

    private Configurations() {
    }

    public static final String HTTP_SINGLE_NAT = "HTTP, single NAT (defaults)";
    static final String HTTP_NAT_PER_ZONE = "HTTP, NAT per zone, WAF in count mode";
    static final String HTTPS_SINGLE_NAT = "HTTPS, single NAT";
    public static final String HTTPS_NAT_PER_ZONE = "HTTPS, NAT per zone, production";

    private static final Map<String, Map<String, String>> ALL = new LinkedHashMap<>();

    static {
        ALL.put(HTTP_SINGLE_NAT, Map.of());
        ALL.put(HTTP_NAT_PER_ZONE, Map.of("BASELINE_AZ_COUNT", "3", "BASELINE_NAT_STRATEGY", "per-az",
                "BASELINE_ENABLE_WAF", "true", "BASELINE_WAF_COUNT_MODE", "true"));
        ALL.put(HTTPS_SINGLE_NAT, Map.of(
                "BASELINE_ENABLE_HTTPS", "true",
                "BASELINE_DOMAIN_NAME", "shop.acme-corp.io",
                "BASELINE_HOSTED_ZONE_NAME", "acme-corp.io"));
        ALL.put(HTTPS_NAT_PER_ZONE, SchemaValidationTest.HTTPS_WITH_ZONE_ID);
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static Map<String, String> settings(String name) {
        return ALL.get(name);
    }

    public static Synthesized synthesized(String name) {
        return Synth.of(settings(name));
    }

    /** Every stack of every configuration (its environment's and its account's), by a label naming both. */
    public static Map<String, Synthesized> stacks() {
        Map<String, Synthesized> stacks = new LinkedHashMap<>();
        for (String name : names()) {
            stacks.put(name, synthesized(name));
            stacks.put(name + ", account stack", account(name));
        }
        return stacks;
    }

    /** The account stack synthesized with the configuration's environment. */
    public static Synthesized account(String name) {
        return Synth.accountOf(settings(name));
    }
}
