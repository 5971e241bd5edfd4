package dev.securebaseline.settings;

import dev.securebaseline.testing.Synth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settings of accounts and of the account baseline: typed, validated, defaults in one place, and every
 * bad value refused with the setting, the value and what is accepted, before anything is written.
 */
class AccountSettingsTest {

    /** What reading these variables refuses; fails when it accepts them. */
    static List<String> problems(Map<String, String> variables) {
        try {
            AppSettings.fromEnvironment(variables);
        } catch (SettingsException e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + variables);
    }

    @Test
    void withNoSettingsAllEnvironmentsShareTheDefaultAccountGuardedInTheSeventeenDefaultRegions() {
        AppSettings app = AppSettings.fromEnvironment(Map.of());

        assertThat(app.accounts()).singleElement().satisfies(account -> {
            assertThat(account.id()).isEmpty();
            assertThat(account.label()).isEqualTo("default");
            assertThat(account.stackName("baseline")).isEqualTo("baseline-account-default");
            assertThat(account.environments()).extracting(BaselineSettings::environment)
                    .containsExactly(Environment.DEV, Environment.STAGING, Environment.PROD);
            AccountSettings settings = account.settings();
            assertThat(settings.guardrailRegions()).hasSize(17).first().isEqualTo("us-east-1");
            assertThat(settings.guardrailRegions()).containsExactlyInAnyOrderElementsOf(AwsRegions.ENABLED_BY_DEFAULT);
            assertThat(settings.manageConfig() && settings.manageGuardDuty() && settings.manageSecurityHub()
                    && settings.manageAccessAnalyzer()).isTrue();
            assertThat(settings.configRecordingFrequency()).isEqualTo(AccountSettings.RecordingFrequency.CONTINUOUS);
            assertThat(settings.guardDutyProtections()).isEmpty();
            assertThat(settings.passwords()).isEqualTo(new AccountSettings.PasswordPolicy(14, Optional.empty()));
            assertThat(settings.securityContact()).isEmpty();
            assertThat(settings.auditRetention()).isEqualTo(new BaselineSettings.Archive(90, 2557));
            assertThat(settings.allowDestroy()).isFalse();
            assertThat(settings.access().deployRoleArn()).isEmpty();
            assertThat(settings.state().key()).isEqualTo("baseline/account/default/terraform.tfstate");
            assertThat(settings.trailDataEvents()).isEmpty();
            assertThat(settings.imdsHopLimit()).isEqualTo(2);
            assertThat(settings.unusedAccessAgeDays()).isEmpty();
            assertThat(settings.trailLogRetentionDays()).isEqualTo(365);
        });
    }

    @Test
    void theHomeRegionIsTheFirstEnvironmentsRegionUnlessSetAndComesFirst() {
        AccountSettings settings = AppSettings.fromEnvironment(Map.of("BASELINE_REGION", "eu-west-1",
                "BASELINE_GUARDRAIL_REGIONS", "us-east-1,eu-west-1")).accounts().get(0).settings();
        AccountSettings moved = AppSettings.fromEnvironment(Map.of("BASELINE_HOME_REGION", "us-east-2")).accounts().get(0).settings();

        assertThat(settings.homeRegion()).isEqualTo("eu-west-1");
        assertThat(settings.guardrailRegions()).containsExactly("eu-west-1", "us-east-1");
        assertThat(moved.homeRegion()).isEqualTo("us-east-2");
        assertThat(moved.guardrailRegions()).first().isEqualTo("us-east-2");
    }

    @Test
    void accountsAreLabelledAndEachAccountsSettingsAreItsOwn() {
        AppSettings app = AppSettings.fromEnvironment(Map.of(
                "BASELINE_ACCOUNT_LABELS", "shared=111111111111",
                "BASELINE_DEV_ACCOUNT_ID", "111111111111", "BASELINE_STAGING_ACCOUNT_ID", "111111111111",
                "BASELINE_PROD_DEPLOY_ROLE_ARN", "arn:aws:iam::333333333333:role/deploy",
                "BASELINE_ACCOUNT_SHARED_GUARDRAIL_REGIONS", "us-east-1",
                "BASELINE_ACCOUNT_333333333333_ACCOUNT_DEPLOY_ROLE_ARN", "arn:aws:iam::333333333333:role/account-admin",
                "BASELINE_TRAIL_DATA_EVENTS", "s3,lambda"));

        assertThat(app.accounts()).extracting(Account::label).containsExactly("shared", "333333333333");
        assertThat(app.accounts().get(0).settings().guardrailRegions()).containsExactly("us-east-1");
        assertThat(app.accounts().get(1).settings().guardrailRegions()).hasSize(17);
        assertThat(app.accounts().get(1).settings().access().deployRoleArn()).contains("arn:aws:iam::333333333333:role/account-admin");
        assertThat(app.accounts().get(1).settings().access().accountId()).contains("333333333333");
        assertThat(app.accounts()).allSatisfy(a -> assertThat(a.settings().trailDataEvents())
                .containsExactly(AccountSettings.DataEvents.S3, AccountSettings.DataEvents.LAMBDA));
        assertThat(app.bootstrap().stateKeys()).containsEntry("baseline-account-shared", "baseline/account/shared/terraform.tfstate")
                .containsEntry("baseline-account-333333333333", "baseline/account/333333333333/terraform.tfstate");
    }

    @Test
    void aDeployRoleNamesTheAccountWhenNoIdIsSet() {
        BaselineSettings prod = Synth.settings(Map.of("BASELINE_ENVIRONMENTS", "prod",
                "BASELINE_PROD_DEPLOY_ROLE_ARN", "arn:aws:iam::444455556666:role/ci/baseline-deploy"));

        assertThat(prod.accountId()).contains("444455556666");
        assertThat(prod.deployRoleArn()).contains("arn:aws:iam::444455556666:role/ci/baseline-deploy");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            BASELINE_ACCOUNT_ID                | 12345                          | not a 12-digit AWS account id                         | the 12-digit id of the environment's AWS account
            BASELINE_DEV_ACCOUNT_ID            | 1111222233334                  | not a 12-digit AWS account id                         | the 12-digit id
            BASELINE_DEPLOY_ROLE_ARN           | arn:aws:iam::111122223333:user/ci | not an IAM role ARN                               | an IAM role ARN such as arn:aws:iam::111122223333:role/baseline-deploy
            BASELINE_DEPLOY_ROLE_ARN           | baseline-deploy                | not an IAM role ARN                                   | an IAM role ARN
            BASELINE_GUARDRAIL_REGIONS         | us-east-1,mars-1               | unknown region                                        | comma-separated AWS regions, each once
            BASELINE_GUARDRAIL_REGIONS         | us-east-1,eu-west-1,us-east-1  | us-east-1 is listed twice                             | comma-separated AWS regions, each once
            BASELINE_GUARDRAIL_REGIONS         | eu-west-1,eu-west-2            | it leaves out us-east-1, where the account's home region and environments are | a list that includes us-east-1
            BASELINE_GUARDRAIL_REGIONS         |                                | empty                                                 | comma-separated AWS regions
            BASELINE_ADOPT_GUARDDUTY_DETECTORS | eu-central-2=0123456789abcdef0123456789abcdef | eu-central-2 is not a guardrail region | empty, or comma-separated region=detector-id (32 hex digits) pairs
            BASELINE_ADOPT_GUARDDUTY_DETECTORS | us-east-1=12ab                 | "12ab" is not a valid detector-id (32 hex digits)     | empty, or comma-separated region=detector-id
            BASELINE_ADOPT_CONFIG_RECORDERS    | us-east-1                      | "us-east-1" is not region=recorder-name               | empty, or comma-separated region=recorder-name pairs
            BASELINE_ADOPT_ACCESS_ANALYZERS    | us-east-1=a,us-east-1=b        | us-east-1 is listed twice                             | empty, or comma-separated region=analyzer-name pairs
            BASELINE_ADOPT_SECURITY_HUB        | us-east-1,mars-1               | unknown region                                        | empty, or comma-separated guardrail regions
            BASELINE_MANAGE_GUARDDUTY          | no                             | not a boolean                                         | true or false
            BASELINE_CONFIG_RECORDING_FREQUENCY | hourly                        | unknown frequency                                     | continuous or daily
            BASELINE_GUARDDUTY_PROTECTIONS     | s3-logs                        | "s3-logs" is not a GuardDuty protection plan          | empty, or comma-separated protection plans from eks-audit-logs, ebs-malware-protection, rds-login-events, lambda-network-logs, runtime-monitoring
            BASELINE_PASSWORD_MIN_LENGTH       | 8                              | out of range                                          | a whole number from 14 to 128
            BASELINE_PASSWORD_MAX_AGE_DAYS     | 2000                           | out of range                                          | 0 (passwords never expire)
            BASELINE_SECURITY_CONTACT_EMAIL    | security.acme-corp.io          | not an email address                                  | the email address of your security team
            BASELINE_TRAIL_GLACIER_DAYS        | 5                              | out of range                                          | a whole number from 30 to 3650
            BASELINE_ALLOW_ACCOUNT_DESTROY     | yes                            | not a boolean                                         | true or false
            BASELINE_ACCOUNT_LABELS            | Shared=111111111111            | "Shared" is not a label of 1-16 lowercase letters     | empty, or comma-separated label=account-id pairs
            BASELINE_ACCOUNT_LABELS            | default=111111111111           | other than default                                    | empty, or comma-separated label=account-id pairs
            BASELINE_ACCOUNT_LABELS            | a=111111111111,b=111111111111  | 111111111111 is listed twice                     | empty, or comma-separated label=account-id pairs
            BASELINE_HOME_REGION               | mars-1                         | unknown region                                        | a commercial AWS region name
            BASELINE_ACCOUNT_DEPLOY_ROLE_ARN   | arn:aws:iam::111122223333:user/x | not an IAM role ARN                                 | an IAM role ARN
            BASELINE_ACCOUNT_DEFAULT_TRAIL_DATA_EVENTS | s3,dynamodb            | "dynamodb" is not s3 or lambda                        | empty, or comma-separated s3 and lambda
            BASELINE_IMDS_HOP_LIMIT            | 0                              | out of range                                          | a whole number from 1 to 64
            BASELINE_UNUSED_ACCESS_ANALYZER    | maybe                          | not a boolean                                         | true or false
            BASELINE_TRAIL_LOG_RETENTION_DAYS  | 30                             | under a year                                          | one of [365
            BASELINE_SECURITY_ALARM_EMAIL      | security                       | not an email address                                  | an email address such as security@yourcompany.com
            BASELINE_ALB_INGRESS_CIDRS         | 10.0.0.0/8,10.1.0.0/16,10.2.0.0/16,10.3.0.0/16,10.4.0.0/16,10.5.0.0/16,10.6.0.0/16 | 7 CIDRs would need 21 inbound entries in the public network ACL, and AWS allows 20 | at most 6 CIDRs
            """)
    void aBadValueIsRefusedWithTheSettingTheValueAndWhatIsAccepted(String variable, String value, String reason, String accepted) {
        assertThat(problems(Map.of(variable, value == null ? "" : value)))
                .anySatisfy(problem -> assertThat(problem)
                        .containsPattern("^" + java.util.regex.Pattern.quote(variable + "=\"" + (value == null ? "" : value) + "\"") + SettingsTest.NOT_ACCEPTED)
                        .contains(reason)
                        .contains("Accepted: " + accepted));
    }

    @Test
    void aRoleInAnotherAccountThanTheEnvironmentsIsRefused() {
        assertThat(problems(Map.of("BASELINE_PROD_ACCOUNT_ID", "111122223333",
                "BASELINE_PROD_DEPLOY_ROLE_ARN", "arn:aws:iam::444455556666:role/deploy", "BASELINE_DEV_ACCOUNT_ID", "111122223333",
                "BASELINE_STAGING_ACCOUNT_ID", "111122223333")))
                .singleElement().asString()
                .startsWith("BASELINE_PROD_DEPLOY_ROLE_ARN=\"arn:aws:iam::444455556666:role/deploy\" is not accepted: "
                        + "the role is in account 444455556666, not in 111122223333 (BASELINE_PROD_ACCOUNT_ID)")
                .endsWith("Accepted: a role in the account the environment deploys into.");
    }

    @Test
    void anOptInRegionMustBeListedToBeGuarded() {
        assertThat(problems(Map.of("BASELINE_REGION", "eu-central-2"))).as("the region given is blamed, not the regions nobody set")
                .singleElement().asString()
                .startsWith("BASELINE_REGION=\"eu-central-2\" is not accepted for dev, staging and prod: eu-central-2 is an opt-in region, "
                        + "outside the default guardrail regions, so the account stack would not guard it. Accepted: a region every account has (us-east-1,")
                .endsWith("or this one with BASELINE_GUARDRAIL_REGIONS listing it beside them.");
        assertThat(Synth.settings(Map.of("BASELINE_REGION", "eu-central-2", "BASELINE_GUARDRAIL_REGIONS", "eu-central-2,eu-west-1")).region())
                .isEqualTo("eu-central-2");
    }

    @Test
    void everyRegionTheAccountsEnvironmentsRunInMustBeGuarded() {
        assertThat(problems(Map.of("BASELINE_PROD_REGION", "eu-west-1", "BASELINE_GUARDRAIL_REGIONS", "us-east-1")))
                .singleElement().asString()
                .startsWith("BASELINE_GUARDRAIL_REGIONS=\"us-east-1\" is not accepted for account default: it leaves out eu-west-1")
                .contains("Accepted: a list that includes us-east-1, eu-west-1");
    }

    @Test
    void anAccountDeployRoleOutsideTheAccountOfItsEnvironmentsIsRefused() {
        assertThat(problems(Map.of("BASELINE_ACCOUNT_DEPLOY_ROLE_ARN", "arn:aws:iam::444455556666:role/account-admin")))
                .singleElement().asString()
                .startsWith("BASELINE_ACCOUNT_DEPLOY_ROLE_ARN=\"arn:aws:iam::444455556666:role/account-admin\" is not accepted for account default: the role is in "
                        + "account 444455556666, not in the account of its environments (the deploying credentials' account)");
    }

    @Test
    void theRetiredOwnerSettingIsRefusedWithItsReason() {
        assertThat(problems(Map.of("BASELINE_ACCOUNT_OWNER", "prod"))).singleElement().asString()
                .startsWith("BASELINE_ACCOUNT_OWNER=\"prod\" is not accepted: it is no longer needed: what exists once per account has a stack of its own");
    }

    @Test
    void someEnvironmentsNamingTheirAccountAndOthersNotIsRefusedForEachUnnamedOne() {
        assertThat(problems(Map.of("BASELINE_PROD_ACCOUNT_ID", "333333333333"))).as("one mistake, one message, quoting what was set")
                .containsExactly("BASELINE_PROD_ACCOUNT_ID=\"333333333333\" is not accepted: prod names its account and dev and staging do not, so "
                        + "whether they share one cannot be known. Accepted: an account id (or a deploy role) for every environment, "
                        + "BASELINE_DEV_ACCOUNT_ID and BASELINE_STAGING_ACCOUNT_ID among them, or for none.");
    }

    @Test
    void anAccountSettingGivenForAnEnvironmentIsRefusedNamingTheAccountForms() {
        assertThat(problems(Map.of("BASELINE_STAGING_GUARDRAIL_REGIONS", "us-east-1")))
                .singleElement().asString()
                .isEqualTo("BASELINE_STAGING_GUARDRAIL_REGIONS=\"us-east-1\" is not accepted: GUARDRAIL_REGIONS shapes an account stack, not an "
                        + "environment. Accepted: BASELINE_GUARDRAIL_REGIONS for every account, or BASELINE_ACCOUNT_<LABEL>_GUARDRAIL_REGIONS "
                        + "for one (labels: default).");
        assertThat(AppSettings.fromEnvironment(Map.of("BASELINE_ACCOUNT_DEFAULT_GUARDRAIL_REGIONS", "us-east-1")).accounts().get(0)
                .settings().guardrailRegions()).containsExactly("us-east-1");
    }

    @Test
    void aSecurityContactNeedsThePhoneNumberAwsRequires() {
        assertThat(problems(Map.of("BASELINE_SECURITY_CONTACT_EMAIL", "security@acme-corp.io")))
                .singleElement().asString()
                .isEqualTo("BASELINE_SECURITY_CONTACT_EMAIL=\"security@acme-corp.io\" is not accepted for account default: AWS requires a "
                        + "phone number with the security contact, and none is set. Accepted: the address with BASELINE_SECURITY_CONTACT_PHONE "
                        + "beside it, such as +1 206 555 0100.");
        assertThat(problems(Map.of("BASELINE_SECURITY_CONTACT_EMAIL", "security@acme-corp.io", "BASELINE_SECURITY_CONTACT_PHONE", "call us")))
                .singleElement().asString().startsWith("BASELINE_SECURITY_CONTACT_PHONE=\"call us\" is not accepted for account default: not a phone number");
    }

    @Test
    void theRetiredDefaultVpcSettingIsRefusedWithItsReason() {
        assertThat(problems(Map.of("BASELINE_PROD_REGIONS_WITHOUT_DEFAULT_VPC", "all"))).singleElement().asString()
                .isEqualTo("BASELINE_PROD_REGIONS_WITHOUT_DEFAULT_VPC=\"all\" is not accepted: it is no longer needed: the baseline locks the "
                        + "default security group only in regions that still have a default VPC, found by a lookup, and never creates one. "
                        + "Accepted: remove it.");
    }

    /** A malformed account id is one problem: not also "dev does not name its account". */
    @Test
    void aMalformedAccountIdIsReportedOnce() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BASELINE_DEV_ACCOUNT_ID", "12345678901",
                "BASELINE_STAGING_ACCOUNT_ID", "111111111111", "BASELINE_PROD_ACCOUNT_ID", "111111111111")))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).problems()).singleElement().asString()
                        .startsWith("BASELINE_DEV_ACCOUNT_ID=\"12345678901\" is not accepted: not a 12-digit AWS account id"));
    }

    @Test
    void adoptingWhatTheBaselineDoesNotManageIsRefused() {
        assertThat(problems(Map.of("BASELINE_MANAGE_GUARDDUTY", "false", "BASELINE_ADOPT_GUARDDUTY_DETECTORS",
                "us-east-1=0123456789abcdef0123456789abcdef"))).singleElement().asString()
                .startsWith("BASELINE_ADOPT_GUARDDUTY_DETECTORS=\"us-east-1=0123456789abcdef0123456789abcdef\" is not accepted for account default: "
                        + "BASELINE_MANAGE_GUARDDUTY=false writes nothing to adopt it into");
        assertThat(problems(Map.of("BASELINE_MANAGE_SECURITY_HUB", "false", "BASELINE_ADOPT_SECURITY_HUB", "us-east-1")))
                .singleElement().asString().contains("BASELINE_MANAGE_SECURITY_HUB=false writes nothing to adopt it into");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            BASELINE_INSTANC_TYPE          | BASELINE_INSTANCE_TYPE
            BASELINE_PROD_INSTANC_TYPE     | BASELINE_PROD_INSTANCE_TYPE
            BASELINE_GUARDRAILS_REGIONS    | BASELINE_GUARDRAIL_REGIONS
            BASELINE_ENVIRONMENT           | BASELINE_ENVIRONMENTS
            BASELINE_QA_AZ_COUNT           | BASELINE_AZ_COUNT
            BASELINE_PROD_PROJECT          | BASELINE_PROJECT
            """)
    void anUnknownBaselineVariableIsRefusedNamingTheClosestKnownSetting(String variable, String closest) {
        assertThat(problems(Map.of(variable, "x"))).singleElement().asString()
                .isEqualTo(variable + "=\"x\" is not accepted: the app has no such setting (did you mean " + closest + "?). "
                        + "Accepted: the settings in docs/settings.md, each also as BASELINE_<ENVIRONMENT>_<SETTING> "
                        + "or BASELINE_ACCOUNT_<LABEL>_<SETTING> as the table says.");
    }

    @Test
    void variablesOfOtherToolsAreNotTheAppsBusiness() {
        assertThat(AppSettings.fromEnvironment(Map.of("BASELINES", "x", "TF_VAR_alarm_email", "a@b.io", "CDKTF_OUTDIR", "out"))
                .environments()).hasSize(3);
    }

    @Test
    void everyKnownVariableIsAccepted() {
        List<String> known = Setting.knownVariables(List.of("default", "shared"));
        for (Setting setting : Setting.values()) {
            assertThat(UnknownSettings.closest(setting.variable(), known)).isEqualTo(setting.variable());
        }
        assertThat(known).contains("BASELINE_PROD_ACCOUNT_ID", "BASELINE_GUARDRAIL_REGIONS", "BASELINE_ACCOUNT_SHARED_GUARDRAIL_REGIONS",
                        "BASELINE_ACCOUNT_DEFAULT_HOME_REGION")
                .doesNotContain("BASELINE_DEV_PROJECT", "BASELINE_PROD_ENVIRONMENTS", "BASELINE_DEV_GUARDRAIL_REGIONS", "BASELINE_ACCOUNT_SHARED_AZ_COUNT");
    }
}
