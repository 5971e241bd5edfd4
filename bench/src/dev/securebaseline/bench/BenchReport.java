package dev.securebaseline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarizes {@link ProcessTreeMeter} lines ({@code <label> wall_ms=… cpu_ms=… peak_rss_kib=… peak_process=…})
 * as a Markdown table of min / median / max per label, and the ratio of medians between pairs.
 *
 * <p>Usage: {@code BenchReport <measurements file> [<label>/<baseline label> ...]}.
 */
public final class BenchReport {

    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, List<long[]>> byLabel = new LinkedHashMap<>();
        Map<String, String> process = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank()) {
                continue;
            }
            String label = line.substring(0, line.indexOf(' '));
            Map<String, String> fields = new LinkedHashMap<>();
            for (String field : line.substring(line.indexOf(' ') + 1).split(" ")) {
                fields.put(field.substring(0, field.indexOf('=')), field.substring(field.indexOf('=') + 1));
            }
            byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(new long[]{
                    Long.parseLong(fields.get("wall_ms")), Long.parseLong(fields.get("cpu_ms")), Long.parseLong(fields.get("peak_rss_kib")),
                    Long.parseLong(fields.getOrDefault("peak_tree_pss_kib", "0"))});
            process.merge(label, fields.get("peak_process"), (a, b) -> a.equals(b) ? a : a + "/" + b);
        }
        System.out.println("| run | n | wall s (min / median / max) | CPU s (min / median / max) | peak RSS of largest process MiB (min / median / max) | largest process | peak PSS of the process tree MiB, median (sampled) |");
        System.out.println("|---|---|---|---|---|---|---|");
        Map<String, double[]> medians = new LinkedHashMap<>();
        byLabel.forEach((label, runs) -> {
            double[] wall = column(runs, 0, 1000.0);
            double[] cpu = column(runs, 1, 1000.0);
            double[] rss = column(runs, 2, 1024.0);
            double tree = median(column(runs, 3, 1024.0));
            medians.put(label, new double[]{median(wall), median(cpu), median(rss), tree});
            System.out.printf("| %s | %d | %s | %s | %s | %s | %.0f |%n", label, runs.size(), spread(wall, "%.2f"), spread(cpu, "%.2f"),
                    spread(rss, "%.0f"), process.get(label), tree);
        });
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("/");
            double[] a = medians.get(pair[0]);
            double[] b = medians.get(pair[1]);
            if (a != null && b != null) {
                System.out.printf("%nMedian ratio %s / %s: wall %.2f× (%+.2f s), CPU %.2f× (%+.2f s), peak memory %.2f×, "
                                + "process tree %.2f× (%+.0f MiB).%n",
                        pair[0], pair[1], a[0] / b[0], a[0] - b[0], a[1] / b[1], a[1] - b[1], a[2] / b[2],
                        b[3] == 0 ? 0 : a[3] / b[3], a[3] - b[3]);
            }
        }
    }

    public static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double[] column(List<long[]> runs, int index, double divisor) {
        return runs.stream().mapToDouble(r -> r[index] / divisor).sorted().toArray();
    }

    private static String spread(double[] sorted, String format) {
        return String.format(format, sorted[0]) + " / " + String.format(format, median(sorted)) + " / "
                + String.format(format, sorted[sorted.length - 1]);
    }
}
