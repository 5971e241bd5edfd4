package dev.securebaseline.bench;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;

/** The floor: a JVM, cdktf's Node process and a synth of one empty stack. Nothing of the baseline. */
public final class EmptyApp {

    private EmptyApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new TerraformStack(app, "empty");
        app.synth();
    }
}
