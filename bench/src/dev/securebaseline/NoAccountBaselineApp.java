package dev.securebaseline;

import com.hashicorp.cdktf.App;

import java.util.Optional;

/**
 * The default app without its account baseline: the same settings and stacks as {@link Main}, each
 * composed with an account whose baseline is not carried here. What the account baseline adds to a
 * one-shot synthesis is the difference between the two.
 */
public final class NoAccountBaselineApp {

    private NoAccountBaselineApp() {
    }

    public static void main(String[] args) {
        AppSettings settings = AppSettings.fromEnvironment(System.getenv());
        App app = new App();
        new StateBootstrapStack(app, settings.bootstrap());
        for (BaselineSettings environment : settings.environments()) {
            Account account = settings.accountOf(environment);
            new BaselineStack(app, environment.baseName(), environment,
                    new Account(account.id(), account.owner(), account.members(), Optional.empty()));
        }
        app.synth();
    }
}
