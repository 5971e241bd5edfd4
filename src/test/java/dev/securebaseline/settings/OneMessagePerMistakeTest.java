package dev.securebaseline.settings;

import dev.securebaseline.testing.Organizations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each mistake gets one message, naming the variable (or file key) the user set, the value the user wrote, and what is
 * accepted; a problem that follows from another is not reported, and no message quotes a value nobody gave. And a setting
 * that would change nothing is a mistake too: refused, naming the switch it needs.
 */
class OneMessagePerMistakeTest {

    private static List<String> problems(Map<String, String> variables) {
        return AccountSettingsTest.problems(variables);
    }

    @Test
    void aVpcRangeRefusedForEveryEnvironmentIsOneMessageAndNoOverlapOfRangesNobodyGave() {
        assertThat(problems(Map.of("BASELINE_VPC_CIDR", "10.0.0.0/8"))).singleElement().asString()
                .startsWith("BASELINE_VPC_CIDR=\"10.0.0.0/8\" is not accepted for dev, staging and prod: AWS allows VPCs of /16 at most. Accepted:");
    }

    @Test
    void httpsWithoutADomainIsOneMessageAndNoRecordWithoutAName() {
        assertThat(problems(Map.of("BASELINE_ENABLE_HTTPS", "true", "BASELINE_HOSTED_ZONE_ID", "Z0123456789ABCDEFGHIJ"))).singleElement().asString()
                .startsWith("BASELINE_ENABLE_HTTPS=\"true\" is not accepted for dev, staging and prod: HTTPS needs a domain for the certificate "
                        + "(BASELINE_DOMAIN_NAME), and it is not set.");
    }

    @Test
    void aBadZoneIdIsNotReportedAgainAsAMissingZone() {
        assertThat(problems(Map.of("BASELINE_ENABLE_HTTPS", "true", "BASELINE_DOMAIN_NAME", "shop.acme-corp.io", "BASELINE_HOSTED_ZONE_ID", "zone-1")))
                .singleElement().asString()
                .startsWith("BASELINE_HOSTED_ZONE_ID=\"zone-1\" is not accepted for dev, staging and prod: not a Route 53 hosted zone id.");
    }

    @Test
    void guardrailRegionsGivenAsTextAreOneMessage() {
        assertThat(problems(Organizations.withFile("regions-text", file -> file.put("guardrail_regions", "us-east-1,eu-west-1"))))
                .singleElement().asString()
                .endsWith("guardrail_regions = \"us-east-1,eu-west-1\" is not accepted: it is not a list. Accepted: a list of AWS regions such as us-east-1.");
    }

    @Test
    void aZoneNameAloneIsRefusedForChangingNothingWithoutAPlaceholderName() {
        assertThat(problems(Map.of("BASELINE_HOSTED_ZONE_NAME", "acme-corp.io"))).singleElement().asString()
                .isEqualTo("BASELINE_HOSTED_ZONE_NAME=\"acme-corp.io\" is not accepted: it applies to dev, staging and prod, and none of them has "
                        + "HTTPS, so it would change nothing. Accepted: BASELINE_ENABLE_HTTPS=true (or its form for one of them) beside it, or remove it.")
                .doesNotContain("DOMAIN_NAME");
    }

    @Test
    void aNumberTooLargeForItsTypeIsOutOfRangeNotNotANumber() {
        assertThat(problems(Map.of("BASELINE_AZ_COUNT", "99999999999999999999"))).singleElement().asString()
                .isEqualTo("BASELINE_AZ_COUNT=\"99999999999999999999\" is not accepted for dev, staging and prod: out of range. "
                        + "Accepted: a whole number from 2 to 6.");
        assertThat(problems(Map.of("BASELINE_LOG_RETENTION_DAYS", "99999999999"))).singleElement().asString()
                .startsWith("BASELINE_LOG_RETENTION_DAYS=\"99999999999\" is not accepted for dev, staging and prod: out of range.");
    }

    @Test
    void anEmptyOrganizationFileSaysItIsEmpty() throws IOException {
        Path empty = Organizations.fileOf("empty");
        Files.createDirectories(empty.getParent());
        Files.writeString(empty, "");
        assertThat(problems(Map.of("BASELINE_ORGANIZATION_FILE", empty.toString()))).containsExactly("BASELINE_ORGANIZATION_FILE=\""
                + empty + "\" is not accepted: the file is empty. Accepted: a JSON object, as in examples/organization.json.");
    }

    @Test
    void anOptInRegionBlamesTheRegionGivenNotTheRegionsNobodySet() {
        assertThat(problems(Map.of("BASELINE_REGION", "eu-central-2"))).singleElement().asString()
                .startsWith("BASELINE_REGION=\"eu-central-2\" is not accepted for dev, staging and prod: eu-central-2 is an opt-in region")
                .doesNotContain("BASELINE_GUARDRAIL_REGIONS=\"");
    }

    @Test
    void settingsThatWouldChangeNothingAreRefusedNamingTheSwitchTheyNeed() {
        assertThat(problems(Map.of("BASELINE_DOMAIN_NAME", "shop.acme-corp.io"))).singleElement().asString()
                .startsWith("BASELINE_DOMAIN_NAME=\"shop.acme-corp.io\" is not accepted: it applies to dev, staging and prod, and none of them has HTTPS")
                .endsWith("Accepted: BASELINE_ENABLE_HTTPS=true (or its form for one of them) beside it, or remove it.");
        assertThat(problems(Map.of("BASELINE_DEV_WAF_COUNT_MODE", "true"))).singleElement().asString()
                .isEqualTo("BASELINE_DEV_WAF_COUNT_MODE=\"true\" is not accepted: dev has no web application firewall (BASELINE_ENABLE_WAF is "
                        + "\"false\"), so it would change nothing. Accepted: BASELINE_DEV_ENABLE_WAF=true beside it, or remove it.");
        assertThat(problems(Map.of("BASELINE_DEV_WAF_RATE_LIMIT", "500"))).singleElement().asString()
                .startsWith("BASELINE_DEV_WAF_RATE_LIMIT=\"500\" is not accepted: dev has no web application firewall");
        assertThat(problems(Map.of("BASELINE_UNUSED_ACCESS_AGE_DAYS", "30"))).singleElement().asString()
                .startsWith("BASELINE_UNUSED_ACCESS_AGE_DAYS=\"30\" is not accepted: it applies to account default, and it has no unused-access analyzer")
                .contains("BASELINE_UNUSED_ACCESS_ANALYZER=true");
        Map<String, String> prodHasAFirewall = new HashMap<>(Map.of("BASELINE_WAF_RATE_LIMIT", "500"));
        assertThat(AppSettings.fromEnvironment(prodHasAFirewall).environments().get(2).web().firewall().rateLimit())
                .as("a shared value that acts in one environment is taken").isEqualTo(500);
    }

    /** A refused value silences the checks that follow from it, and only those: other mistakes are each still reported. */
    @Test
    void aSettingThatDoesNothingIsReportedBesideAnotherSettingsMistake() {
        assertThat(problems(Map.of("BASELINE_AZ_COUNT", "9", "BASELINE_DEV_WAF_RATE_LIMIT", "500")))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("BASELINE_AZ_COUNT=\"9\" is not accepted"))
                .anySatisfy(p -> assertThat(p).startsWith("BASELINE_DEV_WAF_RATE_LIMIT=\"500\" is not accepted: dev has no web application firewall"));
    }

    @Test
    void aKeyGivenTwiceInTheOrganizationFileIsRefusedWithBothValues() throws IOException {
        Path file = Organizations.fileOf("duplicate-key");
        String example = Files.readString(Organizations.EXAMPLE);
        Files.writeString(file, example.replace("\"home_region\": \"us-east-1\",", "\"home_region\": \"us-east-1\", \"home_region\": \"eu-west-1\","));
        assertThat(problems(Map.of("BASELINE_ORGANIZATION_FILE", file.toString()))).singleElement().asString()
                .isEqualTo("BASELINE_ORGANIZATION_FILE=\"" + file + "\": home_region = \"eu-west-1\" is not accepted: the key is given twice in one "
                        + "object, first as \"us-east-1\". Accepted: each key once.");
    }
}
