package dev.securebaseline.settings;

/**
 * Where a setting can be given for one part of the app besides {@code BASELINE_<SETTING>}: one environment
 * ({@code BASELINE_PROD_<SETTING>}) or one account ({@code BASELINE_ACCOUNT_<LABEL>_<SETTING>}).
 */
interface SettingScope {

    /** What every variable of this part alone starts with: {@code BASELINE_PROD_}, {@code BASELINE_ACCOUNT_SHARED_}. */
    String prefix();

    /** The variable that sets {@code setting} for this part alone. */
    default String variable(Setting setting) {
        return prefix() + setting.name();
    }

    /** This part's default for {@code setting}: an environment's table, else the setting's own. */
    String defaultFor(Setting setting);

    /** Can {@code setting} be set for this part alone? */
    boolean carries(Setting setting);

    /** How problems name this part: {@code prod}, {@code account shared}. */
    String describe();
}
