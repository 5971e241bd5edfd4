package dev.securebaseline.tf;

import dev.securebaseline.settings.AwsRegions;
import dev.securebaseline.settings.DeployAccess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;

/**
 * The AWS providers of a stack, written the same way in every stack of the app: the default one in the
 * stack's region and, in an account stack, one aliased provider per guardrail region (provider 5.x has no
 * per-resource region).
 */
public final class AwsProvider {

    /** The provider constraint; it admits the 5.100.0 the test machines mirror. */
    public static final String VERSION = "~> 5.90";

    /** Native S3 state locking ({@code use_lockfile}) arrived in Terraform 1.10. */
    static final String TERRAFORM_VERSION = ">= 1.10";

    private AwsProvider() {
    }

    /** The tags every resource of a stack carries, through the provider's {@code default_tags}. */
    public static Map<String, Object> defaultTags(String project, String environment, String owner) {
        return map("project", project, "environment", environment, "owner", owner, "managed-by", "cdktf");
    }

    /** {@code aws.eu_west_1}: the value of a resource's {@code provider} argument in that region. */
    public static String in(String region) {
        return "aws." + AwsRegions.alias(region);
    }

    /**
     * Required versions, the default provider and one alias per region in {@code aliasRegions}; tags
     * merged once into each provider's {@code default_tags}.
     */
    public static AwsContext configure(Tf tf, String region, Map<String, Object> defaultTags, DeployAccess access, List<String> aliasRegions) {
        return configure(tf, region, defaultTags, access, aliasRegions, Optional.empty());
    }

    /** Where the state bucket is: its region, and the account the reader is pinned to. */
    public record StateBucket(String region, String accountId) {
    }

    /**
     * As {@link #configure(Tf, String, Map, DeployAccess, List)}, plus, for a stack that reads another stack's state, the
     * {@code aws.state} alias in the state bucket's region, pinned to its account, with the credentials the backend has: the deploying ones, or the
     * state role that {@code var.state_role_arn} names (the pipeline's jobs set it as they set the backend's role). It is
     * only ever used to list the bucket, so that a state that does not exist yet is seen as missing instead of failing the plan.
     */
    public static AwsContext configure(Tf tf, String region, Map<String, Object> defaultTags, DeployAccess access, List<String> aliasRegions,
                                       Optional<StateBucket> stateBucket) {
        tf.setting("terraform.required_version", TERRAFORM_VERSION);
        tf.setting("terraform.required_providers.aws", map("source", "hashicorp/aws", "version", VERSION));
        List<Object> roles = assumedRoles(tf, access);
        List<Object> providers = new ArrayList<>();
        providers.add(provider(null, region, defaultTags, access, roles));
        aliasRegions.forEach(aliasRegion -> providers.add(provider(AwsRegions.alias(aliasRegion), aliasRegion, defaultTags, access, roles)));
        stateBucket.ifPresent(bucket -> providers.add(stateReader(tf, bucket, access.sessionName())));
        // A list of objects, as cdktf writes providers: checkov's JSON parser needs it.
        tf.setting("provider.aws", providers);
        return new AwsContext(region,
                tf.data("aws_partition", "current", map()),
                tf.data("aws_caller_identity", "current", map()));
    }

    /**
     * The {@code assume_role} blocks. A single deploy role is read through {@code var.deploy_role_arn}, which accepts that role
     * or nothing: the pipeline's jobs hold their account's plan or apply role already, and an empty {@code role_arn} makes the
     * provider (5.67.1 and later) assume nothing, so a plan job never climbs into the deploy role. The variable can switch the
     * hop off, never point it elsewhere. A chain (a first deploy through another account's role) is written as it is.
     */
    private static List<Object> assumedRoles(Tf tf, DeployAccess access) {
        List<String> chain = access.roleChain();
        if (chain.size() != 1) {
            return chain.stream().<Object>map(role -> map("role_arn", role, "session_name", access.sessionName())).toList();
        }
        String role = chain.get(0);
        Tf.Ref variable = tf.variable(DEPLOY_ROLE_VARIABLE, "string", role, "The role the providers assume: " + role
                        + ", or empty where the credentials are in the account already (the pipeline's plan and apply roles).",
                new Tf.Validation(Tf.expr("contains([\"\", \"" + role + "\"], var." + DEPLOY_ROLE_VARIABLE + ")"),
                        DEPLOY_ROLE_VARIABLE + " must be empty or " + role + "."));
        return list(map("role_arn", variable.value(), "session_name", access.sessionName()));
    }

    /** The alias of the provider that lists the state bucket. */
    public static final String STATE_ALIAS = "state";

    /** The variable through which the state reader assumes the pipeline's state role; empty by hand. */
    public static final String STATE_ROLE_VARIABLE = "state_role_arn";

    private static Map<String, Object> stateReader(Tf tf, StateBucket bucket, String sessionName) {
        Tf.Ref role = tf.variable(STATE_ROLE_VARIABLE, "string", "", "The role through which this stack reads other stacks' states: "
                        + "empty for the deploying credentials (as the backend's), or the pipeline's state role for this account.",
                new Tf.Validation(Tf.expr("var." + STATE_ROLE_VARIABLE + " == \"\" || can(regex(\"^arn:aws[a-z-]*:iam::[0-9]{12}:role/\", var."
                        + STATE_ROLE_VARIABLE + "))"), STATE_ROLE_VARIABLE + " must be empty or a role ARN (arn:aws:iam::<account>:role/<name>)."));
        return map("alias", STATE_ALIAS, "region", bucket.region(), "allowed_account_ids", list(bucket.accountId()),
                "assume_role", list(map("role_arn", role.value(), "session_name", sessionName)));
    }

    /** The variable through which a single deploy role is assumed. */
    public static final String DEPLOY_ROLE_VARIABLE = "deploy_role_arn";

    private static Map<String, Object> provider(String alias, String region, Map<String, Object> tags, DeployAccess access, List<Object> roles) {
        Map<String, Object> provider = map("alias", alias, "region", region);
        access.accountId().ifPresent(id -> provider.put("allowed_account_ids", list(id)));
        if (!roles.isEmpty()) {
            provider.put("assume_role", roles);
        }
        provider.put("default_tags", map("tags", tags));
        return provider;
    }
}
