package dev.securebaseline.bench;

import com.hashicorp.cdktf.App;
import dev.securebaseline.app.Main;
import dev.securebaseline.preview.Preview;
import dev.securebaseline.settings.Account;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.stacks.AccountStack;
import dev.securebaseline.stacks.EnvironmentStack;
import dev.securebaseline.stacks.StateBootstrapStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a one-shot synthesis of the full app spends its time: the same steps as {@link Main}, each
 * timed, in a fresh JVM. Run it several times, appending to one file, then summarize with
 * {@code --report}.
 *
 * <p>Usage: {@code ColdBreakdown <file to append to>} (synthesizes into {@code CDKTF_OUTDIR}), then
 * {@code ColdBreakdown --report <file>}.
 */
public final class ColdBreakdown {

    private ColdBreakdown() {
    }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("--report")) {
            report(Path.of(args[1]));
            return;
        }
        Map<String, Long> phases = new LinkedHashMap<>();
        long start = System.nanoTime();
        AppSettings settings = AppSettings.fromEnvironment(System.getenv());
        long t = lap(phases, "read and validate settings", start);
        App app = new App();
        t = lap(phases, "start cdktf (JVM side and Node process)", t);
        List<String> stacks = new ArrayList<>();
        new StateBootstrapStack(app, settings.bootstrap(), settings.deployTargets());
        stacks.add(settings.bootstrap().stackName());
        t = lap(phases, "build " + settings.bootstrap().stackName(), t);
        for (Account account : settings.accounts()) {
            new AccountStack(app, settings.bootstrap(), account);
            stacks.add(account.stackName(settings.bootstrap().project()));
            t = lap(phases, "build " + account.stackName(settings.bootstrap().project()), t);
        }
        for (BaselineSettings environment : settings.environments()) {
            new EnvironmentStack(app, environment.baseName(), environment, settings.accountOf(environment));
            stacks.add(environment.baseName());
            t = lap(phases, "build " + environment.baseName(), t);
        }
        app.synth();
        t = lap(phases, "synthesize and write", t);
        Preview.write(Path.of(app.getOutdir()), settings, stacks, System.getenv());
        lap(phases, "write the preview (SUMMARY.md)", t);
        phases.put("total in main()", (System.nanoTime() - start) / 1000);
        StringBuilder line = new StringBuilder();
        phases.forEach((name, micros) -> line.append(name).append('=').append(micros).append('\t'));
        Files.writeString(Path.of(args[0]), line.append('\n'), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static long lap(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.put(name, (now - since) / 1000);
        return now;
    }

    private static void report(Path file) throws IOException {
        Map<String, List<Double>> byPhase = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            for (String field : line.split("\t")) {
                if (!field.isBlank()) {
                    String[] kv = field.split("=");
                    byPhase.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Long.parseLong(kv[1]) / 1000.0);
                }
            }
        }
        System.out.println("| step | min ms | median ms | max ms |");
        System.out.println("|---|---|---|---|");
        byPhase.forEach((phase, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("| %s | %.0f | %.0f | %.0f |%n", phase, sorted[0],
                    dev.securebaseline.bench.BenchReport.median(sorted), sorted[sorted.length - 1]);
        });
        System.out.printf("%n(%d fresh JVMs.)%n", lines.size());
    }
}
