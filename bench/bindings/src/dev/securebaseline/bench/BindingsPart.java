package dev.securebaseline.bench;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.TerraformElement;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.cloudtrail.Cloudtrail;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_metric_filter.CloudwatchLogMetricFilter;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_metric_filter.CloudwatchLogMetricFilterMetricTransformation;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.data_aws_availability_zones.DataAwsAvailabilityZones;
import com.hashicorp.cdktf.providers.aws.data_aws_availability_zones.DataAwsAvailabilityZonesFilter;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.data_aws_partition.DataAwsPartition;
import com.hashicorp.cdktf.providers.aws.default_security_group.DefaultSecurityGroup;
import com.hashicorp.cdktf.providers.aws.eip.Eip;
import com.hashicorp.cdktf.providers.aws.flow_log.FlowLog;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.internet_gateway.InternetGateway;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKey;
import com.hashicorp.cdktf.providers.aws.nat_gateway.NatGateway;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderDefaultTags;
import com.hashicorp.cdktf.providers.aws.route.Route;
import com.hashicorp.cdktf.providers.aws.route_table.RouteTable;
import com.hashicorp.cdktf.providers.aws.route_table_association.RouteTableAssociation;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfiguration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleExpiration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleFilter;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration;
import com.hashicorp.cdktf.providers.aws.s3_bucket_lifecycle_configuration.S3BucketLifecycleConfigurationRuleTransition;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControls;
import com.hashicorp.cdktf.providers.aws.s3_bucket_ownership_controls.S3BucketOwnershipControlsRule;
import com.hashicorp.cdktf.providers.aws.s3_bucket_policy.S3BucketPolicy;
import com.hashicorp.cdktf.providers.aws.s3_bucket_public_access_block.S3BucketPublicAccessBlock;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningVersioningConfiguration;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopic;
import com.hashicorp.cdktf.providers.aws.subnet.Subnet;
import com.hashicorp.cdktf.providers.aws.vpc.Vpc;
import dev.securebaseline.audit.CisControls;
import dev.securebaseline.policy.Policies;
import dev.securebaseline.tf.AwsContext;
import dev.securebaseline.tf.Tf;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The twin of {@link RawPart}, written with the generated bindings of cdktf-provider-aws 18.0.3: the
 * same resources under the same names, wired through the bindings' attribute tokens. Policy documents
 * come from the same {@link Policies} in both, since their JSON is not what the bindings replace.
 */
public final class BindingsPart extends TerraformStack {

    private int constructs;

    public BindingsPart(Construct scope, String id) {
        super(scope, id);
        AwsProvider.Builder.create(this, "aws").region("us-east-1")
                .defaultTags(List.of(AwsProviderDefaultTags.builder().tags(Map.of("project", "bench", "managed-by", "cdktf")).build()))
                .build();
        DataAwsPartition partition = named("current", DataAwsPartition.Builder.create(this, unique("current")).build());
        DataAwsCallerIdentity caller = named("current", DataAwsCallerIdentity.Builder.create(this, unique("current")).build());
        DataAwsAvailabilityZones zones = named("available", DataAwsAvailabilityZones.Builder.create(this, unique("available"))
                .filter(List.of(DataAwsAvailabilityZonesFilter.builder().name("opt-in-status").values(List.of("opt-in-not-required")).build()))
                .build());
        AwsContext aws = new AwsContext("us-east-1", Tf.Ref.data("aws_partition", "current"), Tf.Ref.data("aws_caller_identity", "current"));
        String account = caller.getAccountId();
        String arnPrefix = "arn:" + partition.getPartition() + ":";

        Vpc vpc = named("main", Vpc.Builder.create(this, unique("main")).cidrBlock("10.0.0.0/16").enableDnsSupport(true).enableDnsHostnames(true)
                .tags(Map.of("Name", "bench-vpc")).build());
        named("main", DefaultSecurityGroup.Builder.create(this, unique("main")).vpcId(vpc.getId()).build());
        InternetGateway gateway = named("main", InternetGateway.Builder.create(this, unique("main")).vpcId(vpc.getId()).build());
        List<Subnet> publicSubnets = new ArrayList<>();
        List<Subnet> privateSubnets = new ArrayList<>();
        for (int zone = 0; zone < 2; zone++) {
            for (String tier : List.of("public", "private")) {
                int netnum = tier.equals("public") ? zone : 8 + zone;
                String name = tier + "_" + (char) ('a' + zone);
                Subnet subnet = named(name, Subnet.Builder.create(this, unique(name)).vpcId(vpc.getId())
                        .cidrBlock(Fn.cidrsubnet(vpc.getCidrBlock(), 4, netnum))
                        .availabilityZone(Token.asString(Fn.element(zones.getNames(), zone)))
                        .mapPublicIpOnLaunch(false).build());
                (tier.equals("public") ? publicSubnets : privateSubnets).add(subnet);
            }
        }
        Eip ip = named("nat_a", Eip.Builder.create(this, unique("nat_a")).domain("vpc").build());
        NatGateway nat = named("nat_a", NatGateway.Builder.create(this, unique("nat_a")).allocationId(ip.getId()).subnetId(publicSubnets.get(0).getId())
                .dependsOn(List.of(gateway)).build());
        RouteTable publicRoutes = named("public", RouteTable.Builder.create(this, unique("public")).vpcId(vpc.getId()).build());
        named("public_internet", Route.Builder.create(this, unique("public_internet")).routeTableId(publicRoutes.getId()).destinationCidrBlock("0.0.0.0/0")
                .gatewayId(gateway.getId()).build());
        for (int zone = 0; zone < 2; zone++) {
            String suffix = String.valueOf((char) ('a' + zone));
            named("public_" + suffix, RouteTableAssociation.Builder.create(this, unique("public_" + suffix)).subnetId(publicSubnets.get(zone).getId())
                    .routeTableId(publicRoutes.getId()).build());
            RouteTable table = named("private_" + suffix, RouteTable.Builder.create(this, unique("private_" + suffix)).vpcId(vpc.getId()).build());
            named("private_" + suffix + "_nat", Route.Builder.create(this, unique("private_" + suffix + "_nat")).routeTableId(table.getId()).destinationCidrBlock("0.0.0.0/0")
                    .natGatewayId(nat.getId()).build());
            named("private_" + suffix, RouteTableAssociation.Builder.create(this, unique("private_" + suffix)).subnetId(privateSubnets.get(zone).getId())
                    .routeTableId(table.getId()).build());
        }

        String trailArn = arnPrefix + "cloudtrail:us-east-1:" + account + ":trail/bench-trail";
        KmsKey key = named("main", KmsKey.Builder.create(this, unique("main")).enableKeyRotation(true).deletionWindowInDays(30)
                .policy(Policies.auditKeyPolicy(aws, trailArn, "log-group:*", false).json()).build());
        CloudwatchLogGroup flowLogs = named("flow_logs", CloudwatchLogGroup.Builder.create(this, unique("flow_logs")).namePrefix("/bench/flow-logs-")
                .retentionInDays(365).kmsKeyId(key.getArn()).build());
        IamRole flowRole = named("flow_logs", IamRole.Builder.create(this, unique("flow_logs")).namePrefix("bench-flow-logs-")
                .assumeRolePolicy(Policies.assumeRole(aws, "vpc-flow-logs.amazonaws.com",
                        arnPrefix + "ec2:us-east-1:" + account + ":vpc-flow-log/*").json()).build());
        named("flow_logs", IamRolePolicy.Builder.create(this, unique("flow_logs")).role(flowRole.getId())
                .policy(Policies.writeToLogGroup(flowLogs.getArn(), true).json()).build());
        named("main", FlowLog.Builder.create(this, unique("main")).vpcId(vpc.getId()).trafficType("ALL").logDestinationType("cloud-watch-logs")
                .logDestination(flowLogs.getArn()).iamRoleArn(flowRole.getArn()).build());

        S3Bucket bucket = named("trail", S3Bucket.Builder.create(this, unique("trail")).bucketPrefix("bench-trail-").forceDestroy(false)
                .tags(Map.of("Name", "bench-trail")).build());
        named("trail", S3BucketOwnershipControls.Builder.create(this, unique("trail")).bucket(bucket.getId())
                .rule(S3BucketOwnershipControlsRule.builder().objectOwnership("BucketOwnerEnforced").build()).build());
        S3BucketPublicAccessBlock publicAccess = named("trail", S3BucketPublicAccessBlock.Builder.create(this, unique("trail")).bucket(bucket.getId())
                .blockPublicAcls(true).blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true).build());
        S3BucketVersioningA versioning = named("trail", S3BucketVersioningA.Builder.create(this, unique("trail")).bucket(bucket.getId())
                .versioningConfiguration(S3BucketVersioningVersioningConfiguration.builder().status("Enabled").build()).build());
        named("trail", S3BucketServerSideEncryptionConfigurationA.Builder.create(this, unique("trail")).bucket(bucket.getId())
                .rule(List.of(S3BucketServerSideEncryptionConfigurationRuleA.builder()
                        .applyServerSideEncryptionByDefault(S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA.builder()
                                .sseAlgorithm("aws:kms").kmsMasterKeyId(key.getArn()).build())
                        .bucketKeyEnabled(true).build()))
                .build());
        named("trail", S3BucketLifecycleConfiguration.Builder.create(this, unique("trail")).bucket(bucket.getId())
                .rule(List.of(S3BucketLifecycleConfigurationRule.builder().id("archive-then-expire").status("Enabled")
                        .filter(S3BucketLifecycleConfigurationRuleFilter.builder().build())
                        .transition(List.of(S3BucketLifecycleConfigurationRuleTransition.builder().days(90).storageClass("GLACIER").build()))
                        .expiration(S3BucketLifecycleConfigurationRuleExpiration.builder().days(365).build())
                        .noncurrentVersionExpiration(S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration.builder().noncurrentDays(90).build())
                        .abortIncompleteMultipartUpload(S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload.builder()
                                .daysAfterInitiation(7).build())
                        .build()))
                .dependsOn(List.of(versioning)).build());
        S3BucketPolicy bucketPolicy = named("trail", S3BucketPolicy.Builder.create(this, unique("trail")).bucket(bucket.getId())
                .policy(Policies.trailBucket(aws, bucket.getArn(), trailArn).json()).dependsOn(List.of(publicAccess)).build());

        CloudwatchLogGroup trailLogs = named("trail", CloudwatchLogGroup.Builder.create(this, unique("trail")).namePrefix("/bench/cloudtrail-")
                .retentionInDays(365).kmsKeyId(key.getArn()).build());
        IamRole trailRole = named("trail", IamRole.Builder.create(this, unique("trail")).namePrefix("bench-cloudtrail-")
                .assumeRolePolicy(Policies.assumeRole(aws, "cloudtrail.amazonaws.com", trailArn).json()).build());
        IamRolePolicy trailPolicy = named("trail", IamRolePolicy.Builder.create(this, unique("trail")).role(trailRole.getId())
                .policy(Policies.writeToLogGroup(trailLogs.getArn(), false).json()).build());
        named("main", Cloudtrail.Builder.create(this, unique("main")).name("bench-trail").s3BucketName(bucket.getId()).isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true).enableLogFileValidation(true).kmsKeyId(key.getArn())
                .cloudWatchLogsGroupArn(trailLogs.getArn() + ":*").cloudWatchLogsRoleArn(trailRole.getArn())
                .dependsOn(List.of(bucketPolicy, trailPolicy)).build());

        CisControls.Control control = CisControls.ALL.get(2);
        SnsTopic topic = named("alarms", SnsTopic.Builder.create(this, unique("alarms")).namePrefix("bench-alarms-").kmsMasterKeyId(key.getArn()).build());
        named(control.address(), CloudwatchLogMetricFilter.Builder.create(this, unique(control.address())).name("bench-" + control.slug())
                .logGroupName(trailLogs.getName()).pattern(control.pattern())
                .metricTransformation(CloudwatchLogMetricFilterMetricTransformation.builder()
                        .name(control.metricName()).namespace("bench-cis").value("1").build())
                .build());
        named(control.address(), CloudwatchMetricAlarm.Builder.create(this, unique(control.address())).alarmName("bench-" + control.slug()).namespace("bench-cis")
                .metricName(control.metricName()).statistic("Sum").period(300).evaluationPeriods(1).threshold(1)
                .comparisonOperator("GreaterThanOrEqualToThreshold").alarmActions(List.of(topic.getArn())).build());
    }

    /** Construct ids must be unique across types; Terraform names need only be unique per type. */
    private String unique(String name) {
        return name + "#" + constructs++;
    }

    /** Gives the element the Terraform name the raw version uses, e.g. {@code main}. */
    private static <T extends TerraformElement> T named(String name, T element) {
        element.overrideLogicalId(name);
        return element;
    }
}
