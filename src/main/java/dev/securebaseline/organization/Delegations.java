package dev.securebaseline.organization;

import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.settings.Organization;
import dev.securebaseline.tf.AwsProvider;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import java.util.Map;

import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;

/**
 * What the management account hands to others: root access managed centrally, and the security services administered
 * by the security account. Each designation is adopted when the file says the organization already has it.
 */
public final class Delegations {

    /** Delegated through Organizations itself: service principal → address. */
    private static final Map<String, String> DELEGATED_THROUGH_ORGANIZATIONS = Map.of(
            "config.amazonaws.com", "config",
            "access-analyzer.amazonaws.com", "access_analyzer",
            "iam.amazonaws.com", "iam");

    private final Tf tf;
    private final Organization organization;
    private final OneWriteAtATime writes;

    /** Writes through {@code tf}, whose provider is the home region's, one write at a time. */
    public Delegations(Tf tf, Organization organization, OneWriteAtATime writes) {
        this.tf = tf;
        this.organization = organization;
        this.writes = writes;
    }

    /**
     * CIS v7: the members' root users hold no credentials and sign in to nothing; the management account (or its
     * delegate) opens a short root session for the few tasks that need one.
     */
    public void centralizedRootAccess() {
        writes.write(tf, "aws_iam_organizations_features", "main", map(
                "enabled_features", list("RootCredentialsManagement", "RootSessions")));
    }

    /** The security account administers GuardDuty, Security Hub, Config, Access Analyzer, CloudTrail and root access. */
    public void delegatedAdministrators() {
        String security = organization.security().accountId();
        DELEGATED_THROUGH_ORGANIZATIONS.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(entry -> adoptable(
                writes.write(tf, "aws_organizations_delegated_administrator", entry.getValue(), map(
                        "account_id", security,
                        "service_principal", entry.getKey())),
                security + "/" + entry.getKey(), tf));
        adoptable(writes.write(tf, "aws_cloudtrail_organization_delegated_admin_account", "security", map(
                "account_id", security)), security, tf);
        adoptable(writes.write(tf, "aws_securityhub_organization_admin_account", "security", map(
                "admin_account_id", security)), security, tf);
        // GuardDuty's delegated administrator is regional: one designation per guardrail region.
        for (String region : organization.guardrailRegions()) {
            Tf regional = tf.withProvider(AwsProvider.in(region));
            adoptable(writes.write(regional, "aws_guardduty_organization_admin_account", AwsRegions.alias(region), map(
                    "admin_account_id", security)), security, regional);
        }
    }

    private void adoptable(Ref designation, String id, Tf view) {
        if (organization.adoptDelegatedAdministrators()) {
            view.adopt(designation, id);
        }
    }
}
