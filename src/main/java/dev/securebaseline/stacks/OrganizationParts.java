package dev.securebaseline.stacks;

import com.hashicorp.cdktf.TerraformStack;
import dev.securebaseline.settings.AppSettings;
import dev.securebaseline.settings.DeployAccess;
import dev.securebaseline.settings.Organization;
import dev.securebaseline.settings.OrganizationSettings;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.AwsProvider;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.StateBackends;
import dev.securebaseline.tf.Tf;

import java.util.List;
import java.util.Optional;

/** What the organization's own stacks ({@code <project>-org}, {@code -log-archive}, {@code -security}) start with alike. */
final class OrganizationParts {

    private OrganizationParts() {
    }

    /**
     * What each of the three stacks starts with: the providers pinned to {@code account} (through its deploy role),
     * tagged as the part, one alias per region of {@code aliasRegions}, and the S3 backend of the part's state.
     */
    static AwsContext providersAndState(TerraformStack stack, Tf tf, AppSettings.Bootstrap app, String part, Naming names,
                                        Organization.Member account, String homeRegion, List<String> aliasRegions) {
        return providersAndState(stack, tf, app, part, names, account, homeRegion, aliasRegions, Optional.empty());
    }

    /** As above, with the reader of other stacks' states in {@code stateBucket} (the org stack reads the log archive's). */
    static AwsContext providersAndState(TerraformStack stack, Tf tf, AppSettings.Bootstrap app, String part, Naming names,
                                        Organization.Member account, String homeRegion, List<String> aliasRegions,
                                        Optional<AwsProvider.StateBucket> stateBucket) {
        AwsContext aws = AwsProvider.configure(tf, homeRegion, AwsProvider.defaultTags(app.project(), part, app.owner()),
                new DeployAccess(Optional.of(account.accountId()), account.deployRoleArn(), names.display("deploy")), aliasRegions, stateBucket);
        StateBackends.write(stack, tf, OrganizationSettings.state(app, part), app.project() + "-bootstrap");
        return aws;
    }
}
