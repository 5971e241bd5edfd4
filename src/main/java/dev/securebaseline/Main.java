package dev.securebaseline;

import com.hashicorp.cdktf.App;

/**
 * Entry point for {@code cdktf synth} and {@code mvn compile exec:java}: read and validate the
 * settings, build the stack, synthesize. Bad settings stop the run before anything is written.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        BaselineSettings settings;
        try {
            settings = BaselineSettings.fromEnvironment(System.getenv());
        } catch (SettingsException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        App app = new App();
        new BaselineStack(app, settings.baseName(), settings);
        app.synth();
    }
}
