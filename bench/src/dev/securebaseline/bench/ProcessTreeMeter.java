package dev.securebaseline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command and measures it as a whole process tree (Linux, /proc): wall time, CPU time of
 * every process in the tree, and the peak resident memory of the largest process (cdktf's Java
 * library runs its work in Node child processes, which a plain {@code time java ...} does not see).
 *
 * <p>Usage: {@code ProcessTreeMeter <command> [args...]}. Prints one line:
 * {@code wall_ms=… cpu_ms=… peak_rss_kib=… peak_process=… peak_tree_pss_kib=…}. CPU is user + system time
 * of the command and every descendant it waited for (what GNU {@code time} reports: the JVM reaps its Node
 * process); peak memory is the largest {@code VmHWM} seen while sampling the tree every 50 ms, and the
 * tree's peak is the largest sum of proportional set sizes ({@code Pss} in {@code smaps_rollup}, which
 * shares a page among the processes that map it) over one sample: Terraform runs a provider process per
 * provider configuration, side by side, all mapping the same provider binary.
 */
public final class ProcessTreeMeter {

    private static final long TICK_MS = 10; // USER_HZ is 100 on Linux
    private static final long SAMPLE_MS = 50;

    private final Map<Long, Long> peakKib = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private long peakTreeKib;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ProcessTreeMeter <command> [args...]");
            System.exit(2);
        }
        System.out.println(new ProcessTreeMeter().measure(List.of(args)));
    }

    String measure(List<String> command) throws IOException, InterruptedException {
        long childrenTicksBefore = childrenCpuTicks();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        // VmHWM is the kernel's own high-water mark, so sparse samples lose nothing but the growth of a
        // process's last few milliseconds; sampling every 5 ms cost the measured run ~0.2 s of a 2-core machine.
        while (!process.waitFor(SAMPLE_MS, TimeUnit.MILLISECONDS)) {
            sample(process.toHandle());
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue());
        }
        long cpuMs = (childrenCpuTicks() - childrenTicksBefore) * TICK_MS;
        long largest = peakKib.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1L);
        return "wall_ms=" + wallMs + " cpu_ms=" + cpuMs + " peak_rss_kib=" + peakKib.getOrDefault(largest, 0L)
                + " peak_process=" + names.getOrDefault(largest, "?") + " peak_tree_pss_kib=" + peakTreeKib;
    }

    /** cutime + cstime of this process: CPU of the children it has reaped (and theirs). */
    private static long childrenCpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // The command name may contain spaces; the fields after the closing parenthesis are fixed.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    private void sample(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        long treeKib = 0;
        for (ProcessHandle handle : tree) {
            long pid = handle.pid();
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        long kib = Long.parseLong(line.replaceAll("\\D", ""));
                        peakKib.merge(pid, kib, Math::max);
                    } else if (line.startsWith("Name:")) {
                        names.put(pid, line.substring(5).trim());
                    }
                }
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        treeKib += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended between listing and reading: its last sample stands
            }
        }
        peakTreeKib = Math.max(peakTreeKib, treeKib);
    }
}
