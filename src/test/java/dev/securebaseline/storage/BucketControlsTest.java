package dev.securebaseline.storage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.securebaseline.testing.PolicySuite.assertControl;

/** S3 controls (CIS 2.1 and 3.x bucket controls, FSBP S3), on every bucket in every supported configuration. */
class BucketControlsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_S3_4_CKV_AWS_19_everyBucketIsEncryptedAtRest(String configuration) {
        assertControl("CKV_AWS_19", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_3_7_CKV_AWS_145_bucketsUseKmsWhereTheWritingServiceAllowsIt(String configuration) {
        assertControl("CKV_AWS_145", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_S3_14_CKV_AWS_21_everyBucketIsVersioned(String configuration) {
        assertControl("CKV_AWS_21", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_2_1_4_FSBP_S3_8_CKV2_AWS_6_everyBucketBlocksPublicAccess(String configuration) {
        assertControl("CKV2_AWS_6", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_2_1_1_FSBP_S3_5_everyBucketPolicyDeniesRequestsWithoutTls(String configuration) {
        assertControl("FSBP_S3.5", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_3_6_FSBP_S3_9_CKV_AWS_18_everyBucketButTheLogBucketIsAccessLogged(String configuration) {
        assertControl("CKV_AWS_18", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_S3_12_CKV2_AWS_65_aclsAreDisabledOnEveryBucket(String configuration) {
        assertControl("CKV2_AWS_65", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_S3_13_CKV2_AWS_61_everyBucketHasALifecycle(String configuration) {
        assertControl("CKV2_AWS_61", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_300_lifecyclesAbortIncompleteUploads(String configuration) {
        assertControl("CKV_AWS_300", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_S3_2_CKV_AWS_70_noBucketPolicyGrantsToAnyone(String configuration) {
        assertControl("CKV_AWS_70", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_144_crossRegionReplicationIsADocumentedException(String configuration) {
        assertControl("CKV_AWS_144", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_S3_11_CKV2_AWS_62_eventNotificationsAreADocumentedException(String configuration) {
        assertControl("CKV2_AWS_62", configuration);
    }
}
