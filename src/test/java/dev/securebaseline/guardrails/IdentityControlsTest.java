package dev.securebaseline.guardrails;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.securebaseline.testing.PolicySuite.assertControl;

/** IAM roles and their policies, in every supported configuration. */
class IdentityControlsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void CKV_AWS_60_noRoleCanBeAssumedByAnyone(String configuration) {
        assertControl("CKV_AWS_60", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void cis_1_16_FSBP_IAM_1_CKV_AWS_274_noAdministratorAccess(String configuration) {
        assertControl("CKV_AWS_274", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_IAM_21_CKV_AWS_290_noRolePolicyGrantsOnEveryResource(String configuration) {
        assertControl("CKV_AWS_290", configuration);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securebaseline.testing.PolicySuite#configurations")
    void FSBP_IAM_21_CKV_AWS_355_noRolePolicyGrantsWildcardActions(String configuration) {
        assertControl("CKV_AWS_355", configuration);
    }
}
