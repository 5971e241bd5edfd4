package dev.securebaseline.stacks;

import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.audit.AccountAudit;
import dev.securebaseline.audit.AccountAudit.AuditStorage;
import dev.securebaseline.audit.AccountAudit.Trail;
import dev.securebaseline.guardrails.AccountGuardrails;
import dev.securebaseline.guardrails.RegionGuardrails;
import dev.securebaseline.settings.Account;
import dev.securebaseline.settings.AccountSettings;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.Organization;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.AwsProvider;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.StackVariables;
import dev.securebaseline.tf.StateBackends;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

import static dev.securebaseline.tf.Tf.listOf;

/**
 * What an AWS account has once, in a stack of its own, {@code <project>-account-<label>}: the audit key and
 * buckets, the multi-region trail and its fifteen CIS alarms with their topic, the account's IAM and S3
 * settings, and the guardrails of every guardrail region, each region through its own aliased provider.
 * It is deployed after the bootstrap and before the account's environments, by a role of its own; no
 * environment stack reads anything from it, so each deploys on its own.
 */
public final class AccountStack extends TerraformStack {

    private final AccountSettings settings;
    private final Tf tf;
    private final Naming names;
    private final AwsContext aws;

    public AccountStack(Construct scope, AppSettings.Bootstrap app, Account account) {
        super(scope, account.stackName(app.project()));
        this.settings = account.settings();
        this.tf = new Tf(this);
        this.names = Naming.ofAccount(app.project(), app.stateBucket(), account.id());

        this.aws = providers(app, account);
        StateBackends.write(this, tf, settings.state(), app.project() + "-bootstrap");
        Tf home = tf.withProvider(AwsProvider.in(settings.homeRegion()));
        AccountGuardrails guardrails = new AccountGuardrails(home, aws, settings, names);
        if (settings.isMember()) {
            memberOfTheOrganization(app, guardrails, settings.organization().orElseThrow());
        } else {
            standalone(new AccountAudit(home, aws, settings, names), guardrails);
        }
        tf.flush();
    }

    /** A standalone account: the trail, its alarms and storage, the account settings, the guardrails of every region. */
    private void standalone(AccountAudit audit, AccountGuardrails guardrails) {
        Variables vars = variables();
        Ref key = audit.auditKey();
        Ref topic = audit.securityAlarmTopic(key, vars.alarmEmail());
        AuditStorage storage = audit.auditStorage(key);
        Trail trail = audit.trail(key, storage, vars.logRetentionDays());
        List<Ref> alarms = audit.cisAlarms(trail, topic);
        accountSettings(guardrails);
        regionGuardrails(guardrails.configDelivery(storage));
        guardrails.unusedAccessAnalyzer();
        guardrails.findingAggregator();
        outputs(key, storage, trail, topic, alarms);
    }

    /**
     * An account of an organization (a member, or the management account): the organization trail, its alarms,
     * GuardDuty, Security Hub and the organization analyzers are the organization's; the account keeps its own
     * settings, Config recorders delivering into the log archive, and an account analyzer in every guardrail region.
     */
    private void memberOfTheOrganization(AppSettings.Bootstrap app, AccountGuardrails guardrails, Organization organization) {
        LogArchiveState.Destinations logArchive = LogArchiveState.read(tf, app, organization,
                "AWS Config's recording in " + String.join(", ", settings.guardrailRegions()));
        accountSettings(guardrails);
        regionGuardrails(guardrails.configDeliveryTo(logArchive.configBucket(), logArchive.configKeyArn(), logArchive.ready()));
        tf.output("guardrail_regions", listOf(settings.guardrailRegions()), "Regions with the account guardrails, the home region first.");
        tf.output("organization", organization.id(), "The organization whose trail, GuardDuty, Security Hub and organization analyzers cover this account.");
    }

    /** The account's own IAM and S3 settings and its security contact. */
    private void accountSettings(AccountGuardrails guardrails) {
        guardrails.passwordPolicy();
        guardrails.supportRole();
        guardrails.accountPublicAccessBlock();
        guardrails.securityContact();
    }

    // ==================================================================== providers and variables

    /** The default provider in the home region and one alias per guardrail region, pinned to the account, tagged as it. */
    private AwsContext providers(AppSettings.Bootstrap app, Account account) {
        Map<String, Object> tags = AwsProvider.defaultTags(app.project(), "account", app.owner());
        tags.put("account-stack", account.stackName(app.project()));
        return AwsProvider.configure(tf, settings.homeRegion(), tags, settings.access(), settings.guardrailRegions(),
                settings.organization().flatMap(organization -> LogArchiveState.stateBucket(app, organization)));
    }

    private record Variables(Ref alarmEmail, Ref logRetentionDays) {
    }

    /** What operators may tune at deploy time without a new synth. */
    private Variables variables() {
        return new Variables(
                StackVariables.alarmEmail(tf, settings.alarmEmail(),
                        "Email address subscribed to the account's security alarm topic (the CIS alarms); empty for no subscription."),
                StackVariables.logRetentionDays(tf, settings.trailLogRetentionDays(), "Retention in days of the trail's log group."));
    }

    // ==================================================================== guardrails

    /** Config, GuardDuty, Security Hub, Access Analyzer, EBS, IMDS and sharing defaults, default groups: in every guardrail region. */
    private void regionGuardrails(RegionGuardrails.ConfigDelivery config) {
        for (String region : settings.guardrailRegions()) {
            RegionGuardrails.write(tf, aws.inRegion(region), settings, names, config);
        }
    }

    // ==================================================================== outputs

    private void outputs(Ref key, AuditStorage storage, Trail trail, Ref topic, List<Ref> alarms) {
        tf.output("trail_arn", trail.trail().get("arn"), "ARN of the account's multi-region CloudTrail trail.");
        tf.output("trail_bucket_name", storage.trail().bucket().get("id"), "S3 bucket receiving the CloudTrail logs.");
        tf.output("trail_log_group_name", trail.logGroup().get("name"), "CloudWatch log group receiving the trail.");
        tf.output("audit_access_log_bucket_name", storage.accessLogs().bucket().get("id"),
                "S3 bucket receiving the server access logs of the audit buckets.");
        tf.output("audit_key_arn", key.get("arn"), "ARN of the KMS key of the trail, its log group, the Config history and the security alarm topic.");
        if (storage.config() != null) {
            tf.output("config_bucket_name", storage.config().bucket().get("id"), "S3 bucket receiving AWS Config's history and snapshots.");
        }
        tf.output("security_alarm_topic_arn", topic.get("arn"), "SNS topic the CIS alarms notify.");
        tf.output("cis_alarm_names", listOf(alarms.stream().map(alarm -> alarm.get("alarm_name")).toList()),
                "Names of the CIS monitoring alarms, in control order.");
        tf.output("guardrail_regions", listOf(settings.guardrailRegions()), "Regions with the account guardrails, the home region first.");
        StateMoves moves = StateMoves.fromCarrier(tf.addresses(), settings);
        tf.output("state_moves_from_the_environment_stack", listOf(moves.moved()),
                "For a deployment of the earlier layout, where one environment's stack carried this: every address to move here "
                        + "(from → to), with terraform state mv. See docs/retire-and-migration.md, Migrating from the carrier layout.");
        tf.output("state_removals_from_the_environment_stack", listOf(moves.forgotten()),
                "For a deployment of the earlier layout: addresses to forget in the carrier's state (terraform state rm), which nothing replaces.");
    }
}
