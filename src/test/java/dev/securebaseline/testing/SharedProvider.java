package dev.securebaseline.testing;


import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One AWS provider process for the suite's {@code terraform validate} (the schema check) and {@code terraform test} (the
 * rehearsals): Terraform attaches to it ({@code TF_REATTACH_PROVIDERS}, the provider's debug mode) instead of starting the
 * 700 MB provider for every provider configuration of every operation. A mocked rehearsal starts it two to five times per
 * configuration and run block, about half a second of CPU each: most of what a rehearsal costs.
 *
 * <p>It is the binary {@code terraform init} installed for the configuration, so the same version and schema. Nothing it
 * serves keeps state between commands: validation holds none, and the rehearsals' providers are mocks, which Terraform
 * never configures. The process ends with the JVM (a shell beside it waits for the JVM's end of its pipe). The way a user
 * runs Terraform, a provider started per configuration, stays under test in the workflow test (app.WorkflowTest).
 */
public final class SharedProvider {

    private static final Pattern REATTACH = Pattern.compile("TF_REATTACH_PROVIDERS='([^']+)'");
    private static final Path PROVIDERS = Path.of(".terraform", "providers", "registry.terraform.io", "hashicorp", "aws");
    private static final Path LOG = Path.of("target", "shared-provider.log");
    private static String reattach;
    /** Held for the JVM's life: were it collected, its pipe would close, and the shell would stop the provider. */
    private static Process shell;

    private SharedProvider() {
    }

    /** The environment that attaches Terraform to the shared provider, started from the binary {@code initialized} holds. */
    static synchronized Map<String, String> environment(Path initialized) {
        if (reattach == null) {
            reattach = start(binary(initialized));
        }
        return Map.of("TF_REATTACH_PROVIDERS", reattach);
    }

    private static Path binary(Path initialized) {
        try (Stream<Path> files = Files.walk(initialized.resolve(PROVIDERS), java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(f -> f.getFileName().toString().startsWith("terraform-provider-aws") && Files.isExecutable(f))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no AWS provider under " + initialized.resolve(PROVIDERS)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String start(Path binary) {
        try {
            Files.createDirectories(LOG.getParent());
            // The shell reads the JVM's end of its standard input until the JVM is gone, then stops the provider: a killed
            // test run leaves no provider behind.
            shell = new ProcessBuilder("sh", "-c", "\"$0\" -debug </dev/null & provider=$!; cat >/dev/null; kill $provider; wait $provider",
                    binary.toRealPath().toString()).redirectError(ProcessBuilder.Redirect.appendTo(LOG.toFile())).start();
            // Closing the pipe at exit, and waiting, keeps the provider's CPU time in the test run's own accounting.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    shell.getOutputStream().close();
                    shell.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (IOException | InterruptedException ignored) {
                    // the shell stops the provider when the JVM's end of the pipe closes anyway
                }
            }));
            BufferedReader out = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.append(line).append('\n');
                Matcher matcher = REATTACH.matcher(line);
                if (matcher.find()) {
                    Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }), "shared-provider-output");
                    drain.setDaemon(true);
                    drain.start();
                    return matcher.group(1);
                }
            }
            throw new IllegalStateException(binary + " -debug ended without printing TF_REATTACH_PROVIDERS:\n" + seen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
