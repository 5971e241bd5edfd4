/**
 * The preview every synth writes ({@code cdktf.out/SUMMARY.md}): the synthesized stacks read back
 * ({@link dev.securebaseline.preview.StackFacts}), grouped by concern, priced ({@link dev.securebaseline.preview.MonthlyCost})
 * and drawn ({@link dev.securebaseline.preview.LayoutDiagram}).
 *
 * <p>It reads the JSON the stacks wrote, not the stacks; it uses {@code settings}.
 */
package dev.securebaseline.preview;
