package dev.securebaseline.audit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.securebaseline.testing.PolicySuite.assertControl;

/** The KMS key, the log groups, the alarms and the topic, in every supported configuration. */
class KeyAndLogControlsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_3_8_FSBP_KMS_4_CKV_AWS_7_keyRotates(String configuration) {
        assertControl("CKV_AWS_7", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_33_keyPolicyHasNoWildcardPrincipal(String configuration) {
        assertControl("CKV_AWS_33", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_227_keyIsEnabled(String configuration) {
        assertControl("CKV_AWS_227", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_KMS_1_CKV2_AWS_64_keyHasAnExplicitPolicy(String configuration) {
        assertControl("CKV2_AWS_64", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_158_logGroupsAreEncryptedWithTheKey(String configuration) {
        assertControl("CKV_AWS_158", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_66_logGroupsHaveARetention(String configuration) {
        assertControl("CKV_AWS_66", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_338_logGroupsKeepAtLeastAYear(String configuration) {
        assertControl("CKV_AWS_338", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_319_alarmActionsAreEnabled(String configuration) {
        assertControl("CKV_AWS_319", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_SNS_1_CKV_AWS_26_alarmTopicIsEncrypted(String configuration) {
        assertControl("CKV_AWS_26", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_169_alarmTopicIsNotPublic(String configuration) {
        assertControl("CKV_AWS_169", configuration);
    }
}
