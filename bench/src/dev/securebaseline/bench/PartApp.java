package dev.securebaseline.bench;

import com.hashicorp.cdktf.App;

/** Synthesizes the benchmark's representative part, written with raw overrides. */
public final class PartApp {

    private PartApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new RawPart(app, "part");
        app.synth();
    }
}
