package dev.securebaseline.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** The account layouts the app supports: which environments share an AWS account. */
public final class Layouts {

    private Layouts() {
    }

    public static final String ONE_IMPLICIT_ACCOUNT = "one implicit account (defaults)";
    public static final String THREE_ACCOUNTS = "an account per environment";
    public static final String SHARED_AND_SEPARATE = "dev and staging share an account, prod has its own";
    public static final String PIPELINE_ONE_ACCOUNT = "one account, deployed from a GitHub pipeline";
    public static final String PIPELINE_TWO_ACCOUNTS = "dev and staging in one account, prod in another, from a GitHub pipeline";

    /** The repository the pipeline layouts trust. */
    public static final String REPOSITORY = "example-org/aws-baseline";

    public static final String DEV_ACCOUNT = "111111111111";
    public static final String STAGING_ACCOUNT = "222222222222";
    public static final String PROD_ACCOUNT = "333333333333";
    public static final String PROD_DEPLOY_ROLE = "arn:aws:iam::" + PROD_ACCOUNT + ":role/baseline-deploy";

    private static final Map<String, Map<String, String>> ALL = new LinkedHashMap<>();

    static {
        ALL.put(ONE_IMPLICIT_ACCOUNT, Map.of());
        ALL.put(THREE_ACCOUNTS, Map.of(
                "BASELINE_DEV_ACCOUNT_ID", DEV_ACCOUNT,
                "BASELINE_STAGING_ACCOUNT_ID", STAGING_ACCOUNT,
                "BASELINE_PROD_ACCOUNT_ID", PROD_ACCOUNT));
        // The usual multi-account layout: state in the account CI runs in, prod deployed through a role.
        ALL.put(SHARED_AND_SEPARATE, Map.of(
                "BASELINE_DEV_ACCOUNT_ID", DEV_ACCOUNT,
                "BASELINE_STAGING_ACCOUNT_ID", DEV_ACCOUNT,
                "BASELINE_PROD_DEPLOY_ROLE_ARN", PROD_DEPLOY_ROLE));
        // Two guardrail regions: the pipeline changes nothing per region, and seventeen are proved by the layouts above.
        ALL.put(PIPELINE_ONE_ACCOUNT, Map.of("BASELINE_ACCOUNT_ID", DEV_ACCOUNT, "BASELINE_GITHUB_REPOSITORY", REPOSITORY,
                "BASELINE_GUARDRAIL_REGIONS", "us-east-1,eu-west-1"));
        // The state in the shared account; prod's account is protected (only the approval environment applies there).
        ALL.put(PIPELINE_TWO_ACCOUNTS, Map.of(
                "BASELINE_ACCOUNT_ID", DEV_ACCOUNT, "BASELINE_PROD_ACCOUNT_ID", PROD_ACCOUNT,
                "BASELINE_STATE_ACCOUNT_ID", DEV_ACCOUNT, "BASELINE_GITHUB_REPOSITORY", REPOSITORY,
                "BASELINE_ACCOUNT_LABELS", "shared=" + DEV_ACCOUNT + ",prod=" + PROD_ACCOUNT,
                "BASELINE_GUARDRAIL_REGIONS", "us-east-1,eu-west-1"));
    }

    public static Map<String, Map<String, String>> all() {
        return ALL;
    }

    /** The whole app of a layout, by stack name. */
    public static Map<String, Synthesized> app(String layout) {
        return Synth.app(ALL.get(layout));
    }
}
