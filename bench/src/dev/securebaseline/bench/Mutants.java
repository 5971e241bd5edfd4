package dev.securebaseline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The mutation catalogue ({@code bench/mutants.json}): each realistic slip applied alone to a scratch copy of the working
 * tree, its named test classes run, and for a survivor the whole suite; then PIT over the typed policy documents and the
 * settings readers (Maven profile {@code mutation}), its survivors checked against the reviewed equivalent mutants
 * ({@code bench/mutants/pit-equivalent.tsv}). One line per mutant, and a last line {@code N killed, M survived}.
 *
 * <p>{@code Mutants [catalogue|pit|all] [id ...]}: which part (default all), and which catalogue mutants (default every one).
 */
public final class Mutants {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPOSITORY = Path.of("").toAbsolutePath();
    private static final Path SCRATCH = REPOSITORY.resolve("target/mutants/scratch");

    private record Edit(String find, String replace) {
    }

    private record Mutant(String id, String area, String slip, String file, List<Edit> edits, List<String> tests) {
    }

    private record Run(int exit, String output, long seconds) {
        boolean compiled() {
            return !output.contains("COMPILATION ERROR");
        }
    }

    private Mutants() {
    }

    public static void main(String[] args) throws Exception {
        String part = args.length > 0 && List.of("catalogue", "pit", "all").contains(args[0]) ? args[0] : "all";
        Set<String> only = new LinkedHashSet<>();
        for (String arg : args) {
            if (!List.of("catalogue", "pit", "all").contains(arg)) {
                only.add(arg);
            }
        }
        List<Mutant> mutants = catalogue(only);
        scratchCopy();
        int killed = 0;
        int survived = 0;
        int broken = 0;
        long start = System.nanoTime();
        if (!part.equals("pit")) {
            List<String> classes = mutants.stream().flatMap(m -> m.tests().stream()).distinct().toList();
            Run clean = maven("test", "-Dtest=" + String.join(",", classes));
            if (clean.exit() != 0) {
                System.out.println("The named classes fail without any mutant; nothing to measure:\n" + tail(clean.output()));
                System.exit(2);
            }
            System.out.printf("clean: %d classes pass without a mutant (%d s)%n", classes.size(), clean.seconds());
            for (Mutant mutant : mutants) {
                String verdict = verdict(mutant);
                System.out.println(verdict);
                if (verdict.startsWith("killed")) {
                    killed++;
                } else if (verdict.startsWith("survived")) {
                    survived++;
                } else {
                    broken++;
                }
            }
            System.out.printf("catalogue: %d killed, %d survived, %d not applicable (%d s)%n", killed, survived, broken,
                    (System.nanoTime() - start) / 1_000_000_000L);
        }
        if (!part.equals("catalogue")) {
            int[] pit = pit();
            killed += pit[0];
            survived += pit[1];
        }
        System.out.printf("%d killed, %d survived%n", killed, survived + broken);
        System.exit(survived + broken == 0 ? 0 : 1);
    }

    /** Applies the mutant, runs its classes (and the whole suite if they miss it), restores the file. */
    private static String verdict(Mutant mutant) throws IOException {
        Path file = SCRATCH.resolve(mutant.file());
        String original = Files.readString(file);
        String mutated = original;
        for (Edit edit : mutant.edits()) {
            int first = mutated.indexOf(edit.find());
            if (first < 0 || mutated.indexOf(edit.find(), first + 1) >= 0) {
                return "stale     " + mutant.id() + ": " + mutant.file() + " holds its text " + (first < 0 ? "nowhere" : "more than once")
                        + "; update bench/mutants.json";
            }
            mutated = mutated.replace(edit.find(), edit.replace());
        }
        Files.writeString(file, mutated);
        try {
            Run named = maven("test", "-Dtest=" + String.join(",", mutant.tests()));
            if (!named.compiled()) {
                return "stale     " + mutant.id() + ": the mutant does not compile; update bench/mutants.json";
            }
            if (named.exit() != 0) {
                return "killed    " + mutant.id() + " (" + mutant.area() + ": " + mutant.slip() + ") by " + failing(named.output(), mutant.tests())
                        + ", " + named.seconds() + " s";
            }
            Run suite = maven("test");
            if (suite.exit() != 0) {
                return "killed    " + mutant.id() + " (" + mutant.area() + ": " + mutant.slip() + ") only by the whole suite ("
                        + failing(suite.output(), List.of()) + "): name that class in bench/mutants.json";
            }
            return "survived  " + mutant.id() + " (" + mutant.area() + ": " + mutant.slip() + "): no test fails";
        } finally {
            Files.writeString(file, original);
        }
    }

    /** PIT on the unmutated scratch copy: [killed, survived that no reviewed equivalent explains]. */
    private static int[] pit() throws IOException {
        Run run = maven("-Pmutation", "test-compile", "org.pitest:pitest-maven:mutationCoverage");
        if (run.exit() != 0) {
            System.out.println("PIT failed:\n" + tail(run.output()));
            return new int[]{0, 1};
        }
        Set<String> equivalent = new LinkedHashSet<>();
        for (String line : Files.readAllLines(REPOSITORY.resolve("bench/mutants/pit-equivalent.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] cells = line.split("\t");
                equivalent.add(cells[0] + "\t" + cells[1] + "\t" + cells[2] + "\t" + cells[3]);
            }
        }
        int killed = 0;
        int survived = 0;
        int explained = 0;
        for (String line : Files.readAllLines(SCRATCH.resolve("target/pit-reports/mutations.csv"))) {
            String[] cells = line.split(",");
            String status = cells[5];
            String mutator = cells[2].substring(cells[2].lastIndexOf('.') + 1);
            String key = cells[1] + "\t" + cells[3] + "\t" + mutator + "\t" + cells[4];
            if (status.equals("KILLED") || status.equals("TIMED_OUT") || status.equals("MEMORY_ERROR")) {
                killed++;
            } else if (equivalent.contains(key)) {
                explained++;
            } else {
                survived++;
                System.out.println("survived  PIT " + cells[1] + "." + cells[3] + " line " + cells[4] + " (" + mutator + ", " + status
                        + "): kill it with a test, or review it into bench/mutants/pit-equivalent.tsv");
            }
        }
        System.out.printf("PIT: %d killed, %d equivalent (bench/mutants/pit-equivalent.tsv), %d survived (%d s)%n", killed, explained,
                survived, run.seconds());
        return new int[]{killed, survived};
    }

    private static List<Mutant> catalogue(Set<String> only) throws IOException {
        JsonNode root = JSON.readTree(REPOSITORY.resolve("bench/mutants.json").toFile());
        List<Mutant> mutants = new ArrayList<>();
        for (JsonNode m : root.path("mutants")) {
            List<Edit> edits = new ArrayList<>();
            m.path("edits").forEach(e -> edits.add(new Edit(e.path("find").asText(), e.path("replace").asText())));
            List<String> tests = new ArrayList<>();
            m.path("tests").forEach(t -> tests.add(t.asText()));
            mutants.add(new Mutant(m.path("id").asText(), m.path("area").asText(), m.path("slip").asText(), m.path("file").asText(),
                    edits, tests));
        }
        if (!only.isEmpty()) {
            mutants.removeIf(m -> !only.contains(m.id()));
        }
        return mutants;
    }

    /**
     * The working tree's files (tracked, and untracked ones git does not ignore) copied into target/mutants/scratch, with the
     * installed Node helpers, so that no mutant ever touches the working tree.
     */
    private static void scratchCopy() throws IOException, InterruptedException {
        if (Files.exists(SCRATCH)) {
            try (Stream<Path> walk = Files.walk(SCRATCH)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").directory(REPOSITORY.toFile())
                .redirectErrorStream(false).start();
        String listed = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        git.waitFor();
        for (String name : listed.split("\0")) {
            Path from = REPOSITORY.resolve(name);
            if (name.isEmpty() || !Files.isRegularFile(from)) {
                continue;
            }
            Path to = SCRATCH.resolve(name);
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path helpers = REPOSITORY.resolve("target/node-helpers");
        if (Files.isDirectory(helpers)) {
            Files.createDirectories(SCRATCH.resolve("target"));
            new ProcessBuilder("cp", "-a", helpers.toString(), SCRATCH.resolve("target").toString()).inheritIO().start().waitFor();
        }
    }

    private static Run maven(String... goals) throws IOException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q"));
        command.addAll(List.of(goals));
        Path log = Files.createTempFile("mutant", ".log");
        long start = System.nanoTime();
        try {
            Process process = new ProcessBuilder(command).directory(SCRATCH.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            return new Run(process.exitValue(), Files.readString(log), (System.nanoTime() - start) / 1_000_000_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The failing test classes a Maven run reports, else the named ones. */
    private static String failing(String output, List<String> named) {
        Map<String, Boolean> classes = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[ERROR]\\s+([A-Z][A-Za-z]+Test)\\.").matcher(line);
            if (m.find()) {
                classes.put(m.group(1), true);
            }
        }
        return classes.isEmpty() ? String.join(", ", named) : String.join(", ", classes.keySet());
    }

    private static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
    }
}
