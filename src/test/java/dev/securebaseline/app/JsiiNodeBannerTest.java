package dev.securebaseline.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The synth's standard error loses jsii's Node end-of-life banner, and nothing else. */
class JsiiNodeBannerTest {

    /** As jsii 1.140 relays it: every line of the block followed by an empty one. */
    private static final String BANNER = String.join("\n\n",
            "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
            "!!                                                                                       !!",
            "!!  Node 20 is end-of-life and not supported anymore by this software since 2026-10-30.  !!",
            "!!  Please upgrade to a supported node version as soon as possible.                      !!",
            "!!                                                                                       !!",
            "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!") + "\n\n";

    private static String through(String text) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (PrintStream filtered = new PrintStream(new JsiiNodeBanner(new PrintStream(sink, true, StandardCharsets.UTF_8)), true,
                StandardCharsets.UTF_8)) {
            filtered.print(text);
            filtered.flush();
        }
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theEndOfLifeBannerIsDroppedAndWhatFollowsIsKept() {
        assertThat(through(BANNER + "Invalid settings, nothing was synthesized:\n  - BASELINE_AZ_COUNT=\"9\" is not accepted\n"))
                .isEqualTo("Invalid settings, nothing was synthesized:\n  - BASELINE_AZ_COUNT=\"9\" is not accepted\n");
    }

    @Test
    void otherWarningsInTheSameFrameAndPlainTextPassUnchanged() {
        String untested = BANNER.replace("Node 20 is end-of-life and not supported anymore by this software since 2026-10-30.",
                "This software has not been tested with node v25.0.0.                                 ");
        assertThat(through(untested)).isEqualTo(untested);
        assertThat(through("no newline at the end")).isEqualTo("no newline at the end");
    }
}
