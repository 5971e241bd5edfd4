package dev.securebaseline.web;

import dev.securebaseline.testing.Configurations;
import dev.securebaseline.testing.PolicyChecks;
import dev.securebaseline.testing.PolicySuite;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.securebaseline.testing.PolicySuite.assertControl;

/** Load balancer, listeners, certificate, launch template and Auto Scaling, in every supported configuration. */
class WebTierControlsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_ELB_5_CKV_AWS_91_loadBalancerAccessIsLogged(String configuration) {
        assertControl("CKV_AWS_91", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_ELB_4_CKV_AWS_131_invalidHeadersAreDropped(String configuration) {
        assertControl("CKV_AWS_131", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_ELB_12_CKV_AWS_328_desyncMitigationIsDefensiveOrStricter(String configuration) {
        assertControl("CKV_AWS_328", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_ELB_6_CKV_AWS_150_deletionProtectionIsOnInProduction(String configuration) {
        assertControl("CKV_AWS_150", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_ELB_1_CKV2_AWS_20_httpRedirectsToHttpsWhenHttpsIsOn(String configuration) {
        assertControl("CKV2_AWS_20", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_ELB_1_CKV_AWS_2_listenersServeHttpsOrRedirect(String configuration) {
        assertControl("CKV_AWS_2", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_103_httpsListenersRequireTls12OrLater(String configuration) {
        assertControl("CKV_AWS_103", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV2_AWS_74_listenersUseStrongCiphers(String configuration) {
        assertControl("CKV2_AWS_74", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV2_AWS_28_CKV2_AWS_76_CKV_AWS_192_CKV2_AWS_31_aLoggedWebAclWithTheLog4jRulesProtectsTheLoadBalancerWhenWafIsOn(String configuration) {
        assertControl("CKV2_AWS_28", configuration);
        assertControl("CKV2_AWS_76", configuration);
        assertControl("CKV_AWS_192", configuration);
        assertControl("CKV2_AWS_31", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_261_targetGroupChecksHealth(String configuration) {
        assertControl("CKV_AWS_261", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_378_targetsAreReachedThroughATlsListenerWhenHttpsIsOn(String configuration) {
        assertControl("CKV_AWS_378", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_5_6_FSBP_EC2_8_CKV_AWS_79_instancesRequireImdsV2(String configuration) {
        assertControl("CKV_AWS_79", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_341_metadataHopLimitIsOne(String configuration) {
        assertControl("CKV_AWS_341", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_EC2_9_CKV_AWS_88_instancesGetNoPublicIp(String configuration) {
        assertControl("CKV_AWS_88", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_2_2_1_FSBP_EC2_3_CKV_AWS_8_instanceVolumesAreEncrypted(String configuration) {
        assertControl("CKV_AWS_8", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_AutoScaling_1_CKV2_AWS_15_autoScalingUsesLoadBalancerHealthChecks(String configuration) {
        assertControl("CKV2_AWS_15", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_AutoScaling_9_CKV_AWS_315_autoScalingUsesALaunchTemplate(String configuration) {
        assertControl("CKV_AWS_315", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_153_autoScalingPropagatesTags(String configuration) {
        assertControl("CKV_AWS_153", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV2_AWS_79_theAmiLookupUsesNoUnsafeFilter(String configuration) {
        assertControl("CKV2_AWS_79", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_233_CKV_AWS_234_CKV2_AWS_71_certificateIsReplacedSafelyLoggedAndNotWildcard(String configuration) {
        assertControl("CKV_AWS_233", configuration);
        assertControl("CKV_AWS_234", configuration);
        assertControl("CKV2_AWS_71", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV2_AWS_23_dnsRecordsPointAtARealResource(String configuration) {
        assertControl("CKV2_AWS_23", configuration);
    }

    private final Synthesized prod = Configurations.synthesized(Configurations.HTTPS_NAT_PER_ZONE);

    @org.junit.jupiter.api.Test
    void CKV2_AWS_28_CKV2_AWS_76_aLoadBalancerWithoutItsAssociationOrWithoutTheLog4jRulesIsCaught() {
        PolicySuite.assertCatches("CKV2_AWS_28", prod.broken(json -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                json.path("resource").path("aws_wafv2_web_acl_association")).remove("main")), "aws_lb.main");
        PolicySuite.assertCatches("CKV2_AWS_76", prod.broken(json -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                json.path("resource").path("aws_wafv2_web_acl").path("main").path("rule")).remove(2)), "aws_lb.main");
    }

    @org.junit.jupiter.api.Test
    void CKV_AWS_192_CKV2_AWS_31_log4jRulesInCountModeAndAnUnloggedWebAclAreCaught() {
        PolicySuite.assertCatches("CKV_AWS_192", prod.broken(json -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                json.path("resource").path("aws_wafv2_web_acl").path("main").path("rule").get(2)).putObject("override_action").putObject("count")),
                "aws_wafv2_web_acl.main");
        PolicySuite.assertCatches("CKV2_AWS_31", prod.broken(json -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                json.path("resource").path("aws_wafv2_web_acl_logging_configuration")).remove("main")), "aws_wafv2_web_acl.main");
    }

    @org.junit.jupiter.api.Test
    void CKV_AWS_103_aPlainHttpListenerThatForwardsFailsLikeCheckovsAndARedirectOrTls13Passes() {
        Synthesized http = Configurations.synthesized(Configurations.HTTP_SINGLE_NAT);
        PolicySuite.assertCatches("CKV_AWS_103", http, "aws_lb_listener.http");
        org.assertj.core.api.Assertions.assertThat(PolicyChecks.withId("CKV_AWS_103").get(0).failures(prod)).isEmpty();
        PolicySuite.assertCatches("CKV_AWS_103", prod.broken(json -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                json.path("resource").path("aws_lb_listener").path("https")).put("ssl_policy", "ELBSecurityPolicy-2016-08")), "aws_lb_listener.https");
    }
}
