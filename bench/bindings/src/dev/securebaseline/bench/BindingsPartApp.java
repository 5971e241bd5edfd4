package dev.securebaseline.bench;

import com.hashicorp.cdktf.App;

/** Synthesizes the benchmark's representative part, written with the generated AWS bindings. */
public final class BindingsPartApp {

    private BindingsPartApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new BindingsPart(app, "part");
        app.synth();
    }
}
