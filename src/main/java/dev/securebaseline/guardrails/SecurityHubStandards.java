package dev.securebaseline.guardrails;

import java.util.List;

/**
 * The Security Hub standards the baseline subscribes to in every guardrail region, and the controls of each
 * that check global (IAM) resources. Config records those resources in the home region only, so, as AWS
 * recommends ("Suggested controls to disable in Security Hub CSPM"), they are disabled in every other
 * region: there they would only repeat the home region's findings, and be billed again.
 */
public final class SecurityHubStandards {

    private SecurityHubStandards() {
    }

    /**
     * One standard: its ARN suffix, the short role that names its resources, and its controls of global
     * resources (each must belong to the standard: Security Hub refuses an association with one that does not).
     */
    public record Standard(String role, String path, List<String> globalControls) {

        public String arn(String partition, String region) {
            return "arn:" + partition + ":securityhub:" + region + "::standards/" + path;
        }
    }

    static final Standard FSBP = new Standard("fsbp", "aws-foundational-security-best-practices/v/1.0.0",
            List.of("IAM.1", "IAM.2", "IAM.3", "IAM.4", "IAM.5", "IAM.6", "IAM.7", "IAM.8", "IAM.21", "KMS.1", "KMS.2"));

    static final Standard CIS = new Standard("cis", "cis-aws-foundations-benchmark/v/5.0.0",
            List.of("IAM.2", "IAM.3", "IAM.4", "IAM.5", "IAM.6", "IAM.9", "IAM.15", "IAM.16", "IAM.18", "IAM.22", "IAM.26", "IAM.27"));

    public static final List<Standard> ALL = List.of(FSBP, CIS);

    /** Why a control is off outside the home region, as Security Hub records it. */
    static String reason(String homeRegion) {
        return "Checks global IAM resources, which AWS Config records in the home region " + homeRegion
                + " only; evaluated there (AWS Security Hub, controls that use global resources).";
    }
}
