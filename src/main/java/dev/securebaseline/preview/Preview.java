package dev.securebaseline.preview;

import dev.securebaseline.settings.Account;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.Environment;
import dev.securebaseline.settings.OrganizationSettings;
import dev.securebaseline.settings.Setting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code cdktf.out/SUMMARY.md}: what the synthesized stacks will create, where, in what order and for about
 * how much, readable without AWS credentials and without opening the JSON. Everything in it is read back from
 * the stacks as written; the same settings give the same bytes.
 */
public final class Preview {

    public static final String FILE = "SUMMARY.md";

    /** What each of {@link OrganizationSettings#parts()} is for, by part (not by position: the parts are in deploy order). */
    private static final Map<String, String> ORGANIZATION_ROLES = Map.of(OrganizationSettings.ORG, "organization management",
            OrganizationSettings.LOG_ARCHIVE, "log archive", OrganizationSettings.SECURITY, "security tooling");

    /**
     * One synthesized stack as the preview shows it.
     *
     * @param role    what the stack is for ("environment prod")
     * @param account the account it deploys into, as a reader knows it
     * @param after   the stack it deploys after
     */
    record Entry(StackFacts stack, String role, String account, Optional<String> after) {
        BigDecimal monthly() {
            return MonthlyCost.total(MonthlyCost.lines(stack));
        }
    }

    private Preview() {
    }

    /** Writes the summary next to the stacks and returns its path. */
    public static Path write(Path outdir, AppSettings settings, List<String> order, Map<String, String> variables) {
        Path file = outdir.resolve(FILE);
        try {
            Files.writeString(file, render(entries(outdir, settings, order), variables), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The stacks in deploy order, each read back from {@code outdir}. */
    public static List<Entry> entries(Path outdir, AppSettings settings, List<String> order) {
        Map<String, String> accountNames = accountNames(settings);
        Map<String, Optional<String>> deployOrder = settings.deployOrder();
        List<Entry> entries = new ArrayList<>();
        for (String name : order) {
            StackFacts stack = StackFacts.read(outdir, name);
            String account = stack.account().map(id -> accountNames.getOrDefault(id, "account " + id))
                    .orElse(Account.describe(Optional.empty()));
            String role = role(settings, name).orElseThrow(() -> new IllegalStateException(name + " is not a stack this app composes"));
            entries.add(new Entry(stack, role, account, deployOrder.get(name)));
        }
        return entries;
    }

    /** What a stack is for. */
    private static Optional<String> role(AppSettings settings, String name) {
        String project = settings.bootstrap().project();
        if (name.equals(settings.bootstrap().stackName())) {
            return Optional.of("state bootstrap");
        }
        for (String part : OrganizationSettings.parts()) {
            if (name.equals(OrganizationSettings.stackName(project, part))) {
                return Optional.of(ORGANIZATION_ROLES.get(part));
            }
        }
        if (settings.accountStacks().stream().anyMatch(a -> a.stackName(project).equals(name))) {
            return Optional.of("account baseline");
        }
        if (settings.deployTargets().stream().anyMatch(t -> t.stackName(project).equals(name))) {
            return Optional.of("pipeline roles (deployed by hand)");
        }
        return settings.environments().stream().filter(e -> e.baseName().equals(name)).findFirst()
                .map(e -> "environment " + e.environment().id());
    }

    /** Account id → how the settings name it. */
    private static Map<String, String> accountNames(AppSettings settings) {
        Map<String, String> names = new LinkedHashMap<>();
        settings.organization().ifPresent(o -> {
            names.put(o.organization().management().accountId(), "management account " + o.organization().management().accountId());
            names.put(o.organization().logArchive().accountId(), "log archive account " + o.organization().logArchive().accountId());
            names.put(o.organization().security().accountId(), "security account " + o.organization().security().accountId());
            String state = o.organization().state().accountId();
            if (o.organization().trustedOutsideAccounts().contains(state)) {
                names.put(state, "state account " + state + " (outside the organization)");
            }
        });
        settings.accounts().forEach(a -> a.id().ifPresent(id -> names.putIfAbsent(id, "account " + id
                + (a.label().equals(id) ? "" : " (" + a.label() + ")"))));
        return names;
    }

    public static String render(List<Entry> entries, Map<String, String> variables) {
        StringBuilder out = new StringBuilder("# What this synthesis creates\n\n");
        int resources = entries.stream().mapToInt(e -> e.stack().resourceCount()).sum();
        List<BigDecimal> monthly = entries.stream().map(Entry::monthly).toList();
        BigDecimal total = monthly.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        out.append("Written by the synth from the stacks in this folder (`stacks/*/cdk.tf.json`); the same settings give the same file. ")
                .append(entries.size()).append(" stacks, ").append(resources).append(" resources in ")
                .append(accounts(entries)).append("; an estimated **")
                .append(dollars(total)).append(" a month** before usage (assumptions at the end).\n\n");
        stackTable(out, entries, monthly);
        out.append("\n## Where each stack goes\n\nEach account, and the stacks deployed into it.\n\n").append(LayoutDiagram.accounts(entries));
        out.append("\n## In what order\n\nDeploy the stacks wave by wave, left to right; the stacks of one wave do not depend on each other.\n\n")
                .append(LayoutDiagram.order(entries));
        entries.stream().filter(e -> e.role().startsWith("environment ") && !e.stack().resources("aws_vpc").isEmpty())
                .reduce((first, second) -> second).ifPresent(e -> out.append("\n## One environment: ").append(e.stack().name()).append("\n\n")
                        .append(LayoutDiagram.environment(e.stack())));
        changedSettings(out, variables);
        out.append("\n## Each stack\n");
        Map<String, String> stackOfState = new java.util.HashMap<>();
        entries.forEach(e -> stackOfState.put(e.stack().json().path("terraform").path("backend").path("s3").path("key").asText(""), e.stack().name()));
        for (int i = 0; i < entries.size(); i++) {
            stackSection(out, i + 1, entries.get(i), stackOfState);
        }
        out.append("\n## Assumptions behind the costs\n\n").append(MonthlyCost.ASSUMPTIONS).append('\n');
        return out.toString();
    }

    private static void stackTable(StringBuilder out, List<Entry> entries, List<BigDecimal> monthly) {
        out.append("| # | stack | what | account | regions | resources | protected from destroy | est. per month |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            out.append("| ").append(i + 1).append(" | `").append(e.stack().name()).append("` | ").append(e.role()).append(" | ").append(e.account())
                    .append(" | ").append(e.stack().regionsText()).append(" | ").append(e.stack().resourceCount()).append(" | ")
                    .append(e.stack().protectedAddresses().size()).append(" | ").append(dollars(monthly.get(i)))
                    .append(" |\n");
        }
    }

    private static void stackSection(StringBuilder out, int number, Entry entry, Map<String, String> stackOfState) {
        StackFacts stack = entry.stack();
        out.append("\n### ").append(number).append(". ").append(stack.name()).append(" (").append(entry.role()).append(")\n\n")
                .append(entry.account()).append("; ").append(stack.regionsText())
                .append(entry.after().map(a -> "; deploy after `" + a + "`").orElse("; deploy first")).append(".\n\n");
        // What it reads from another stack's state waits, in a plan made before that stack is deployed; the check says so.
        stack.json().path("data").path("terraform_remote_state").forEach(read -> {
            String producer = stackOfState.getOrDefault(read.path("config").path("key").asText(), read.path("config").path("key").asText());
            out.append("Reads the state of `").append(producer).append("`. Until `").append(producer).append("` is deployed, a plan leaves out ")
                    .append(waiting(stack)).append(" and warns why.\n\n");
        });
        out.append("| concern | resources |\n|---|---|\n");
        stack.countsByConcern().forEach((concern, n) -> out.append("| ").append(concern.label()).append(" | ").append(n).append(" |\n"));
        out.append("| **all** | **").append(stack.resourceCount()).append("** (and ").append(stack.dataSourceCount()).append(" data sources) |\n");
        Map<String, Integer> perRegion = stack.countsByAliasedRegion();
        if (!perRegion.isEmpty()) {
            out.append("\nPer region, through the region's own provider: ");
            List<String> items = new ArrayList<>();
            perRegion.forEach((region, n) -> items.add(region + " " + n));
            out.append(String.join(", ", items)).append(".\n");
        }
        out.append("\nProtected from destroy (`prevent_destroy`): ").append(protectedList(stack.protectedAddresses())).append(".\n");
        costTable(out, stack);
    }

    /** The counted addresses that depend on a state read: what waits. */
    private static String waiting(StackFacts stack) {
        List<String> waiting = new ArrayList<>();
        stack.json().path("resource").properties().forEach(type -> type.getValue().properties().forEach(resource -> {
            if (resource.getValue().path("count").asText().contains("local.log_archive")) {
                waiting.add("`" + type.getKey() + "." + resource.getKey() + "`");
            }
        }));
        return String.join(", ", waiting);
    }

    /** Each protected address, or for a type protected in several regions, the type and how many. */
    private static String protectedList(List<String> addresses) {
        if (addresses.isEmpty()) {
            return "nothing";
        }
        Map<String, List<String>> byType = new LinkedHashMap<>();
        addresses.forEach(a -> byType.computeIfAbsent(a.substring(0, a.indexOf('.')), t -> new ArrayList<>()).add(a));
        List<String> items = new ArrayList<>();
        byType.forEach((type, list) -> items.add(list.size() > 2 ? "`" + type + "` ×" + list.size()
                : String.join(", ", list.stream().map(a -> "`" + a + "`").toList())));
        return addresses.size() + ": " + String.join(", ", items);
    }

    /** The stack's estimated monthly cost: the lines, the total, and what it bills by use. */
    static void costTable(StringBuilder out, StackFacts stack) {
        List<MonthlyCost.Line> lines = MonthlyCost.lines(stack);
        out.append("\nEstimated monthly cost: **").append(dollars(MonthlyCost.total(lines))).append("**");
        long unpriced = lines.stream().filter(line -> line.unit().isEmpty()).count();
        if (unpriced > 0) {
            out.append(" without ").append(unpriced).append(unpriced == 1 ? " item" : " items").append(" the price table does not know");
        }
        if (!lines.isEmpty()) {
            out.append("\n\n| item | quantity | price | per month |\n|---|---|---|---|\n");
            for (MonthlyCost.Line line : lines) {
                out.append("| ").append(line.item()).append(" | ").append(line.quantity()).append(" | ").append(line.basis()).append(" | ")
                        .append(line.monthly().map(Preview::dollars).orElse("not estimated")).append(" |\n");
            }
        } else {
            out.append(".\n");
        }
        List<String> byUse = MonthlyCost.byUse(stack);
        if (!byUse.isEmpty()) {
            out.append("\nBilled by use, not in the estimate: ").append(String.join("; ", byUse)).append(".\n");
        }
    }

    /** The {@code BASELINE_*} variables given whose value differs from a default they replace. */
    private static void changedSettings(StringBuilder out, Map<String, String> variables) {
        out.append("\n## Settings that differ from the defaults\n\n");
        Map<String, String> rows = new TreeMap<>();
        variables.forEach((variable, value) -> settingOf(variable).ifPresent(setting -> {
            Map<String, String> defaults = defaultsOf(variable, setting);
            if (defaults.values().stream().anyMatch(d -> !d.equals(value.trim()))) {
                List<String> shown = new ArrayList<>();
                defaults.forEach((where, d) -> shown.add((where.isEmpty() ? "" : where + " ") + (d.isEmpty() ? "(none)" : "`" + d + "`")));
                rows.put(variable, "| `" + variable + "` | `" + value.trim() + "` | " + String.join(", ", shown) + " |\n");
            }
        }));
        if (rows.isEmpty()) {
            out.append("None: every setting has its default.\n");
            return;
        }
        out.append("| setting | value | default |\n|---|---|---|\n");
        rows.values().forEach(out::append);
    }

    /** The setting a known {@code BASELINE_*} variable sets (the longest setting name it ends with). */
    private static Optional<Setting> settingOf(String variable) {
        if (!variable.startsWith(Setting.PREFIX)) {
            return Optional.empty();
        }
        return Arrays.stream(Setting.values()).filter(s -> variable.equals(s.variable()) || variable.endsWith("_" + s.name()))
                .max(Comparator.comparingInt(s -> s.name().length()));
    }

    /**
     * The defaults the variable replaces, by where they apply: one for most settings, one per environment for
     * the environment table's settings given for all environments.
     */
    private static Map<String, String> defaultsOf(String variable, Setting setting) {
        Map<String, String> defaults = new LinkedHashMap<>();
        Optional<Environment> own = Arrays.stream(Environment.values()).filter(e -> variable.equals(e.variable(setting))).findFirst();
        if (!Environment.TABLE_COLUMNS.contains(setting) || own.isPresent()) {
            defaults.put("", own.map(e -> e.defaultFor(setting)).orElse(setting.defaultValue()));
        } else {
            Arrays.stream(Environment.values()).forEach(e -> defaults.put(e.id(), e.defaultFor(setting)));
        }
        return defaults;
    }


    private static String accounts(List<Entry> entries) {
        long accounts = entries.stream().map(Entry::account).distinct().count();
        return accounts == 1 ? "one account" : accounts + " accounts";
    }

    /** {@code $1,234.50}. */
    static String dollars(BigDecimal amount) {
        String plain = amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        StringBuilder whole = new StringBuilder(plain.substring(0, plain.length() - 3));
        for (int i = whole.length() - 3; i > 0; i -= 3) {
            whole.insert(i, ',');
        }
        return "$" + whole + plain.substring(plain.length() - 3);
    }
}
