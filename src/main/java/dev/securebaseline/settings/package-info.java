/**
 * What the user configures, read and validated before anything is written: the {@code BASELINE_*} environment
 * variables ({@link dev.securebaseline.settings.Setting}), the organization file, and the typed settings of the app, its
 * accounts and its environments, with every problem collected into one {@link dev.securebaseline.settings.SettingsException}.
 *
 * <p>The bottom layer: it uses no other package of the app, and everything else reads its records.
 */
package dev.securebaseline.settings;
