package dev.securebaseline.network;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.securebaseline.testing.PolicySuite.assertControl;

/** VPC, subnets, routes, security groups (CIS sections 3.9 and 5), in every supported configuration. */
class NetworkControlsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_3_9_FSBP_EC2_6_CKV2_AWS_11_vpcFlowLogsCaptureAllTraffic(String configuration) {
        assertControl("CKV2_AWS_11", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_5_4_FSBP_EC2_2_CKV2_AWS_12_defaultSecurityGroupRestrictsAllTraffic(String configuration) {
        assertControl("CKV2_AWS_12", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_EC2_15_CKV_AWS_130_subnetsAssignNoPublicIps(String configuration) {
        assertControl("CKV_AWS_130", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV2_AWS_35_defaultRoutesUseNatGateways(String configuration) {
        assertControl("CKV2_AWS_35", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV2_AWS_19_natElasticIpsAreADocumentedException(String configuration) {
        assertControl("CKV2_AWS_19", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_5_2_FSBP_EC2_13_CKV_AWS_24_noSshFromTheInternet(String configuration) {
        assertControl("CKV_AWS_24", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_5_2_FSBP_EC2_14_CKV_AWS_25_noRdpFromTheInternet(String configuration) {
        assertControl("CKV_AWS_25", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_EC2_18_CKV_AWS_260_port80FromTheInternetIsADocumentedException(String configuration) {
        assertControl("CKV_AWS_260", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_EC2_19_CKV_AWS_277_noAllPortsIngressFromTheInternet(String configuration) {
        assertControl("CKV_AWS_277", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_382_noAllPortsEgressToTheInternet(String configuration) {
        assertControl("CKV_AWS_382", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_23_everySecurityGroupAndRuleHasADescription(String configuration) {
        assertControl("CKV_AWS_23", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV2_AWS_5_everySecurityGroupIsAttached(String configuration) {
        assertControl("CKV2_AWS_5", configuration);
    }
}
