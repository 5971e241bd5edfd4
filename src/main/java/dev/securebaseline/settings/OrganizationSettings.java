package dev.securebaseline.settings;

import java.util.List;

/**
 * What shapes the organization's own stacks ({@code <project>-org}, {@code <project>-log-archive},
 * {@code <project>-security}): the organization file, and the app-wide settings that still apply to them.
 *
 * @param organization          the organization file
 * @param auditRetention        the log archive's buckets (BASELINE_TRAIL_GLACIER_DAYS, BASELINE_TRAIL_EXPIRATION_DAYS)
 * @param securityAlarmEmail    default of the org stack's {@code alarm_email} variable (the CIS alarms)
 * @param trailLogRetentionDays default of the org stack's {@code log_retention_days} variable (the trail's log group)
 * @param allowDestroy          BASELINE_ALLOW_ACCOUNT_DESTROY: lifts prevent_destroy where a retire may (never from the organization)
 */
public record OrganizationSettings(Organization organization, BaselineSettings.Archive auditRetention, String securityAlarmEmail,
                                   int trailLogRetentionDays, boolean allowDestroy, List<String> pipelineDeployRoles) {

    public static final String ORG = "org";
    public static final String LOG_ARCHIVE = "log-archive";
    public static final String SECURITY = "security";

    /** {@code <project>-org}, {@code <project>-log-archive}, {@code <project>-security}. */
    public static String stackName(String project, String part) {
        return project + "-" + part;
    }

    /** Each of the three stacks keeps its state under {@code <project>/<part>/terraform.tfstate}. */
    public static BaselineSettings.StateBackend state(AppSettings.Bootstrap app, String part) {
        return new BaselineSettings.StateBackend(app.stateBucket(), app.project() + "/" + part + "/terraform.tfstate", app.region());
    }

    /**
     * The three, in deploy order: the log archive first (the organization trail reads where to deliver from its state), then
     * the organization, then security (the delegated administrator the organization stack names).
     */
    public static List<String> parts() {
        return List.of(LOG_ARCHIVE, ORG, SECURITY);
    }
}
