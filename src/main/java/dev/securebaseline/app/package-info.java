/**
 * The entry point ({@link dev.securebaseline.app.Main}): reads the settings, refuses a bad one before anything is
 * written, composes the stacks in their order, synthesizes them and writes the preview.
 *
 * <p>The top layer: it uses {@code stacks}, {@code preview}, {@code pipeline} (the services each account's pipeline roles may
 * manage, from the types its stacks wrote), {@code tf} and {@code settings}, and no package uses it.
 */
package dev.securebaseline.app;
