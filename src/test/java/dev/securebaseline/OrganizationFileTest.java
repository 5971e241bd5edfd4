package dev.securebaseline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        AppSettings app = AppSettings.fromEnvironment(Organizations.firstPass());
        Organization organization = app.organization().orElseThrow().organization();

        assertThat(organization.id()).isEqualTo("o-a1b2c3d4e5");
        assertThat(organization.guardrailRegions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(organization.policyTargets()).containsExactly("r-a1b2");
        assertThat(organization.workloads()).extracting(Organization.Workload::label).containsExactly("shared", "prod");
        assertThat(organization.logArchiveOutputs()).isEmpty();
        assertThat(app.accounts()).extracting(Account::label).containsExactly("log-archive", "security", "shared", "prod");
        assertThat(app.accountOf(app.environments().get(0)).label()).isEqualTo("shared");
        assertThat(app.accountOf(app.environments().get(2)).id()).contains("555555555555");
        assertThat(app.accounts().get(2).settings().access().deployRoleArn()).contains("arn:aws:iam::444444444444:role/baseline-account-admin");
        assertThat(app.accounts()).allSatisfy(account -> assertThat(account.settings().isMember()).isTrue());
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
                .anySatisfy(p -> assertThat(p).contains("guardrail_regions = [\"eu-west-1\",\"mars-north-1\"] is not accepted: it leaves out the home region us-east-1"));
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
                .containsExactly("ou-a1b2-11111111", "ou-a1b2-22222222");
    }

    @Test
    void settingsTheFileReplacesAreRefusedInAnyFormNamingWhatReplacesThem() {
        Map<String, String> variables = new HashMap<>(Organizations.firstPass());
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
        Map<String, String> variables = new HashMap<>(Organizations.firstPass());
        variables.put("BASELINE_PROD_REGION", "ap-south-1");
        assertThat(problems(variables)).anySatisfy(p -> assertThat(p).startsWith("BASELINE_PROD_REGION=\"ap-south-1\" is not accepted")
                .contains("prod would run outside the organization's guardrail regions"));
    }
}
