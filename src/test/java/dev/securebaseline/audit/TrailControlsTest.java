package dev.securebaseline.audit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.securebaseline.testing.PolicySuite.assertControl;

/** CloudTrail controls (CIS section 3), in every supported configuration. */
class TrailControlsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_3_1_FSBP_CloudTrail_1_CKV_AWS_67_trailIsMultiRegion(String configuration) {
        assertControl("CKV_AWS_67", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_3_1_CKV_AWS_251_trailIsLogging(String configuration) {
        assertControl("CKV_AWS_251", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_3_2_FSBP_CloudTrail_4_CKV_AWS_36_logFileValidationIsOn(String configuration) {
        assertControl("CKV_AWS_36", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_3_4_FSBP_CloudTrail_5_CKV2_AWS_10_trailIsDeliveredToCloudWatchLogs(String configuration) {
        assertControl("CKV2_AWS_10", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_3_7_FSBP_CloudTrail_2_CKV_AWS_35_trailIsEncryptedWithTheCustomerKey(String configuration) {
        assertControl("CKV_AWS_35", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_252_trailSnsNotificationsAreADocumentedException(String configuration) {
        assertControl("CKV_AWS_252", configuration);
    }
}
