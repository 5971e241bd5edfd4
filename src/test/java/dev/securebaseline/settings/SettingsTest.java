package dev.securebaseline.settings;

import dev.securebaseline.testing.Synth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings: defaults in one place, environment variables win, and bad input is refused with an actionable message. */
class SettingsTest {

    /** After the variable and its value: refused, for the environments or accounts named when the variable is shared. */
    static final String NOT_ACCEPTED = " is not accepted( for [a-z0-9 ,-]+)?: ";


    @Test
    void noConfigurationAtAllGivesTheDocumentedDefaults() {
        BaselineSettings s = Synth.settings(Map.of());

        assertThat(s.project()).isEqualTo("baseline");
        assertThat(s.environment()).isEqualTo(Environment.DEV);
        assertThat(s.region()).isEqualTo("us-east-1");
        assertThat(s.vpcCidr()).hasToString("10.0.0.0/16");
        assertThat(s.azCount()).isEqualTo(2);
        assertThat(s.natStrategy()).isEqualTo(BaselineSettings.NatStrategy.SINGLE);
        assertThat(s.state()).isEqualTo(new BaselineSettings.StateBackend(
                "", "baseline/dev/terraform.tfstate", "us-east-1"));
        assertThat(s.alarmEmail()).isEmpty();
        assertThat(s.sshCidr()).isEmpty();
        assertThat(s.albIngressCidrs()).containsExactly(Cidr.ANYWHERE);
        assertThat(s.appPort()).isEqualTo(8080);
        assertThat(s.logRetentionDays()).isEqualTo(365);
        assertThat(s.kmsDeletionWindowDays()).isEqualTo(30);
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        BaselineSettings s = Synth.settings(Map.ofEntries(
                Map.entry("BASELINE_PROJECT", "payments"),
                Map.entry("BASELINE_REGION", "eu-west-1"),
                Map.entry("BASELINE_VPC_CIDR", "172.20.0.0/20"),
                Map.entry("BASELINE_AZ_COUNT", "3"),
                Map.entry("BASELINE_NAT_STRATEGY", "per-az"),
                Map.entry("BASELINE_STATE_BUCKET", "acme-tfstate"),
                Map.entry("BASELINE_STATE_REGION", "eu-central-1"),
                Map.entry("BASELINE_ALARM_EMAIL", "secops@acme.io"),
                Map.entry("BASELINE_SSH_CIDR", "172.20.1.0/24"),
                Map.entry("BASELINE_ALB_INGRESS_CIDRS", "203.0.113.0/24, 198.51.100.0/24")));

        assertThat(s.baseName()).isEqualTo("payments-dev");
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.vpcCidr()).hasToString("172.20.0.0/20");
        assertThat(s.azCount()).isEqualTo(3);
        assertThat(s.natGatewayCount()).isEqualTo(3);
        assertThat(s.state()).isEqualTo(new BaselineSettings.StateBackend(
                "acme-tfstate", "payments/dev/terraform.tfstate", "eu-central-1"));
        assertThat(s.alarmEmail()).isEqualTo("secops@acme.io");
        assertThat(s.sshCidr()).contains(Cidr.parse("172.20.1.0/24"));
        assertThat(s.albIngressCidrs()).extracting(Cidr::toString).containsExactly("203.0.113.0/24", "198.51.100.0/24");
    }

    @ParameterizedTest(name = "{0}={1} is refused ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            BASELINE_VPC_CIDR            | 10.0.0/16             | not in a.b.c.d/n form
            BASELINE_VPC_CIDR            | 10.0.0.300/16         | octet 300 is above 255
            BASELINE_VPC_CIDR            | 10.0.0.1/16           | host bits are set (did you mean 10.0.0.0/16?)
            BASELINE_VPC_CIDR            | 8.8.0.0/16            | not a private (RFC 1918) range
            BASELINE_VPC_CIDR            | 10.0.0.0/8            | AWS allows VPCs of /16 at most
            BASELINE_VPC_CIDR            | 10.0.0.0/24           | too small
            BASELINE_AZ_COUNT            | 1                     | out of range
            BASELINE_AZ_COUNT            | 7                     | out of range
            BASELINE_AZ_COUNT            | two                   | not a number
            BASELINE_NAT_STRATEGY        | per_zone              | unknown strategy
            BASELINE_REGION              | us-east-9             | unknown region
            BASELINE_STATE_REGION        | mars-1                | unknown region
            BASELINE_ALARM_EMAIL         | ops.yourcompany.com   | not an email address
            BASELINE_ALARM_EMAIL         | ops@localhost         | not an email address
            BASELINE_SSH_CIDR            | 0.0.0.0/0             | SSH is never opened to the whole internet
            BASELINE_SSH_CIDR            | 192.168.1.0/24        | outside the VPC CIDR 10.0.0.0/16
            BASELINE_ALB_INGRESS_CIDRS   | 0.0.0.0/0,banana      | not in a.b.c.d/n form
            BASELINE_ALB_INGRESS_CIDRS   | 10.0.0.0/8,10.0.0.0/8 | 10.0.0.0/8 is listed twice
            BASELINE_APP_PORT            | 80                    | out of range
            BASELINE_STATE_BUCKET        | My_Bucket             | not a valid S3 bucket name
            BASELINE_STATE_BUCKET        | 192.168.1.1           | not a valid S3 bucket name
            BASELINE_STATE_KEY           | /abs/terraform.tfstate | not a usable object key
            BASELINE_PROJECT             | Baseline              | not a valid name
            BASELINE_PROJECT             | b                     | not a valid name
            BASELINE_PROJECT             | project-too-long-x    | not a valid name
            BASELINE_OWNER               | team<script>          | not a valid tag value
            BASELINE_LOG_RETENTION_DAYS  | 30                    | CloudWatch Logs does not offer it, or it is under a year
            BASELINE_TRAIL_GLACIER_DAYS  | 5                     | out of range
            BASELINE_KMS_DELETION_WINDOW_DAYS | 3                | out of range
            BASELINE_DOMAIN_NAME         | app_1.acme-corp.io    | not a valid hostname
            BASELINE_DOMAIN_NAME         | localhost             | not a valid hostname
            BASELINE_DOMAIN_NAME         | App.Acme-Corp.io      | not a valid hostname
            BASELINE_DOMAIN_NAME         | shop.example.com      | a reserved name nobody can validate a certificate for
            BASELINE_DOMAIN_NAME         | example.org           | a reserved name nobody can validate a certificate for
            BASELINE_DOMAIN_NAME         | web.internal.test     | a reserved name nobody can validate a certificate for
            BASELINE_HOSTED_ZONE_ID      | zone-123              | not a Route 53 hosted zone id
            BASELINE_ENABLE_HTTPS        | yes                   | not a boolean
            BASELINE_INSTANCE_TYPE       | t3micro               | not a well-formed instance type
            BASELINE_INSTANCE_TYPE       | T3.micro              | not a well-formed instance type
            BASELINE_INSTANCE_TYPE       | t3.huge               | not a well-formed instance type
            BASELINE_HEALTH_CHECK_PATH   | health                | not an absolute URL path to a file
            BASELINE_HEALTH_CHECK_PATH   | /a/../etc             | not an absolute URL path to a file
            BASELINE_HEALTH_CHECK_PATH   | /status/              | not an absolute URL path to a file
            BASELINE_HEALTH_CHECK_PATH   | /health?full=1        | not an absolute URL path to a file
            BASELINE_MAX_SIZE            | 50                    | out of range
            BASELINE_MIN_SIZE            | -1                    | out of range
            BASELINE_ROOT_VOLUME_GB      | 4                     | out of range
            BASELINE_CPU_TARGET_PERCENT  | 95                    | out of range
            BASELINE_DELETION_PROTECTION | on                    | not a boolean
            BASELINE_TARGET_5XX_RATE_PERCENT | 0                 | out of range
            """)
    void badValueIsRefusedWithTheSettingTheValueAndWhatIsAccepted(String variable, String value, String reason) {
        assertThatThrownBy(() -> Synth.settings(Map.of(variable, value)))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).problems()).singleElement().asString()
                        .containsPattern("^" + java.util.regex.Pattern.quote(variable + "=\"" + value + "\"") + NOT_ACCEPTED)
                        .contains(reason)
                        .contains("Accepted: "));
    }

    @Test
    void anEmptyStateBucketMeansUnsetAndAMalformedOneIsRefused() {
        assertThat(Synth.settings(Map.of("BASELINE_STATE_BUCKET", "")).state().hasBucket()).isFalse();
        assertThatThrownBy(() -> Synth.settings(Map.of("BASELINE_STATE_BUCKET", "Team_State")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("BASELINE_STATE_BUCKET=\"Team_State\" is not accepted: not a valid S3 bucket name")
                .hasMessageContaining("Accepted: the bootstrap stack's state_bucket output");
    }

    @Test
    void aProjectTooLongForAnEnvironmentsLoadBalancerNameIsRefused() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BASELINE_PROJECT", "customer-portal")))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).problems()).singleElement().asString()
                        .startsWith("BASELINE_PROJECT=\"customer-portal\" is not accepted for staging: with the environment staging, "
                                + "\"customer-portal-staging\" is 23 characters")
                        .contains("Accepted: a project name of at most 13 characters with staging, or fewer environments (BASELINE_ENVIRONMENTS)"));
    }

    @Test
    void trailObjectsMayNotExpireInsideGlaciersMinimumStoragePeriod() {
        assertThatThrownBy(() -> Synth.settings(Map.of(
                "BASELINE_TRAIL_GLACIER_DAYS", "300", "BASELINE_TRAIL_EXPIRATION_DAYS", "365")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("BASELINE_TRAIL_EXPIRATION_DAYS=\"365\"")
                .hasMessageContaining("at least 390");
    }

    @Test
    void httpsIsTheDefaultNeverButHttpOnlyIs() {
        BaselineSettings.WebTier web = Synth.settings(Map.of()).web();

        assertThat(web.httpsEnabled()).isFalse();
        assertThat(web.domainName()).isEmpty();
        assertThat(web.instanceType()).isEqualTo("t3.micro");
        assertThat(web.architecture()).isEqualTo("x86_64");
        assertThat(web.healthCheckPath()).isEqualTo("/health");
        assertThat(web.deletionProtection()).isFalse();
    }

    @Test
    void httpsWithoutADomainOrAZoneIsRefusedOnceOnTheSwitchThatWasSet() {
        assertThatThrownBy(() -> Synth.settings(Map.of("BASELINE_ENABLE_HTTPS", "true")))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).problems()).singleElement().asString()
                        .isEqualTo("BASELINE_ENABLE_HTTPS=\"true\" is not accepted for dev: HTTPS needs a domain for the certificate "
                                + "(BASELINE_DOMAIN_NAME) and the Route 53 zone that validates it (BASELINE_HOSTED_ZONE_ID or "
                                + "BASELINE_HOSTED_ZONE_NAME), and they are not set. Accepted: a domain you own and its zone beside it, such as "
                                + "app.yourcompany.com in Z0123456789ABCDEFGHIJ; or HTTP only (no BASELINE_ENABLE_HTTPS)."));
    }

    @Test
    void aZoneNameMustContainTheDomainAndOnlyOneZoneSettingMayBeGiven() {
        assertThatThrownBy(() -> Synth.settings(Map.of("BASELINE_ENABLE_HTTPS", "true",
                "BASELINE_DOMAIN_NAME", "app.acme-corp.io", "BASELINE_HOSTED_ZONE_NAME", "other.io")))
                .hasMessageContaining("BASELINE_HOSTED_ZONE_NAME=\"other.io\" is not accepted for dev: not the domain or one of its parents");
        assertThatThrownBy(() -> Synth.settings(Map.of("BASELINE_ENABLE_HTTPS", "true",
                "BASELINE_DOMAIN_NAME", "app.acme-corp.io", "BASELINE_HOSTED_ZONE_NAME", "acme-corp.io",
                "BASELINE_HOSTED_ZONE_ID", "Z0123456789ABCDEFGHIJ")))
                .hasMessageContaining("both a zone id and a zone name are set");
    }

    @Test
    void aDesiredCapacityGivenOutsideTheGroupsSizeIsRefused() {
        assertThatThrownBy(() -> Synth.settings(Map.of(
                "BASELINE_MIN_SIZE", "3", "BASELINE_DESIRED_CAPACITY", "2", "BASELINE_MAX_SIZE", "4")))
                .hasMessageContaining("BASELINE_DESIRED_CAPACITY=\"2\" is not accepted for dev: outside the group's size, 3 to 4. "
                        + "Accepted: a desired capacity from BASELINE_MIN_SIZE to BASELINE_MAX_SIZE.");
        assertThatThrownBy(() -> Synth.settings(Map.of(
                "BASELINE_MIN_SIZE", "1", "BASELINE_DESIRED_CAPACITY", "5", "BASELINE_MAX_SIZE", "4")))
                .hasMessageContaining("outside the group's size, 1 to 4");
    }

    /** Nobody set a desired capacity: the pair is to blame, once per environment, naming it. */
    @Test
    void aMinimumAboveTheMaximumBlamesThePairOfEachEnvironment() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BASELINE_MIN_SIZE", "5")))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).problems()).containsExactly(
                        "BASELINE_MIN_SIZE=\"5\" is not accepted for dev: above the maximum, BASELINE_MAX_SIZE=2 (the default). "
                                + "Accepted: a minimum no greater than the maximum: lower BASELINE_MIN_SIZE or raise BASELINE_MAX_SIZE.",
                        "BASELINE_MIN_SIZE=\"5\" is not accepted for staging: above the maximum, BASELINE_MAX_SIZE=3 (the default). "
                                + "Accepted: a minimum no greater than the maximum: lower BASELINE_MIN_SIZE or raise BASELINE_MAX_SIZE."));
    }

    /** The environment's default desired capacity follows a minimum or maximum the user gave. */
    @Test
    void theDefaultDesiredCapacityStaysWithinTheGroupsSize() {
        assertThat(Synth.settings(Map.of("BASELINE_MIN_SIZE", "3", "BASELINE_MAX_SIZE", "4")).web().desiredCapacity()).isEqualTo(3);
        assertThat(Synth.settings(Map.of("BASELINE_ENVIRONMENTS", "staging", "BASELINE_MAX_SIZE", "1", "BASELINE_MIN_SIZE", "1"))
                .web().desiredCapacity()).isEqualTo(1);
    }

    /** One shared value every environment refuses alike is one problem naming them all; a different one each is one each. */
    @Test
    void aSharedBadValueIsReportedOnceNamingEveryEnvironment() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("BASELINE_AZ_COUNT", "9", "BASELINE_SSH_CIDR", "0.0.0.0/0")))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> {
                    List<String> problems = ((SettingsException) e).problems();
                    assertThat(problems).filteredOn(p -> p.startsWith("BASELINE_AZ_COUNT")).containsExactly(
                            "BASELINE_AZ_COUNT=\"9\" is not accepted for dev, staging and prod: out of range. Accepted: a whole number from 2 to 6.");
                    assertThat(problems).filteredOn(p -> p.startsWith("BASELINE_SSH_CIDR")).extracting(p -> p.substring(0, p.indexOf(':')))
                            .containsExactly("BASELINE_SSH_CIDR=\"0.0.0.0/0\" is not accepted for dev",
                                    "BASELINE_SSH_CIDR=\"0.0.0.0/0\" is not accepted for staging",
                                    "BASELINE_SSH_CIDR=\"0.0.0.0/0\" is not accepted for prod");
                });
    }

    /** Environment variables are case-sensitive: another spelling would be silently ignored. */
    @Test
    void aSettingSpeltInAnotherCaseIsRefusedNamingTheRightOne() {
        assertThatThrownBy(() -> AppSettings.fromEnvironment(Map.of("baseline_instance_type", "t3.large", "BASELINE_region", "eu-west-1")))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).problems()).containsExactly(
                        "BASELINE_region=\"eu-west-1\" is not accepted: setting names are upper case (did you mean BASELINE_REGION?). "
                                + "Accepted: the settings in docs/settings.md, spelt as the table spells them.",
                        "baseline_instance_type=\"t3.large\" is not accepted: setting names are upper case (did you mean "
                                + "BASELINE_INSTANCE_TYPE?). Accepted: the settings in docs/settings.md, spelt as the table spells them."));
    }

    @Test
    void aProjectNamedInternalIsRefusedBecauseLoadBalancerNamesCannotStartWithIt() {
        assertThatThrownBy(() -> Synth.settings(Map.of("BASELINE_PROJECT", "internal-app")))
                .hasMessageContaining("BASELINE_PROJECT=\"internal-app\" is not accepted: load balancer names may not start with \"internal-\"");
    }

    @Test
    void instanceArchitectureFollowsTheInstanceFamily() {
        for (String arm : List.of("t4g.micro", "m7g.large", "c7gn.xlarge", "x2gd.metal", "im4gn.large", "a1.medium", "g5g.xlarge")) {
            assertThat(Synth.settings(Map.of("BASELINE_INSTANCE_TYPE", arm)).web().architecture()).as(arm).isEqualTo("arm64");
        }
        for (String x86 : List.of("t3.micro", "m7i-flex.large", "g4dn.xlarge", "c6i.2xlarge", "m5.metal")) {
            assertThat(Synth.settings(Map.of("BASELINE_INSTANCE_TYPE", x86)).web().architecture()).as(x86).isEqualTo("x86_64");
        }
    }

    @Test
    void everyProblemIsReportedInOneMessage() {
        assertThatThrownBy(() -> Synth.settings(Map.of(
                "BASELINE_AZ_COUNT", "9", "BASELINE_REGION", "nowhere-1", "BASELINE_ALARM_EMAIL", "nope")))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).problems())
                        .hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("BASELINE_AZ_COUNT"))
                        .anySatisfy(p -> assertThat(p).startsWith("BASELINE_REGION"))
                        .anySatisfy(p -> assertThat(p).startsWith("BASELINE_ALARM_EMAIL")))
                .hasMessageStartingWith("Invalid settings, nothing was synthesized:");
    }

    @Test
    void theSmallestAcceptedVpcStillLeavesLoadBalancerSizedSubnets() {
        BaselineSettings s = Synth.settings(Map.of("BASELINE_VPC_CIDR", "192.168.4.0/23"));

        int subnetPrefix = s.vpcCidr().prefix() + BaselineSettings.SUBNET_NEWBITS;
        assertThat(subnetPrefix).as("an ALB subnet must be /27 or larger").isLessThanOrEqualTo(27);
    }

    @Test
    void cidrParsingIsStrictAndContainmentIsExact() {
        Cidr vpc = Cidr.parse("10.1.0.0/16");

        assertThat(vpc.contains(Cidr.parse("10.1.255.0/24"))).isTrue();
        assertThat(vpc.contains(Cidr.parse("10.2.0.0/24"))).isFalse();
        assertThat(vpc.contains(Cidr.parse("10.0.0.0/8"))).isFalse();
        assertThat(Cidr.parse("172.31.0.0/16").isPrivate()).isTrue();
        assertThat(Cidr.parse("172.32.0.0/16").isPrivate()).isFalse();
        assertThat(List.of("0.0.0.0/0", "192.168.0.0/16")).allSatisfy(text -> assertThat(Cidr.parse(text)).hasToString(text));
    }

    @Test
    void cidrBoundsAreTheLastValidOctetAndPrefix() {
        assertThat(Cidr.parse("255.255.255.255/32")).hasToString("255.255.255.255/32");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.256/32")).hasMessage("octet 256 is above 255");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessage("prefix /33 is above /32");
        assertThat(new Cidr(0xFFFFFFFFL, 32).prefix()).isEqualTo(32);
        assertThatThrownBy(() -> new Cidr(0, 33)).hasMessage("prefix must be 0-32");
        assertThatThrownBy(() -> new Cidr(0, -1)).hasMessage("prefix must be 0-32");
    }

    @Test
    void aProjectNameOfTwoToSixteenCharactersIsAccepted() {
        assertThat(Synth.settings(Map.of("BASELINE_PROJECT", "ab")).project()).isEqualTo("ab");
        assertThat(Synth.settings(Map.of("BASELINE_PROJECT", "abcdefghijklmnop")).project()).isEqualTo("abcdefghijklmnop");
        for (String refused : List.of("a", "abcdefghijklmnopq")) {
            assertThatThrownBy(() -> Synth.settings(Map.of("BASELINE_PROJECT", refused))).isInstanceOf(SettingsException.class)
                    .hasMessageContaining("BASELINE_PROJECT=\"" + refused + "\" is not accepted");
        }
    }

    @Test
    void trailObjectsMayExpireExactlyWhenGlaciersMinimumStoragePeriodEnds() {
        assertThat(AppSettings.fromEnvironment(Map.of("BASELINE_ENVIRONMENTS", "dev", "BASELINE_TRAIL_GLACIER_DAYS", "300",
                "BASELINE_TRAIL_EXPIRATION_DAYS", "390")).accounts().get(0).settings().auditRetention())
                .isEqualTo(new BaselineSettings.Archive(300, 390));
    }

    @Test
    void theClosestKnownSettingIsTheFewestEditsAwayAndTheShorterOnATie() {
        assertThat(UnknownSettings.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(UnknownSettings.distance("", "abc")).isEqualTo(3);
        assertThat(UnknownSettings.distance("flaw", "lawn")).isEqualTo(2);
        assertThat(UnknownSettings.closest("BASELINE_ABCD", List.of("BASELINE_ABCDE", "BASELINE_ABCDEF", "BASELINE_ABC")))
                .as("one edit away either way: the shorter").isEqualTo("BASELINE_ABC");
        assertThat(UnknownSettings.closest("BASELINE_PROD_INSTANC_TYPE", Setting.knownVariables(List.of())))
                .isEqualTo("BASELINE_PROD_INSTANCE_TYPE");
        assertThat(UnknownSettings.closest("BASELINE_PROD_PROJEC", Setting.knownVariables(List.of())))
                .as("an app-wide setting given for one environment suggests its one variable").isEqualTo("BASELINE_PROJECT");
        assertThat(AppSettings.fromEnvironment(Map.of("BASELINE_GUARDRAIL_REGIONS", "us-east-1", "BASELINE_PROD_INSTANCE_TYPE", "t3.large",
                "BASELINE_ACCOUNT_DEFAULT_PASSWORD_MIN_LENGTH", "16", "BASELINE_ENVIRONMENTS", "prod")).environments().get(0).web().instanceType())
                .as("every known form of a known setting is read, none refused").isEqualTo("t3.large");
        assertThat(AccountSettingsTest.problems(Map.of("BASELINE_REGON", "eu-west-1", "PATH", "/usr/bin")))
                .as("a variable outside BASELINE_ is none of the app's business").singleElement().asString()
                .startsWith("BASELINE_REGON=\"eu-west-1\" is not accepted: the app has no such setting (did you mean BASELINE_REGION?)");
    }
}
