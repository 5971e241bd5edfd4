package dev.securebaseline.app;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps jsii's Node end-of-life banner out of the synth's output. jsii prints it from its Node process on
 * every run unless {@code JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION} is set, and an environment
 * variable cannot be set from {@code mvn exec:java}, which runs the app inside Maven's own JVM. jsii relays the
 * Node process's standard error through {@code System.err}, so this filter drops that one banner (a block
 * framed by lines of {@code !} that says "end-of-life") and passes everything else, other jsii warnings included.
 * The Prerequisites say which Node versions jsii supports.
 */
final class JsiiNodeBanner extends OutputStream {

    private static final String END_OF_LIFE = "is end-of-life";

    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private List<String> block;
    private boolean afterDroppedBanner;

    JsiiNodeBanner(PrintStream target) {
        this.target = target;
    }

    /** Replaces {@code System.err} with a stream that drops the banner. */
    static void silence() {
        System.setErr(new PrintStream(new JsiiNodeBanner(System.err), true, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            accept(text);
        }
    }

    @Override
    public synchronized void flush() {
        if (block == null && line.size() > 0) {
            target.print(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
        target.flush();
    }

    private void accept(String text) {
        String content = text.strip();
        if (block != null) {
            block.add(text);
            if (isFrame(content)) {
                finishBlock();
            }
        } else if (isFrame(content)) {
            block = new ArrayList<>(List.of(text));
        } else if (!(content.isEmpty() && afterDroppedBanner)) {
            afterDroppedBanner = false;
            target.print(text);
        }
    }

    private void finishBlock() {
        boolean banner = block.stream().anyMatch(l -> l.contains(END_OF_LIFE));
        if (!banner) {
            block.forEach(target::print);
        }
        afterDroppedBanner = banner;
        block = null;
    }

    private static boolean isFrame(String content) {
        return content.length() >= 20 && content.chars().allMatch(c -> c == '!');
    }
}
