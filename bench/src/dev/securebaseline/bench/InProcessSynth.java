package dev.securebaseline.bench;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.stacks.AccountStack;
import dev.securebaseline.stacks.EnvironmentStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * In-process synthesis cost as the work grows: 1, 3, 10 and 30 environment stacks of two zones, 1 and
 * 10 stacks of six zones, and one account stack in 1, 5, 9, 13 and 17 guardrail regions, in one JVM after
 * warm-up. Cases run round-robin so that drift (JIT, Node's garbage collector,
 * the machine) spreads over all of them. Prints a Markdown table, the marginal cost per stack and per
 * guardrail region (least-squares slopes) and how linear the growth is.
 *
 * <p>Usage: {@code InProcessSynth <warm-up rounds> <measured rounds> <work dir>}.
 */
public final class InProcessSynth {

    /** {@code regions} 0: environment stacks only; otherwise one account stack in that many regions. */
    private record Case(String name, int stacks, int zones, int regions) {
    }

    private static final List<Case> CASES = List.of(
            new Case("1 stack, 2 AZs", 1, 2, 0), new Case("3 stacks, 2 AZs", 3, 2, 0),
            new Case("10 stacks, 2 AZs", 10, 2, 0), new Case("30 stacks, 2 AZs", 30, 2, 0),
            new Case("1 stack, 6 AZs", 1, 6, 0), new Case("10 stacks, 6 AZs", 10, 6, 0),
            new Case("1 account stack, 1 region", 1, 2, 1),
            new Case("1 account stack, 5 regions", 1, 2, 5),
            new Case("1 account stack, 9 regions", 1, 2, 9),
            new Case("1 account stack, 13 regions", 1, 2, 13),
            new Case("1 account stack, 17 regions", 1, 2, 17));

    private InProcessSynth() {
    }

    public static void main(String[] args) throws IOException {
        int warmup = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        Map<Case, AppSettings> settings = new LinkedHashMap<>();
        List<String> defaultRegions = AppSettings.fromEnvironment(Map.of("BASELINE_ENVIRONMENTS", "dev"))
                .accounts().get(0).settings().guardrailRegions();
        for (Case c : CASES) {
            Map<String, String> env = new LinkedHashMap<>(Map.of(
                    "BASELINE_ENVIRONMENTS", "dev", "BASELINE_AZ_COUNT", String.valueOf(c.zones()), "BASELINE_NAT_STRATEGY", "per-az"));
            if (c.regions() > 0) {
                env.put("BASELINE_GUARDRAIL_REGIONS", String.join(",", defaultRegions.subList(0, c.regions())));
            }
            settings.put(c, AppSettings.fromEnvironment(env));
        }
        for (int i = 0; i < warmup; i++) {
            for (Case c : CASES) {
                synthesize(c, settings.get(c), work);
            }
        }
        Map<Case, List<Double>> millis = new LinkedHashMap<>();
        for (int i = 0; i < rounds; i++) {
            for (Case c : CASES) {
                millis.computeIfAbsent(c, k -> new ArrayList<>()).add(synthesize(c, settings.get(c), work));
            }
        }
        report(millis, warmup, rounds);
    }

    /** One app with {@code stacks} environment stacks, or one account stack, synthesized to disk; returns milliseconds. */
    private static double synthesize(Case c, AppSettings settings, Path work) throws IOException {
        BaselineSettings environment = settings.environments().get(0);
        Path outdir = work.resolve(c.stacks() + "x" + c.zones() + "x" + c.regions());
        delete(outdir);
        Files.createDirectories(outdir);
        long start = System.nanoTime();
        App app = new App(AppConfig.builder().outdir(outdir.toString()).build());
        if (c.regions() > 0) {
            new AccountStack(app, settings.bootstrap(), settings.accountOf(environment));
        }
        for (int i = 1; i <= c.stacks() && c.regions() == 0; i++) {
            new EnvironmentStack(app, "bench-" + i, environment, settings.accountOf(environment));
        }
        app.synth();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void report(Map<Case, List<Double>> millis, int warmup, int rounds) {
        System.out.println("| case | min ms | median ms | max ms | median ms per stack |");
        System.out.println("|---|---|---|---|---|");
        Map<Case, Double> medians = new LinkedHashMap<>();
        millis.forEach((c, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = BenchReport.median(sorted);
            medians.put(c, median);
            System.out.printf("| %s | %.0f | %.0f | %.0f | %.1f |%n", c.name(), sorted[0], median, sorted[sorted.length - 1],
                    median / c.stacks());
        });
        List<Case> twoZones = CASES.stream().filter(c -> c.zones() == 2 && c.regions() == 0).toList();
        double[] fit = fit(twoZones.stream().mapToDouble(Case::stacks).toArray(), twoZones.stream().mapToDouble(medians::get).toArray());
        double slope = fit[0];
        double intercept = fit[1];
        double r2 = fit[2];
        List<Case> accounts = CASES.stream().filter(c -> c.regions() > 0).toList();
        double[] perRegion = fit(accounts.stream().mapToDouble(Case::regions).toArray(), accounts.stream().mapToDouble(medians::get).toArray());
        Case one = CASES.get(0);
        Case ten6 = CASES.get(5);
        System.out.println();
        System.out.printf("Marginal cost per two-zone stack (least squares over 1, 3, 10, 30 stacks): %.1f ms; fixed cost %.1f ms; R² = %.4f.%n",
                slope, intercept, r2);
        StringBuilder steps = new StringBuilder();
        for (int i = 1; i < twoZones.size(); i++) {
            Case from = twoZones.get(i - 1);
            Case to = twoZones.get(i);
            steps.append(i > 1 ? ", " : "").append(String.format("%d→%d stacks %.1f ms", from.stacks(), to.stacks(),
                    (medians.get(to) - medians.get(from)) / (to.stacks() - from.stacks())));
        }
        System.out.printf("Marginal cost per stack between consecutive sizes: %s.%n", steps);
        System.out.printf("Six zones instead of two: %+.0f%% at 1 stack, %+.0f%% at 10 stacks.%n",
                100 * (medians.get(CASES.get(4)) / medians.get(one) - 1),
                100 * (medians.get(ten6) / medians.get(CASES.get(2)) - 1));
        System.out.printf("Marginal cost per guardrail region of an account stack (least squares over 1, 5, 9, 13, 17 regions): "
                + "%.1f ms; the rest of the account stack %.1f ms; R² = %.4f. The account stack in 17 regions takes %.0f ms, "
                + "one two-zone environment stack %.0f ms.%n", perRegion[0], perRegion[1], perRegion[2],
                medians.get(accounts.get(accounts.size() - 1)), medians.get(one));
        System.out.printf("(%d warm-up rounds, %d measured rounds, cases interleaved.)%n", warmup, rounds);
    }

    /** Least squares: slope, intercept, R². */
    private static double[] fit(double[] x, double[] y) {
        double meanX = Arrays.stream(x).average().orElseThrow();
        double meanY = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
            syy += (y[i] - meanY) * (y[i] - meanY);
        }
        double slope = sxy / sxx;
        return new double[]{slope, meanY - slope * meanX, sxy * sxy / (sxx * syy)};
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
