package dev.securebaseline.organization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.settings.Setting;
import dev.securebaseline.stacks.OrganizationStack;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import dev.securebaseline.testing.TerraformModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.securebaseline.testing.Synthesized.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organizations mode, on the example organization (examples/organization.json): the organization's own stacks, each pinned to its
 * account; the organization-wide services enabled once, by the security account as delegated administrator;
 * member account stacks holding only what an organization cannot do for them; the trail and the members'
 * Config recorders delivering into the log archive only once its buckets exist.
 */
class OrganizationModeTest {

    private static final String MANAGEMENT = "111111111111";
    private static final String LOG_ARCHIVE = "222222222222";
    private static final String SECURITY = "333333333333";
    private static final String STATE = "666666666666";

    private final Map<String, Synthesized> onePass = Organizations.exampleApp();
    private final Map<String, Synthesized> adopting = Organizations.adoptingArchiveBucketsApp();

    /**
     * One synth writes every stack. What delivers into the log archive reads where from the log archive stack's own state:
     * the same bucket, key and region as that stack's backend, not a copy of them.
     */
    @Test
    void oneSynthWritesEveryStackAndWhatDeliversIntoTheLogArchiveReadsItsState() {
        assertThat(onePass.keySet()).containsExactly("baseline-bootstrap", "baseline-log-archive", "baseline-org", "baseline-security",
                "baseline-account-management", "baseline-account-log-archive", "baseline-account-security", "baseline-account-shared",
                "baseline-account-prod", "baseline-dev", "baseline-staging", "baseline-prod");
        JsonNode backend = onePass.get("baseline-log-archive").json().path("terraform").path("backend").path("s3");
        List<String> readers = new java.util.ArrayList<>();
        onePass.forEach((name, stack) -> {
            JsonNode read = stack.json().path("data").path("terraform_remote_state").path("log_archive");
            if (read.isMissingNode()) {
                return;
            }
            readers.add(name);
            for (String field : List.of("bucket", "key", "region")) {
                assertThat(read.path("config").path(field).asText()).as("%s reads the log archive's backend %s", name, field)
                        .isEqualTo(backend.path(field).asText());
            }
            JsonNode listing = stack.data("aws_s3_objects", "log_archive_state");
            assertThat(listing.path("provider").asText()).as(name + ": the state bucket is listed with the backend's credentials").isEqualTo("aws.state");
            assertThat(listing.path("bucket").asText()).isEqualTo(backend.path("bucket").asText());
            assertThat(read.path("count").asText()).as(name + ": read only once the listing finds the state")
                    .isEqualTo("${contains(data.aws_s3_objects.log_archive_state.keys, \"" + backend.path("key").asText() + "\") ? 1 : 0}");
        });
        assertThat(readers).containsExactly("baseline-org", "baseline-account-management", "baseline-account-log-archive",
                "baseline-account-security", "baseline-account-shared", "baseline-account-prod");
        JsonNode trail = onePass.get("baseline-org").resource("aws_cloudtrail", "organization");
        assertThat(trail.path("s3_bucket_name").asText()).isEqualTo("${local.log_archive.trail_bucket}");
        assertThat(trail.path("kms_key_id").asText()).isEqualTo("${local.log_archive.trail_key_arn}");
        JsonNode channel = onePass.get("baseline-account-shared").resource("aws_config_delivery_channel", "eu_west_1");
        assertThat(channel.path("s3_bucket_name").asText()).isEqualTo("${local.log_archive.config_bucket}");
        assertThat(channel.path("s3_kms_key_arn").asText()).isEqualTo("${local.log_archive.config_key_arn}");
    }

    /**
     * Whatever waits for the log archive's state is protected like what does not: were that state no longer found (moved,
     * deleted, another bucket named), the plan stops instead of stopping Config or deleting the trail.
     */
    @Test
    void whatWaitsForTheLogArchiveIsNeverDestroyedWhenItsStateGoesMissing() {
        onePass.forEach((name, stack) -> stack.json().path("resource").properties().forEach(type -> type.getValue().properties().forEach(r -> {
            if (r.getValue().path("count").asText().contains("local.log_archive")) {
                assertThat(r.getValue().path("lifecycle").path("prevent_destroy").asBoolean())
                        .as("%s %s.%s waits for the log archive and is protected", name, type.getKey(), r.getKey()).isTrue();
            }
        })));
        assertThat(onePass.get("baseline-account-shared").resources("aws_config_delivery_channel")).hasSize(2);
    }

    /**
     * The log archive's state names a bucket only once the bucket takes deliveries: each output naming a bucket is written
     * after that bucket's policy, encryption and Object Lock, as the JSON pairs them, so a first apply that stops halfway
     * makes the trail and Config wait instead of failing against a bucket without its policy.
     */
    @Test
    void theLogArchiveNamesABucketInItsStateOnlyOnceTheBucketTakesDeliveries() {
        Synthesized logArchive = onePass.get("baseline-log-archive");
        int named = 0;
        for (var output : (Iterable<Map.Entry<String, JsonNode>>) logArchive.json().path("output")::fields) {
            java.util.regex.Matcher bucket = java.util.regex.Pattern.compile("\\$\\{aws_s3_bucket\\.(\\w+)\\.id}").matcher(output.getValue().path("value").asText());
            if (!bucket.matches()) {
                continue;
            }
            named++;
            List<String> companions = new java.util.ArrayList<>();
            for (String type : List.of("aws_s3_bucket_policy", "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_object_lock_configuration")) {
                logArchive.resources(type).forEach((address, body) -> {
                    if (body.path("bucket").asText().equals("${aws_s3_bucket." + bucket.group(1) + ".id}")) {
                        companions.add(type + "." + address);
                    }
                });
            }
            assertThat(texts(output.getValue().path("depends_on"))).as("output " + output.getKey()).containsExactlyInAnyOrderElementsOf(companions)
                    .contains("aws_s3_bucket_policy." + bucket.group(1));
        }
        assertThat(named).as("the trail and Config buckets").isEqualTo(2);
    }

    /**
     * Adopting archive buckets (the file's log_archive_outputs) writes the names as given and reads no state; everything else
     * is the one pass's, so validating one validates the other's remaining blocks.
     */
    @Test
    void adoptingArchiveBucketsWritesTheFilesNamesReadsNoStateAndChangesNothingElse() {
        JsonNode outputs = Organizations.logArchiveOutputs();
        JsonNode trail = adopting.get("baseline-org").resource("aws_cloudtrail", "organization");
        assertThat(trail.path("s3_bucket_name").asText()).isEqualTo(outputs.path("trail_bucket").asText());
        assertThat(trail.has("count")).as("nothing waits").isFalse();
        assertThat(adopting.get("baseline-account-shared").resource("aws_config_delivery_channel", "us_east_1").path("s3_bucket_name").asText())
                .isEqualTo(outputs.path("config_bucket").asText());
        assertThat(adopting.keySet()).containsExactlyElementsOf(onePass.keySet());
        List<String> reading = List.of("terraform_remote_state", "aws_s3_objects", "aws_cloudtrail", "aws_config_delivery_channel",
                "aws_config_configuration_recorder_status", "state_role_arn", "organization_trail_arn");
        adopting.forEach((name, stack) -> {
            Synthesized one = onePass.get(name);
            assertThat(stack.json().path("data").has("terraform_remote_state")).as(name + " reads no state").isFalse();
            assertThat(stack.json().has("check")).as(name + " waits for nothing").isFalse();
            for (String block : List.of("resource", "data", "variable", "output")) {
                one.json().path(block).properties().forEach(type -> type.getValue().properties().forEach(entry -> {
                    if (!reading.contains(type.getKey()) && !reading.contains(entry.getKey())) {
                        assertThat(stack.json().path(block).path(type.getKey()).path(entry.getKey()))
                                .as("%s %s.%s.%s", name, block, type.getKey(), entry.getKey()).isEqualTo(entry.getValue());
                    }
                }));
            }
            assertThat(stack.json().path("terraform")).as("%s backend and versions", name).isEqualTo(one.json().path("terraform"));
        });
    }

    @Test
    void everyStackIsPinnedToItsAccountAndDeploysThroughItsRole() {
        Map<String, String> accounts = Map.ofEntries(Map.entry("baseline-bootstrap", STATE), Map.entry("baseline-org", MANAGEMENT),
                Map.entry("baseline-log-archive", LOG_ARCHIVE), Map.entry("baseline-security", SECURITY),
                Map.entry("baseline-account-management", MANAGEMENT), Map.entry("baseline-account-log-archive", LOG_ARCHIVE),
                Map.entry("baseline-account-security", SECURITY), Map.entry("baseline-account-shared", "444444444444"),
                Map.entry("baseline-account-prod", "555555555555"), Map.entry("baseline-dev", "444444444444"),
                Map.entry("baseline-staging", "444444444444"), Map.entry("baseline-prod", "555555555555"));
        assertThat(accounts.keySet()).as("every stack of the organization").containsExactlyInAnyOrderElementsOf(onePass.keySet());
        // The state reader lists the state bucket, in the state account.
        accounts.forEach((stack, account) -> onePass.get(stack).json().path("provider").path("aws").forEach(provider ->
                assertThat(texts(provider.path("allowed_account_ids"))).as(stack + " " + provider.path("alias").asText("default"))
                        .containsExactly(provider.path("alias").asText().equals("state") ? STATE : account)));
        assertThat(onePass.get("baseline-bootstrap").deployRole())
                .as("the state bucket lands in the file's state account, through its role, whatever the shell's credentials")
                .isEqualTo("arn:aws:iam::666666666666:role/baseline-state-admin");
        assertThat(onePass.get("baseline-org").deployRole())
                .isEqualTo("arn:aws:iam::111111111111:role/baseline-organization-admin");
        assertThat(onePass.get("baseline-account-shared").deployRole())
                .as("every member account stack deploys through the file's account_deploy_role_name")
                .isEqualTo("arn:aws:iam::444444444444:role/baseline-account-admin");
        onePass.forEach((name, stack) -> {
            if (stack.settings() != null) {
                assertThat(stack.json().path("provider").path("aws")).as("%s has one provider", name).hasSize(1);
            }
        });
    }

    /**
     * Adopting removes nothing the organization runs: trusted access and policy types are what the organization already has,
     * read by a lookup, plus the baseline's and the file's. The rehearsal (organization-org) plans it against an
     * organization that already runs tag, backup and AI opt-out policies.
     */
    @Test
    void theExistingOrganizationIsAdoptedKeepingItsTrustedAccessAndPolicyTypesAndNeverDeleted() {
        Synthesized org = onePass.get("baseline-org");
        JsonNode organization = org.resource("aws_organizations_organization", "main");

        assertThat(imports(org)).containsEntry("aws_organizations_organization.main", "o-a1b2c3d4e5");
        assertThat(organization.path("feature_set").asText()).isEqualTo("ALL");
        assertThat(org.data("aws_organizations_organization", "current").size()).as("the organization as it is, looked up").isZero();
        assertThat(organization.path("aws_service_access_principals").asText())
                .startsWith("${setunion([").endsWith(", data.aws_organizations_organization.current.aws_service_access_principals)}")
                .contains(OrganizationStack.SERVICE_ACCESS.stream().map(p -> "\"" + p + "\"").toList().toArray(String[]::new))
                .as("kept for the other tools the file names").contains("\"sso.amazonaws.com\"");
        assertThat(organization.path("enabled_policy_types").asText()).isEqualTo("${setunion([\"RESOURCE_CONTROL_POLICY\", "
                + "\"SERVICE_CONTROL_POLICY\", \"TAG_POLICY\"], data.aws_organizations_organization.current.enabled_policy_types)}");
        assertThat(organization.path("lifecycle").path("precondition").get(0).path("condition").asText())
                .as("a type the provider cannot name stops the plan instead of being disabled")
                .contains("setsubtract(data.aws_organizations_organization.current.enabled_policy_types, [\"SERVICE_CONTROL_POLICY\"");
        assertThat(organization.path("lifecycle").path("prevent_destroy").asBoolean()).isTrue();
        Synthesized retiring = Synth.app(Map.of(Setting.ORGANIZATION_FILE.variable(), Organizations.adoptingArchiveBuckets().values().iterator().next(),
                "BASELINE_ALLOW_ACCOUNT_DESTROY", "true")).get("baseline-org");
        assertThat(retiring.resource("aws_organizations_organization", "main").path("lifecycle").path("prevent_destroy").asBoolean())
                .as("not even a retire deletes the organization").isTrue();
    }

    @Test
    void theSecurityAccountAdministersEveryOrganizationWideServiceGuardDutyInEveryRegion() {
        Synthesized org = onePass.get("baseline-org");

        assertThat(org.resources("aws_organizations_delegated_administrator").values())
                .extracting(d -> d.path("service_principal").asText() + "=" + d.path("account_id").asText())
                .containsExactlyInAnyOrder("config.amazonaws.com=" + SECURITY, "access-analyzer.amazonaws.com=" + SECURITY, "iam.amazonaws.com=" + SECURITY);
        assertThat(org.resource("aws_cloudtrail_organization_delegated_admin_account", "security").path("account_id").asText()).isEqualTo(SECURITY);
        assertThat(org.resource("aws_securityhub_organization_admin_account", "security").path("admin_account_id").asText()).isEqualTo(SECURITY);
        for (String region : List.of("us-east-1", "eu-west-1")) {
            JsonNode guardDuty = org.resource("aws_guardduty_organization_admin_account", AwsRegions.alias(region));
            assertThat(guardDuty.path("admin_account_id").asText()).isEqualTo(SECURITY);
            assertThat(guardDuty.path("provider").asText()).isEqualTo("aws." + AwsRegions.alias(region));
        }
        assertThat(imports(org)).as("the file does not adopt them").containsOnlyKeys("aws_organizations_organization.main");
    }

    @Test
    void existingDelegatedAdministratorsAreImportedWhenTheFileSaysSo() {
        Synthesized adopting = Synth.app(Organizations.withFile("adopting", file -> file.put("adopt_delegated_administrators", true)))
                .get("baseline-org");
        assertThat(imports(adopting)).containsEntry("aws_organizations_delegated_administrator.config", SECURITY + "/config.amazonaws.com")
                .containsEntry("aws_guardduty_organization_admin_account.eu_west_1", SECURITY)
                .containsEntry("aws_securityhub_organization_admin_account.security", SECURITY)
                .containsEntry("aws_cloudtrail_organization_delegated_admin_account.security", SECURITY);
    }

    @Test
    void centralizedRootAccessManagesTheMembersRootCredentialsAndSessions() {
        assertThat(texts(onePass.get("baseline-org").resource("aws_iam_organizations_features", "main").path("enabled_features")))
                .containsExactlyInAnyOrder("RootCredentialsManagement", "RootSessions");
    }

    @Test
    void theGuardrailPoliciesAttachAtTheRootWithinAwsPerTargetLimits() {
        Synthesized org = onePass.get("baseline-org");
        Map<String, JsonNode> policies = org.resources("aws_organizations_policy");

        assertThat(policies.keySet()).containsExactlyInAnyOrder("protect_the_organization", "deny_other_regions", "enforce_tls",
                "organization_perimeter");
        Map<String, JsonNode> attachments = org.resources("aws_organizations_policy_attachment");
        assertThat(attachments.values()).allSatisfy(a -> assertThat(a.path("target_id").asText()).isEqualTo("r-a1b2"));
        for (String type : List.of("SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY")) {
            long attached = attachments.values().stream().filter(a -> {
                String policy = TerraformModel.referencedAddress(a.path("policy_id").asText());
                return org.resource("aws_organizations_policy", policy.substring(policy.indexOf('.') + 1)).path("type").asText().equals(type);
            }).count();
            assertThat(attached).as("%s attached to the root besides AWS's default full-access policy (5 per target)", type).isLessThanOrEqualTo(4);
        }
        policies.forEach((name, policy) -> assertThat(policy.path("content").asText().length())
                .as("aws_organizations_policy.%s fits the 5,120 characters AWS stores", name).isLessThanOrEqualTo(5120));
    }

    /**
     * A structural check beside the policy evaluator's proof, so that this guard does not hang on one tool: leaving the
     * organization is denied to every principal of every member, without a condition that could exempt one.
     */
    @Test
    void noMemberLeavesTheOrganizationWhoeverAsks() {
        JsonNode policy = Synthesized.parseJson(onePass.get("baseline-org").resource("aws_organizations_policy", "protect_the_organization")
                .path("content").asText());
        assertThat(policy.path("Statement")).filteredOn(statement -> statement.path("Action").asText().equals("organizations:LeaveOrganization"))
                .singleElement().satisfies(statement -> {
                    assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
                    assertThat(statement.path("Resource").asText()).isEqualTo("*");
                    assertThat(statement.has("Condition")).as("no principal is exempt").isFalse();
                });
    }

    @Test
    void theOrganizationTrailCoversEveryAccountIntoTheLogArchiveWithTheCisAlarmsOnItsLogGroup() {
        Synthesized org = adopting.get("baseline-org");
        JsonNode trail = org.resource("aws_cloudtrail", "organization");
        JsonNode outputs = Organizations.logArchiveOutputs();

        assertThat(trail.path("is_organization_trail").asBoolean()).isTrue();
        assertThat(trail.path("is_multi_region_trail").asBoolean() && trail.path("enable_log_file_validation").asBoolean()).isTrue();
        assertThat(trail.path("name").asText()).isEqualTo("baseline-organization-trail");
        assertThat(trail.path("s3_bucket_name").asText()).isEqualTo(outputs.path("trail_bucket").asText());
        assertThat(trail.path("kms_key_id").asText()).isEqualTo(outputs.path("trail_key_arn").asText());
        assertThat(org.resources("aws_cloudwatch_metric_alarm")).hasSize(15)
                .allSatisfy((name, alarm) -> assertThat(texts(alarm.path("alarm_actions"))).containsExactly("${aws_sns_topic.security_alarms.arn}"));
        assertThat(org.resources("aws_cloudwatch_log_metric_filter").values())
                .allSatisfy(filter -> assertThat(filter.path("log_group_name").asText()).isEqualTo("${aws_cloudwatch_log_group.trail.name}"));
    }

    /**
     * Every account of the file, the management account included (CIS applies to every account; no SCP constrains it), holds
     * what an organization cannot do for it, and an account analyzer per guardrail region: CIS 1.20 / FSBP IAM.28 are evaluated
     * per account by the Config rule iam-external-access-analyzer-enabled, which the organization analyzers do not satisfy.
     */
    @Test
    void everyAccountStackHoldsWhatTheOrganizationCannotDoForItAndAnAccountAnalyzer() {
        for (String member : List.of("baseline-account-management", "baseline-account-log-archive", "baseline-account-security",
                "baseline-account-shared", "baseline-account-prod")) {
            Synthesized stack = onePass.get(member);
            for (String type : List.of("aws_cloudtrail", "aws_guardduty_detector", "aws_securityhub_account",
                    "aws_kms_key", "aws_s3_bucket", "aws_cloudwatch_metric_alarm", "aws_sns_topic", "aws_securityhub_finding_aggregator")) {
                assertThat(stack.resources(type)).as("%s in %s", type, member).isEmpty();
            }
            for (String type : List.of("aws_config_configuration_recorder", "aws_iam_account_password_policy", "aws_ebs_encryption_by_default",
                    "aws_ec2_instance_metadata_defaults", "aws_ebs_snapshot_block_public_access", "aws_ec2_image_block_public_access",
                    "aws_ec2_serial_console_access", "aws_default_security_group", "aws_iam_role", "aws_s3_account_public_access_block")) {
                assertThat(stack.resources(type)).as("%s in %s", type, member).isNotEmpty();
            }
            assertThat(stack.resources("aws_config_configuration_recorder")).hasSize(2);
            assertThat(stack.resources("aws_accessanalyzer_analyzer")).as("account analyzers in %s", member).hasSize(2)
                    .allSatisfy((region, analyzer) -> assertThat(analyzer.path("type").asText()).isEqualTo("ACCOUNT"));
        }
        assertThat(onePass.get("baseline-account-management").settings()).as("no workload ever lands in management").isNull();
        assertThat(onePass.values().stream().filter(s -> s.settings() != null).map(s -> s.settings().accountId().orElseThrow()))
                .doesNotContain(MANAGEMENT);
    }

    @Test
    void anAccountAnalyzerAMemberAlreadyHasIsAdopted() {
        Map<String, String> variables = new java.util.HashMap<>(Organizations.adoptingArchiveBuckets());
        variables.put("BASELINE_ACCOUNT_SHARED_ADOPT_ACCESS_ANALYZERS", "eu-west-1=ConsoleAnalyzer-1a2b");
        Synthesized shared = Synth.app(variables).get("baseline-account-shared");
        assertThat(shared.resource("aws_accessanalyzer_analyzer", "eu_west_1").path("analyzer_name").asText()).isEqualTo("ConsoleAnalyzer-1a2b");
        assertThat(imports(shared)).containsEntry("aws_accessanalyzer_analyzer.eu_west_1", "ConsoleAnalyzer-1a2b");
    }

    @Test
    void membersRecordWithConfigIntoTheLogArchiveEncryptedWithItsKey() {
        JsonNode outputs = Organizations.logArchiveOutputs();
        for (String region : List.of("us_east_1", "eu_west_1")) {
            JsonNode channel = adopting.get("baseline-account-shared").resource("aws_config_delivery_channel", region);
            assertThat(channel.path("s3_bucket_name").asText()).isEqualTo(outputs.path("config_bucket").asText());
            assertThat(channel.path("s3_kms_key_arn").asText()).isEqualTo(outputs.path("config_key_arn").asText());
        }
    }

    /** AWS documents aws:SourceAccount, not aws:SourceOrgID, on the key Config's service principal encrypts with. */
    @Test
    void theConfigKeyLetsConfigEncryptForEveryBaselinedAccountByItsDocumentedSourceAccount() {
        JsonNode grant = onePass.get("baseline-log-archive").statement("aws_kms_key", "config", "policy", "ConfigEncryptsTheOrganizationsDeliveries");
        assertThat(grant.path("Condition").fieldNames()).toIterable().containsExactly("StringEquals");
        assertThat(texts(grant.path("Condition").path("StringEquals").path("aws:SourceAccount")))
                .containsExactly(MANAGEMENT, LOG_ARCHIVE, SECURITY, "444444444444", "555555555555");
    }

    @Test
    void theTrailBucketIsUnderObjectLockAndTheConfigBucketCannotBe() {
        Synthesized logArchive = onePass.get("baseline-log-archive");

        assertThat(logArchive.resource("aws_s3_bucket", "trail").path("object_lock_enabled").asBoolean()).isTrue();
        JsonNode retention = logArchive.resource("aws_s3_bucket_object_lock_configuration", "trail").path("rule").path("default_retention");
        assertThat(retention.path("mode").asText()).isEqualTo("GOVERNANCE");
        assertThat(retention.path("days").asInt()).isEqualTo(365);
        assertThat(logArchive.resource("aws_s3_bucket", "config").has("object_lock_enabled"))
                .as("AWS Config does not deliver into a bucket with Object Lock").isFalse();
        assertThat(logArchive.output("organization_file_entries").path("value").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("trail_bucket", "trail_key_arn", "config_bucket", "config_key_arn");
    }

    @Test
    void theSecurityStackRunsGuardDutySecurityHubConfigAndAccessAnalyzerForTheWholeOrganization() {
        Synthesized security = onePass.get("baseline-security");
        for (String region : List.of("us_east_1", "eu_west_1")) {
            assertThat(security.resource("aws_guardduty_organization_configuration", region).path("auto_enable_organization_members").asText())
                    .isEqualTo("ALL");
            assertThat(security.resource("aws_guardduty_organization_configuration_feature", region + "_s3_data_events").path("auto_enable").asText())
                    .isEqualTo("ALL");
            assertThat(security.resource("aws_guardduty_organization_configuration_feature", region + "_ebs_malware_protection")
                    .path("auto_enable").asText()).as("asked for in the file").isEqualTo("ALL");
            assertThat(security.resource("aws_guardduty_organization_configuration_feature", region + "_eks_audit_logs")
                    .path("auto_enable").asText()).as("not asked for: off").isEqualTo("NONE");
            assertThat(security.resource("aws_accessanalyzer_analyzer", region).path("type").asText()).isEqualTo("ORGANIZATION");
        }
        assertThat(security.resource("aws_securityhub_organization_configuration", "main").path("organization_configuration")
                .path("configuration_type").asText()).isEqualTo("CENTRAL");
        assertThat(texts(security.resource("aws_securityhub_configuration_policy", "baseline").path("configuration_policy")
                .path("enabled_standard_arns"))).containsExactly(
                "arn:${data.aws_partition.current.partition}:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
                "arn:${data.aws_partition.current.partition}:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/5.0.0");
        assertThat(security.resource("aws_securityhub_configuration_policy_association", "root").path("target_id").asText()).isEqualTo("r-a1b2");
        assertThat(security.resource("aws_config_configuration_aggregator", "organization").path("organization_aggregation_source")
                .path("all_regions").asBoolean()).isTrue();
    }

    /** On the units, through a lookup whose check stops the plan when a unit does not hold the accounts the file places there. */
    @Test
    void policiesAttachToTheWorkloadsOrganizationalUnitsAndTheLogArchiveAndSecurityAccountsWhenTheFileSaysSo() {
        Synthesized org = Synth.app(Organizations.withFile("on-units", file -> file.put("policy_targets", "workload_organizational_units")))
                .get("baseline-org");
        assertThat(org.resources("aws_organizations_policy_attachment").values()).extracting(a -> a.path("target_id").asText())
                .containsOnly("${data.aws_organizations_organizational_unit_descendant_accounts.ou_a1b2_11111111.id}",
                        "${data.aws_organizations_organizational_unit_descendant_accounts.ou_a1b2_22222222.id}", LOG_ARCHIVE, SECURITY);
        JsonNode unit = org.data("aws_organizations_organizational_unit_descendant_accounts", "ou_a1b2_22222222");
        assertThat(unit.path("parent_id").asText()).isEqualTo("ou-a1b2-22222222");
        assertThat(unit.path("lifecycle").path("postcondition").get(0).path("condition").asText())
                .isEqualTo("${length(setsubtract([\"555555555555\"], self.accounts[*].id)) == 0}");
    }

    private JsonNode provider(String stack) {
        return onePass.get(stack).json().path("provider").path("aws").get(0);
    }

    private static Map<String, String> imports(Synthesized stack) {
        Map<String, String> imports = new java.util.LinkedHashMap<>();
        stack.json().path("import").forEach(block -> {
            if (!block.has("for_each")) {
                imports.put(block.path("to").asText(), block.path("id").asText());
            }
        });
        return imports;
    }
}
