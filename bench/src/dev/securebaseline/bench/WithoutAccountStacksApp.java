package dev.securebaseline.bench;

import com.hashicorp.cdktf.App;
import dev.securebaseline.app.Main;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.stacks.EnvironmentStack;
import dev.securebaseline.stacks.StateBootstrapStack;

/**
 * The default app without its account stacks: the same settings, the bootstrap and the environment stacks
 * of {@link Main}. What the account stacks add to a one-shot synthesis is the difference between the two.
 */
public final class WithoutAccountStacksApp {

    private WithoutAccountStacksApp() {
    }

    public static void main(String[] args) {
        AppSettings settings = AppSettings.fromEnvironment(System.getenv());
        App app = new App();
        new StateBootstrapStack(app, settings.bootstrap(), settings.deployTargets());
        for (BaselineSettings environment : settings.environments()) {
            new EnvironmentStack(app, environment.baseName(), environment, settings.accountOf(environment));
        }
        app.synth();
    }
}
