package dev.securebaseline.tf;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformOutputConfig;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.TerraformVariable;
import com.hashicorp.cdktf.TerraformVariableConfig;
import com.hashicorp.cdktf.TerraformVariableValidationConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.Objects;

/**
 * The small toolkit every section uses to write Terraform JSON through escape-hatch overrides.
 *
 * <p>Nothing here knows about AWS: it writes {@code resource.<type>.<name>} and
 * {@code data.<type>.<name>} overrides, builds ordered maps and lists, and hands back {@link Ref}s
 * so that a reference such as {@code ${aws_vpc.main.id}} is spelled in exactly one place.
 *
 * <p>Overrides are collected in Java and handed to cdktf by {@link #flush()} in one call per top-level
 * block: every {@code addOverride} is a round trip to cdktf's Node process, and one per resource cost
 * a one-shot synth of the default app about 0.3 s (BENCHMARKS.md).
 */
public final class Tf {

    /**
     * The resource and data source types each stack has written, for the pipeline's roles, which may do what the stacks of their
     * account manage and no more. Stacks are built one after another on one thread (jsii is not thread-safe).
     */
    private static final Map<TerraformStack, Set<String>> TYPES = new WeakHashMap<>();

    private final TerraformStack stack;
    private final Map<String, Object> overrides;
    private final String provider;

    public Tf(TerraformStack stack) {
        this(stack, new LinkedHashMap<>(), null);
    }

    private Tf(TerraformStack stack, Map<String, Object> overrides, String provider) {
        this.stack = stack;
        this.overrides = overrides;
        this.provider = provider;
    }

    /**
     * The same stack, writing every resource and data source with {@code provider} (e.g.
     * {@code aws.eu_west_1}), so that writers such as {@code PrivateBucket} work in any region unchanged.
     */
    public Tf withProvider(String providerReference) {
        return new Tf(stack, overrides, providerReference);
    }

    /** The address of every resource written so far, in writing order, e.g. {@code aws_vpc.main}. */
    @SuppressWarnings("unchecked")
    public List<String> addresses() {
        List<String> addresses = new ArrayList<>();
        ((Map<String, Object>) overrides.getOrDefault("resource", Map.of())).forEach((type, byName) ->
                ((Map<String, Object>) byName).keySet().forEach(name -> addresses.add(type + "." + name)));
        return addresses;
    }

    /** The resource and data source types written into {@code stack}, sorted. */
    public static Set<String> typesWrittenIn(TerraformStack stack) {
        return Set.copyOf(TYPES.getOrDefault(stack, Set.of()));
    }

    /** Writes {@code resource.<type>.<name>} and returns a handle for references to it. */
    public Ref resource(String type, String name, Map<String, Object> body) {
        register(type);
        Ref ref = Ref.resource(type, name);
        put(ref.address(), withProvider(body));
        return ref;
    }

    /** Writes {@code data.<type>.<name>} and returns a handle for references to it. */
    public Ref data(String type, String name, Map<String, Object> body) {
        register(type);
        Ref ref = Ref.data(type, name);
        put(ref.address(), withProvider(body));
        return ref;
    }

    /** Records the type as one the stack's account roles call, unless it goes through the state reader (the state role's). */
    private void register(String type) {
        if (!("aws." + AwsProvider.STATE_ALIAS).equals(provider)) {
            TYPES.computeIfAbsent(stack, k -> new TreeSet<>()).add(type);
        }
    }

    private Map<String, Object> withProvider(Map<String, Object> body) {
        if (provider == null) {
            return body;
        }
        Map<String, Object> stamped = map("provider", provider);
        stamped.putAll(body);
        return stamped;
    }

    /**
     * An {@code import} block: the first apply takes the existing object {@code id} over into {@code to}
     * (through this view's provider) instead of creating a second one.
     */
    public void adopt(Ref to, String id) {
        topLevelList("import").add(map("to", to.path(), "id", id, "provider", provider));
    }

    /**
     * An {@code import} block for each id the expression yields (none or one): an object that may or may not
     * exist already is taken over where a lookup finds it and created where it does not. Once in the state,
     * the import is a no-op.
     */
    public void adoptWhereFound(Ref to, String idsExpression) {
        topLevelList("import").add(map("for_each", expr(idsExpression), "to", to.path(), "id", expr("each.value"), "provider", provider));
    }

    /**
     * An {@code import} block that takes {@code id} over into the one instance of a counted resource, only while
     * {@code condition} holds (while the instance is not counted, there is nothing to import into).
     */
    public void adoptWhen(String condition, Ref toCounted, String id) {
        topLevelList("import").add(map(
                "for_each", expr(condition + " ? toset([\"" + id + "\"]) : toset([])"),
                "to", toCounted.path() + "[0]", "id", expr("each.value"), "provider", provider));
    }

    /**
     * A {@code moved} block from {@code ref}'s bare address to its first instance: a resource that became counted keeps the
     * object an earlier configuration created, instead of replacing it.
     */
    public void movedToFirstInstance(Ref ref) {
        topLevelList("moved").add(map("from", ref.path(), "to", ref.path() + "[0]"));
    }

    /** A top-level list of blocks ({@code import}, {@code moved}), which each call adds to. */
    @SuppressWarnings("unchecked")
    private List<Object> topLevelList(String block) {
        return (List<Object>) overrides.computeIfAbsent(block, k -> new ArrayList<>());
    }

    /** Writes an arbitrary top-level setting, e.g. {@code terraform.required_providers.aws}. */
    public void setting(String path, Object value) {
        put(path, value);
    }

    /** Hands everything written so far to the stack; call once, at the end of the stack's constructor. */
    public void flush() {
        overrides.forEach(stack::addOverride);
        overrides.clear();
    }

    /** Files {@code value} under a dotted path; writing the same path twice is a bug and says so. */
    @SuppressWarnings("unchecked")
    private void put(String path, Object value) {
        String[] keys = path.split("\\.");
        Map<String, Object> node = overrides;
        for (int i = 0; i < keys.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(keys[i], k -> new LinkedHashMap<String, Object>());
        }
        if (node.putIfAbsent(keys[keys.length - 1], value) != null) {
            throw new IllegalStateException(path + " is written twice");
        }
    }

    /** Declares a Terraform variable (cdktf core, not a provider binding) and returns {@code var.<name>}. */
    public Ref variable(String name, String type, Object defaultValue, String description, Validation... validations) {
        List<TerraformVariableValidationConfig> rules = Arrays.stream(validations)
                .map(v -> TerraformVariableValidationConfig.builder()
                        .condition(v.condition()).errorMessage(v.errorMessage()).build())
                .toList();
        new TerraformVariable(stack, name, TerraformVariableConfig.builder()
                .type(type)
                .defaultValue(defaultValue)
                .description(description)
                .nullable(false)
                .validation(rules.isEmpty() ? null : rules)
                .build());
        return Ref.variable(name);
    }

    /** Declares a Terraform output with a description; {@code value} is usually a {@link Ref} expression. */
    public void output(String name, Object value, String description) {
        new TerraformOutput(stack, name, TerraformOutputConfig.builder()
                .value(value)
                .description(description)
                .build());
    }

    /** As {@link #output(String, Object, String)}, written to the state only once {@code dependsOn} (addresses) are applied. */
    public void output(String name, Object value, String description, List<String> dependsOn) {
        output(name, value, description);
        put("output." + name + ".depends_on", List.copyOf(dependsOn));
    }

    /** A variable {@code validation} block; {@code condition} is an interpolation such as {@code ${...}}. */
    public record Validation(String condition, String errorMessage) {
    }

    // ------------------------------------------------------------------ building values

    /**
     * An insertion-ordered map from alternating keys and values. A {@code null} value leaves the
     * key out, which is how optional attributes are written.
     */
    public static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("map() takes key/value pairs, got " + keysAndValues.length + " items");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) Objects.requireNonNull(keysAndValues[i], "map key");
            Object value = keysAndValues[i + 1];
            if (value != null && map.put(key, value) != null) {
                throw new IllegalArgumentException("duplicate key " + key);
            }
        }
        return map;
    }

    /** A mutable list of the given items; {@code null}s are dropped. */
    public static List<Object> list(Object... items) {
        List<Object> list = new ArrayList<>();
        for (Object item : items) {
            if (item != null) {
                list.add(item);
            }
        }
        return list;
    }

    /** A list built from a collection, e.g. the ids of all subnets. */
    public static List<Object> listOf(List<?> items) {
        return new ArrayList<>(items);
    }

    /** The {@code id} of each of {@code refs}, in order. */
    public static List<Object> ids(List<Ref> refs) {
        return listOf(refs.stream().map(ref -> ref.get("id")).toList());
    }

    /** Wraps a Terraform expression for use as a JSON string value: {@code expr("a + b")} → {@code ${a + b}}. */
    public static String expr(String expression) {
        return "${" + expression + "}";
    }

    /** The {@code count} expression for a resource that exists only when {@code condition} holds. */
    public static String countIf(String condition) {
        return expr(condition + " ? 1 : 0");
    }

    /** {@code lifecycle.prevent_destroy}, or nothing when a deliberate retire has lifted it. */
    public static Map<String, Object> preventDestroy(boolean protect) {
        return protect ? map("prevent_destroy", true) : null;
    }

    /** A merged tag map: the per-resource {@code Name} plus any extras. Provider default_tags add the rest. */
    public static Map<String, Object> tags(String name, Object... extraKeysAndValues) {
        Map<String, Object> tags = map("Name", name);
        tags.putAll(map(extraKeysAndValues));
        return tags;
    }

    /**
     * A handle on something Terraform can reference: a resource, a data source, a variable or a
     * local. {@link #get(String)} gives {@code ${address.attr}}; {@link #attr(String)} gives the bare
     * expression for use inside a larger one.
     */
    public record Ref(String kind, String type, String name) {

        public static Ref resource(String type, String name) {
            return new Ref("resource", type, name);
        }

        public static Ref data(String type, String name) {
            return new Ref("data", type, name);
        }

        static Ref variable(String name) {
            return new Ref("var", "", name);
        }

        public static Ref local(String name) {
            return new Ref("local", "", name);
        }

        /** The path written by the override, e.g. {@code resource.aws_vpc.main} or {@code locals.x}. */
        public String address() {
            return switch (kind) {
                case "local" -> "locals." + name;
                case "var" -> "variable." + name;
                default -> kind + "." + type + "." + name;
            };
        }

        /** The expression Terraform uses for this object, e.g. {@code aws_vpc.main} or {@code var.x}. */
        public String path() {
            return switch (kind) {
                case "resource" -> type + "." + name;
                case "data" -> "data." + type + "." + name;
                default -> kind + "." + name;
            };
        }

        /** {@code aws_vpc.main.id} – to be embedded in a larger expression. */
        public String attr(String attribute) {
            return path() + "." + attribute;
        }

        /** {@code ${aws_vpc.main.id}} – a complete JSON string value. */
        public String get(String attribute) {
            return expr(attr(attribute));
        }

        /** {@code ${var.x}} for variables and locals. */
        public String value() {
            return expr(path());
        }

        /** The address used in {@code depends_on}, e.g. {@code aws_s3_bucket_policy.trail}. */
        public String dependency() {
            return path();
        }
    }
}
