package dev.securebaseline.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The instances' boot script, kept as a real shell file next to the classes and filled in at synth. */
final class UserData {

    private static final String TEMPLATE = "user-data.sh";

    private UserData() {
    }

    /**
     * The script with its placeholders filled in, escaped for a Terraform string: {@code ${} and
     * {@code %{} would otherwise start template sequences.
     */
    static String render(String name, int appPort, String healthCheckPath) {
        return template()
                .replace("@NAME@", name)
                .replace("@APP_PORT@", String.valueOf(appPort))
                .replace("@HEALTH_PATH@", healthCheckPath)
                .replace("${", "$${")
                .replace("%{", "%%{");
    }

    private static String template() {
        try (InputStream in = UserData.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
