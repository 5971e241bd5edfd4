package dev.securebaseline;

import com.hashicorp.cdktf.App;

/**
 * Entry point for {@code cdktf synth} and {@code mvn compile exec:java}: read and validate the
 * settings, build the stacks, synthesize. Bad settings stop the run before anything is written.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        AppSettings settings;
        try {
            settings = AppSettings.fromEnvironment(System.getenv());
        } catch (SettingsException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        App app = new App();
        compose(app, settings);
        app.synth();
        settings.accounts().forEach(account -> System.out.println(account.summary(settings.bootstrap().project())));
    }

    /** The state bootstrap stack and one stack per environment, each with its own state and its account. */
    static void compose(App app, AppSettings settings) {
        new StateBootstrapStack(app, settings.bootstrap());
        for (BaselineSettings environment : settings.environments()) {
            new BaselineStack(app, environment.baseName(), environment, settings.accountOf(environment));
        }
    }
}
