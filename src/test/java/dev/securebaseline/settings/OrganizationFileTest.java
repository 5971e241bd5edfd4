package dev.securebaseline.settings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.securebaseline.testing.Organizations;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organization settings file is read like every other setting: every key known, every value checked, the
 * file checked against itself and against the run, each problem naming the file, the key, the value and
 * what is accepted, and nothing written while there is one.
 */
class OrganizationFileTest {

    private static List<String> problems(Map<String, String> variables) {
        return AccountSettingsTest.problems(variables);
    }

    /** The problems of the example file changed by {@code edit}. */
    private static List<String> problemsOf(String name, Consumer<ObjectNode> edit) {
        return problems(Organizations.withFile(name, edit));
    }

    private static ObjectNode workload(ObjectNode file, int index) {
        return (ObjectNode) file.path("workloads").get(index);
    }

    @Test
    void theExampleIsReadAsTheReadmeDescribesIt() {
        AppSettings app = AppSettings.fromEnvironment(Organizations.example());
        Organization organization = app.organization().orElseThrow().organization();

        assertThat(organization.id()).isEqualTo("o-a1b2c3d4e5");
        assertThat(organization.guardrailRegions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(organization.policyTargets()).extracting(Organization.PolicyTarget::id).containsExactly("r-a1b2");
        assertThat(organization.workloads()).extracting(Organization.Workload::label).containsExactly("shared", "prod");
        assertThat(organization.logArchiveOutputs()).isEmpty();
        assertThat(organization.state().accountId()).isEqualTo("666666666666");
        assertThat(organization.trustedOutsideAccounts()).containsExactly("666666666666");
        assertThat(organization.keepPolicyTypes()).containsExactly("TAG_POLICY");
        assertThat(app.accounts()).extracting(Account::label).containsExactly("management", "log-archive", "security", "shared", "prod");
        assertThat(app.accountOf(app.environments().get(0)).label()).isEqualTo("shared");
        assertThat(app.accountOf(app.environments().get(2)).id()).contains("555555555555");
        assertThat(app.accounts().get(3).settings().access().deployRoleArn()).contains("arn:aws:iam::444444444444:role/baseline-account-admin");
        assertThat(app.accounts().get(0).settings().access().deployRoleArn())
                .as("the management account stack deploys through the management account's own role")
                .contains("arn:aws:iam::111111111111:role/baseline-organization-admin");
        assertThat(app.accounts()).allSatisfy(account -> assertThat(account.settings().isMember()).isTrue());
        assertThat(app.bootstrap().access().accountId()).as("the bootstrap is pinned to the state account").contains("666666666666");
        assertThat(app.bootstrap().access().deployRoleArn()).contains("arn:aws:iam::666666666666:role/baseline-state-admin");
    }

    /** Every value of the file, read back: a value read wrong would change what the organization's stacks do. */
    @Test
    void everyValueOfTheFileIsReadAsWritten() {
        Organization organization = AppSettings.fromEnvironment(Organizations.example()).organization().orElseThrow().organization();

        assertThat(organization.rootId()).isEqualTo("r-a1b2");
        assertThat(organization.homeRegion()).isEqualTo("us-east-1");
        assertThat(organization.management()).isEqualTo(new Organization.Member("111111111111",
                java.util.Optional.of("arn:aws:iam::111111111111:role/baseline-organization-admin")));
        assertThat(organization.logArchive().accountId()).isEqualTo("222222222222");
        assertThat(organization.security().accountId()).isEqualTo("333333333333");
        assertThat(organization.accountDeployRoleName()).isEqualTo("baseline-account-admin");
        assertThat(organization.breakGlassRoleName()).isEqualTo("baseline-break-glass");
        assertThat(organization.accountAccessRoleName()).as("the name AWS Organizations gives it, when the file names none")
                .isEqualTo("OrganizationAccountAccessRole");
        assertThat(AppSettings.fromEnvironment(Organizations.withFile("access-role", file -> file.put("organization_account_access_role_name",
                "OrgAccess"))).organization().orElseThrow().organization().accountAccessRoleName()).isEqualTo("OrgAccess");
        assertThat(organization.denyOtherRegions()).isTrue();
        assertThat(organization.adoptDelegatedAdministrators()).isFalse();
        assertThat(organization.keepServiceAccessPrincipals()).containsExactly("sso.amazonaws.com");
        assertThat(organization.objectLock()).isEqualTo(new Organization.ObjectLock("GOVERNANCE", 365));
        assertThat(organization.guardDutyProtections()).containsExactly(AccountSettings.GuardDutyProtection.EBS_MALWARE_PROTECTION);
        assertThat(organization.workloads().get(0)).isEqualTo(new Organization.Workload("shared", "444444444444",
                java.util.Optional.of("ou-a1b2-11111111"), List.of(Environment.DEV, Environment.STAGING)));

        Organization sparse = AppSettings.fromEnvironment(Organizations.withFile("sparse", file -> {
            file.remove(List.of("keep_service_access_principals", "guardduty_protections", "guardrail_regions", "keep_policy_types"));
            file.put("deny_other_regions", false);
            file.put("adopt_delegated_administrators", true);
            ((ObjectNode) file.path("object_lock")).put("mode", "COMPLIANCE").put("retention_days", OrganizationFile.MAX_RETENTION_DAYS);
        })).organization().orElseThrow().organization();
        assertThat(sparse.denyOtherRegions()).isFalse();
        assertThat(sparse.adoptDelegatedAdministrators()).isTrue();
        assertThat(sparse.keepServiceAccessPrincipals()).isEmpty();
        assertThat(sparse.keepPolicyTypes()).isEmpty();
        assertThat(sparse.guardDutyProtections()).isEmpty();
        assertThat(sparse.guardrailRegions()).isEqualTo(AwsRegions.ENABLED_BY_DEFAULT);
        assertThat(sparse.objectLock()).isEqualTo(new Organization.ObjectLock("COMPLIANCE", 36500));

        assertThat(AppSettings.fromEnvironment(Organizations.withFile("one-day", file -> ((ObjectNode) file.path("object_lock"))
                .put("retention_days", 1))).organization().orElseThrow().organization().objectLock().days()).isEqualTo(1);
        assertThat(AppSettings.fromEnvironment(Organizations.adoptingArchiveBuckets()).organization().orElseThrow().organization().logArchiveOutputs())
                .contains(new Organization.LogArchiveOutputs(Organizations.logArchiveOutputs().path("trail_bucket").asText(),
                        Organizations.logArchiveOutputs().path("trail_key_arn").asText(), Organizations.logArchiveOutputs().path("config_bucket").asText(),
                        Organizations.logArchiveOutputs().path("config_key_arn").asText()));
    }

    @Test
    void aValueOfTheWrongShapeIsRefusedAsSuch() {
        assertThat(problemsOf("regions-as-text", file -> file.put("guardrail_regions", "us-east-1,eu-west-1")))
                .anySatisfy(p -> assertThat(p).contains("guardrail_regions = \"us-east-1,eu-west-1\" is not accepted: it is not a list"));
        assertThat(problemsOf("region-twice", file -> file.putArray("guardrail_regions").add("us-east-1").add("eu-west-1").add("us-east-1")))
                .singleElement().asString().contains("guardrail_regions = \"us-east-1\" is not accepted: it is listed twice");
        assertThat(problemsOf("outputs-as-text", file -> file.put("log_archive_outputs", "x")))
                .singleElement().asString().contains("log_archive_outputs = \"x\" is not accepted: it is not an object");
        assertThat(problemsOf("workload-as-text", file -> file.putArray("workloads").add("shared")))
                .anySatisfy(p -> assertThat(p).contains("workloads[0] = \"shared\" is not accepted: it is not an object"));
        java.nio.file.Path array = Organizations.fileOf("an-array");
        try {
            java.nio.file.Files.writeString(array, "[]");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(problems(Map.of("BASELINE_ORGANIZATION_FILE", array.toString())))
                .singleElement().asString().contains("the file = [] is not accepted: it is not an object");
    }

    @Test
    void objectLockAndLogArchiveOutputsAreCheckedKeyByKey() {
        assertThat(problemsOf("lock-missing", file -> file.remove("object_lock")))
                .singleElement().asString().contains("object_lock = (missing) is not accepted: it is missing or not an object");
        assertThat(problemsOf("lock-typo", file -> ((ObjectNode) file.path("object_lock")).put("retention_dayz", 1)))
                .anySatisfy(p -> assertThat(p).contains("object_lock.retention_dayz is not accepted: the file has no such key"));
        assertThat(problemsOf("lock-too-long", file -> ((ObjectNode) file.path("object_lock")).put("retention_days", OrganizationFile.MAX_RETENTION_DAYS + 1)))
                .singleElement().asString().contains("object_lock.retention_days = 36501 is not accepted");
        assertThat(problemsOf("member-typo", file -> ((ObjectNode) file.path("management")).put("acount_id", "111111111111")))
                .anySatisfy(p -> assertThat(p).contains("management.acount_id is not accepted: the file has no such key (did you mean account_id?)"));
        assertThat(problemsOf("outputs-other-region", file -> file.set("log_archive_outputs", Organizations.logArchiveOutputs()
                .put("config_key_arn", "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"))))
                .singleElement().asString().contains("log_archive_outputs.config_key_arn").contains("the home region us-east-1");
        assertThat(problemsOf("outputs-bad-bucket", file -> file.set("log_archive_outputs", Organizations.logArchiveOutputs()
                .put("config_bucket", "Not_A_Bucket"))))
                .singleElement().asString().contains("log_archive_outputs.config_bucket = \"Not_A_Bucket\" is not accepted");
        assertThat(problemsOf("outputs-typo", file -> file.set("log_archive_outputs", Organizations.logArchiveOutputs().put("trail_buckett", "x"))))
                .anySatisfy(p -> assertThat(p).contains("log_archive_outputs.trail_buckett is not accepted: the file has no such key"));
    }

    @Test
    void theStateAccountIsAMemberOrATrustedOutsideAccountNeverManagement() {
        assertThat(problemsOf("state-missing", file -> file.remove("state")))
                .anySatisfy(p -> assertThat(p).contains("state = (missing) is not accepted: it is missing or not an object"));
        assertThat(problemsOf("state-in-management", file -> ((ObjectNode) file.path("state")).put("account_id", "111111111111").remove("deploy_role_arn")))
                .singleElement().asString().contains("state.account_id = \"111111111111\" is not accepted: it is the management account");
        assertThat(problemsOf("state-unknown", file -> ((ObjectNode) file.path("state")).put("account_id", "777777777777").remove("deploy_role_arn")))
                .singleElement().asString().contains("state.account_id = \"777777777777\" is not accepted: it is neither an account of this file nor in trusted_outside_accounts");
        Map<String, String> inSecurity = Organizations.withFile("state-in-security", file -> {
            ((ObjectNode) file.path("state")).put("account_id", "333333333333").remove("deploy_role_arn");
            file.remove("trusted_outside_accounts");
        });
        assertThat(AppSettings.fromEnvironment(inSecurity).bootstrap().access().accountId()).as("a member account may hold the state")
                .contains("333333333333");
    }

    @Test
    void aTrustedOutsideAccountThatIsInTheFileAndAPolicyTypeTheBaselineOwnsAreRefused() {
        assertThat(problemsOf("trusted-inside", file -> file.putArray("trusted_outside_accounts").add("666666666666").add("444444444444")))
                .singleElement().asString().contains("trusted_outside_accounts = [\"666666666666\",\"444444444444\"] is not accepted: "
                        + "444444444444 is an account of this file, inside the organization");
        assertThat(problemsOf("own-type", file -> file.putArray("keep_policy_types").add("SERVICE_CONTROL_POLICY")))
                .singleElement().asString().contains("SERVICE_CONTROL_POLICY is the baseline's own and always enabled");
        assertThat(problemsOf("unknown-type", file -> file.putArray("keep_policy_types").add("tag_policy")))
                .singleElement().asString().contains("keep_policy_types = \"tag_policy\" is not accepted: an item is not valid")
                .endsWith("Accepted: policy types such as TAG_POLICY, BACKUP_POLICY, AISERVICES_OPT_OUT_POLICY, CHATBOT_POLICY, DECLARATIVE_POLICY_EC2.");
    }

    @Test
    void aMisspelledKeyIsRefusedNamingTheClosestAtAnyDepth() {
        assertThat(problemsOf("typo-top", file -> file.set("gaurdrail_regions", file.remove("guardrail_regions"))))
                .anySatisfy(p -> assertThat(p).startsWith("BASELINE_ORGANIZATION_FILE=\"" + Organizations.fileOf("typo-top") + "\": ")
                        .contains("gaurdrail_regions is not accepted: the file has no such key (did you mean guardrail_regions?)"));
        assertThat(problemsOf("typo-nested", file -> workload(file, 1).put("acount_id", "555555555555")))
                .anySatisfy(p -> assertThat(p).contains("workloads[1].acount_id is not accepted: the file has no such key (did you mean account_id?)")
                        .contains("Accepted here: label, account_id, organizational_unit, environments."));
    }

    /** JSON parsers keep the last of two equal keys; the file refuses the second, naming where it stands. */
    @Test
    void aKeyGivenTwiceInsideAListIsRefusedAtItsIndex() throws java.io.IOException {
        java.nio.file.Path file = Organizations.fileOf("duplicate-key-in-a-list");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(Organizations.EXAMPLE)
                .replace("\"label\": \"prod\",", "\"label\": \"prod\", \"label\": \"live\","));
        assertThat(problems(Map.of("BASELINE_ORGANIZATION_FILE", file.toString())))
                .anySatisfy(p -> assertThat(p).contains("workloads[1].label = \"live\" is not accepted: the key is given twice in one object, "
                        + "first as \"prod\"."));
    }

    @Test
    void aWorkloadInTheManagementAccountIsRefused() {
        assertThat(problemsOf("workload-in-management", file -> workload(file, 0).put("account_id", "111111111111")))
                .anySatisfy(p -> assertThat(p).contains("workloads[0].account_id = \"111111111111\" is not accepted: it is the management account"));
    }

    @Test
    void oneAccountInTwoRolesAndOneLabelTwiceAreRefused() {
        assertThat(problemsOf("same-account", file -> ((ObjectNode) file.path("security")).put("account_id", "222222222222")))
                .anySatisfy(p -> assertThat(p).contains("security.account_id = \"222222222222\" is not accepted: it is already log_archive.account_id"));
        assertThat(problemsOf("same-label", file -> workload(file, 1).put("label", "shared")))
                .anySatisfy(p -> assertThat(p).contains("workloads[1].label = \"shared\" is not accepted: the label is taken"));
        assertThat(problemsOf("reserved-label", file -> workload(file, 1).put("label", "security")))
                .anySatisfy(p -> assertThat(p).contains("workloads[1].label = \"security\" is not accepted: the label is taken"));
    }

    @Test
    void anEnvironmentNoWorkloadRunsOrTwoRunAreRefused() {
        assertThat(problemsOf("prod-nowhere", file -> ((ArrayNode) workload(file, 1).path("environments")).removeAll()))
                .anySatisfy(p -> assertThat(p).contains("workloads = ").contains("no workload runs prod, which BASELINE_ENVIRONMENTS synthesizes"));
        assertThat(problemsOf("prod-twice", file -> ((ArrayNode) workload(file, 0).path("environments")).add("prod")))
                .anySatisfy(p -> assertThat(p).contains("workloads[1].environments").contains("prod already runs in shared"));
    }

    @Test
    void badValuesAreRefusedWithTheKeyTheValueAndWhatIsAccepted() {
        assertThat(problemsOf("bad-values", file -> {
            file.put("organization_id", "org-123");
            file.put("deny_other_regions", "yes");
            ((ObjectNode) file.path("object_lock")).put("mode", "LEGAL_HOLD").put("retention_days", 0);
            ((ObjectNode) file.path("management")).put("deploy_role_arn", "arn:aws:iam::999999999999:role/admin");
            file.putArray("guardrail_regions").add("eu-west-1").add("mars-north-1");
        })).anySatisfy(p -> assertThat(p).contains("organization_id = \"org-123\" is not accepted: it is not valid. Accepted: an organization id such as o-a1b2c3d4e5."))
                .anySatisfy(p -> assertThat(p).contains("deny_other_regions = \"yes\" is not accepted: it is not a boolean. Accepted: true or false, without quotes."))
                .anySatisfy(p -> assertThat(p).contains("object_lock.mode = \"LEGAL_HOLD\" is not accepted").contains("COMPLIANCE (nobody can"))
                .anySatisfy(p -> assertThat(p).contains("object_lock.retention_days = 0 is not accepted"))
                .anySatisfy(p -> assertThat(p).contains("management.deploy_role_arn").contains("an IAM role ARN in account 111111111111"))
                .anySatisfy(p -> assertThat(p).contains("guardrail_regions = \"mars-north-1\" is not accepted: an item is not valid"))
                .as("what the list leaves out is not checked while an item of it is refused")
                .noneSatisfy(p -> assertThat(p).contains("leaves out the home region"));
        assertThat(problemsOf("bad-access-role", file -> file.put("organization_account_access_role_name", "Organization Access"))).singleElement()
                .asString().contains("organization_account_access_role_name = \"Organization Access\" is not accepted: it is not valid. Accepted: "
                        + "the name of the role AWS Organizations puts in the accounts it creates, such as OrganizationAccountAccessRole.");
        assertThat(problemsOf("no-home", file -> file.putArray("guardrail_regions").add("eu-west-1"))).singleElement().asString()
                .contains("guardrail_regions = [\"eu-west-1\"] is not accepted: it leaves out the home region us-east-1");
    }

    @Test
    void logArchiveOutputsMustBeTheLogArchivesOwn() {
        assertThat(problemsOf("foreign-key", file -> file.set("log_archive_outputs", Organizations.logArchiveOutputs()
                .put("trail_key_arn", "arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab"))))
                .anySatisfy(p -> assertThat(p).contains("log_archive_outputs.trail_key_arn")
                        .contains("Accepted: a KMS key ARN in the log-archive account 222222222222 and the home region us-east-1."));
    }

    @Test
    void policiesOnTheWorkloadsUnitsNeedEveryWorkloadsUnit() {
        assertThat(problemsOf("ou-missing", file -> {
            file.put("policy_targets", "workload_organizational_units");
            workload(file, 1).remove("organizational_unit");
        })).anySatisfy(p -> assertThat(p).contains("policy_targets = \"workload_organizational_units\" is not accepted: workload prod names no organizational_unit"));
        Map<String, String> onUnits = Organizations.withFile("ou-targets", file -> file.put("policy_targets", "workload_organizational_units"));
        assertThat(AppSettings.fromEnvironment(onUnits).organization().orElseThrow().organization().policyTargets())
                .as("the units, and the log-archive and security accounts, which have none in the file")
                .extracting(t -> t.kind() + " " + t.id() + " " + t.accounts())
                .containsExactly("ORGANIZATIONAL_UNIT ou-a1b2-11111111 [444444444444]", "ORGANIZATIONAL_UNIT ou-a1b2-22222222 [555555555555]",
                        "ACCOUNT 222222222222 [222222222222]", "ACCOUNT 333333333333 [333333333333]");
    }

    @Test
    void settingsTheFileReplacesAreRefusedInAnyFormNamingWhatReplacesThem() {
        Map<String, String> variables = new HashMap<>(Organizations.example());
        variables.put("BASELINE_PROD_ACCOUNT_ID", "555555555555");
        variables.put("BASELINE_GUARDRAIL_REGIONS", "us-east-1");
        variables.put("BASELINE_ACCOUNT_SHARED_MANAGE_GUARDDUTY", "false");
        variables.put("BASELINE_ACCOUNT_LABELS", "x=444444444444");

        assertThat(problems(variables))
                .anySatisfy(p -> assertThat(p).startsWith("BASELINE_PROD_ACCOUNT_ID=\"555555555555\" is not accepted: BASELINE_ORGANIZATION_FILE is set")
                        .contains("the file places each environment in a workload account"))
                .anySatisfy(p -> assertThat(p).startsWith("BASELINE_GUARDRAIL_REGIONS=\"us-east-1\" is not accepted").contains("the file's guardrail_regions"))
                .anySatisfy(p -> assertThat(p).startsWith("BASELINE_ACCOUNT_SHARED_MANAGE_GUARDDUTY=\"false\" is not accepted")
                        .contains("the security account runs GuardDuty"))
                .anySatisfy(p -> assertThat(p).startsWith("BASELINE_ACCOUNT_LABELS=\"x=444444444444\" is not accepted"));
    }

    @Test
    void aFileThatIsNotJsonOrNotThereIsRefused() {
        assertThat(problems(Map.of("BASELINE_ORGANIZATION_FILE", "no/such/organization.json")))
                .singleElement().asString().startsWith("BASELINE_ORGANIZATION_FILE=\"no/such/organization.json\" is not accepted: it cannot be read");
        Map<String, String> broken = Organizations.withFile("broken", file -> file.put("workloads", "x"));
        assertThat(problems(broken)).anySatisfy(p -> assertThat(p).contains("workloads = \"x\" is not accepted: it is missing or empty"));
    }

    @Test
    void anEnvironmentOutsideTheGuardrailRegionsIsRefused() {
        Map<String, String> variables = new HashMap<>(Organizations.example());
        variables.put("BASELINE_PROD_REGION", "ap-south-1");
        assertThat(problems(variables)).anySatisfy(p -> assertThat(p).startsWith("BASELINE_PROD_REGION=\"ap-south-1\" is not accepted")
                .contains("prod would run outside the organization's guardrail regions"));
    }
}
