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
    }

    public static Map<String, Map<String, String>> all() {
        return ALL;
    }

    /** The whole app of a layout, by stack name. */
    public static Map<String, Synthesized> app(String layout) {
        return Synth.app(ALL.get(layout));
    }
}
