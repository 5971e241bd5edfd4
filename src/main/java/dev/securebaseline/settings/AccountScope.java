package dev.securebaseline.settings;

import java.util.Locale;

/** One account's settings: {@code BASELINE_ACCOUNT_<LABEL>_<SETTING>}, the label upper-cased with {@code -} as {@code _}. */
record AccountScope(String label) implements SettingScope {

    @Override
    public String prefix() {
        return Setting.PREFIX + "ACCOUNT_" + label.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    }

    @Override
    public String defaultFor(Setting setting) {
        return setting.defaultValue();
    }

    @Override
    public boolean carries(Setting setting) {
        return setting.isAccountScope();
    }

    @Override
    public String describe() {
        return "account " + label;
    }
}
