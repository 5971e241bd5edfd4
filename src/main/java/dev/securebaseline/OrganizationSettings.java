package dev.securebaseline;

import com.hashicorp.cdktf.TerraformStack;

import java.util.List;
import java.util.Optional;

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
                                   int trailLogRetentionDays, boolean allowDestroy) {

    static final String ORG = "org";
    static final String LOG_ARCHIVE = "log-archive";
    static final String SECURITY = "security";

    /** {@code <project>-org}, {@code <project>-log-archive}, {@code <project>-security}. */
    static String stackName(String project, String part) {
        return project + "-" + part;
    }

    /** Each of the three stacks keeps its state under {@code <project>/<part>/terraform.tfstate}. */
    static BaselineSettings.StateBackend state(AppSettings.Bootstrap app, String part) {
        return new BaselineSettings.StateBackend(app.stateBucket(), app.project() + "/" + part + "/terraform.tfstate", app.region());
    }

    static List<String> parts() {
        return List.of(ORG, LOG_ARCHIVE, SECURITY);
    }

    /**
     * What each of the three stacks starts with: the providers pinned to {@code account} (through its deploy role),
     * tagged as the part, one alias per region of {@code aliasRegions}, and the S3 backend of the part's state.
     */
    static AwsContext providersAndState(TerraformStack stack, Tf tf, AppSettings.Bootstrap app, String part, Naming names,
                                        Organization.Member account, String homeRegion, List<String> aliasRegions) {
        AwsContext aws = AwsProvider.configure(tf, homeRegion, AwsProvider.defaultTags(app.project(), part, app.owner()),
                new AwsProvider.Access(Optional.of(account.accountId()), account.deployRoleArn(), names.display("deploy")), aliasRegions);
        StateBackends.write(stack, tf, state(app, part), app.project() + "-bootstrap");
        return aws;
    }
}
