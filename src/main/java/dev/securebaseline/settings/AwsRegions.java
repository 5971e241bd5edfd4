package dev.securebaseline.settings;

import java.util.List;

/** The commercial AWS regions this baseline accepts. */
public final class AwsRegions {

    private AwsRegions() {
    }

    static final List<String> ALL = List.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "af-south-1",
            "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
            "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
            "ca-central-1", "ca-west-1",
            "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
            "eu-south-1", "eu-south-2", "eu-north-1",
            "il-central-1", "me-south-1", "me-central-1", "mx-central-1",
            "sa-east-1");

    /**
     * The regions every account has enabled (March 2019 and earlier); later ones are opt-in and must be
     * enabled for the account before a provider can use them.
     */
    public static final List<String> ENABLED_BY_DEFAULT = List.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
            "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "sa-east-1");

    /**
     * Regions opened before ap-southeast-3 (December 2021 and earlier) deliver load balancer access
     * logs from a regional Elastic Load Balancing account; later regions only from the
     * {@code logdelivery.elasticloadbalancing.amazonaws.com} service principal.
     */
    static final List<String> WITH_ELB_LOG_ACCOUNT = List.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1",
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
            "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-north-1",
            "me-south-1", "sa-east-1");

    /**
     * The Elastic Load Balancing accounts of those regions, as AWS's "Enable access logs for your Application
     * Load Balancer" lists them: the principals that deliver their logs, which an organization's data
     * perimeter must let in. In the same order as {@link #WITH_ELB_LOG_ACCOUNT}.
     */
    public static final List<String> ELB_LOG_ACCOUNTS = List.of(
            "127311923021", "033677994240", "027434742980", "797873946194", "098369216593", "754344448648", "718504428378",
            "582318560864", "600734575887", "383597477331", "114774131450", "783225319266", "589379963580",
            "985666609251", "054676820928", "156460612806", "652711504416", "009996457667", "635631232127", "897822967062",
            "076674570225", "507241528517");

    /** GuardDuty's regional exceptions: RDS Protection does not exist in Taipei. */
    static final List<String> WITHOUT_GUARDDUTY_RDS_PROTECTION = List.of("ap-east-2");

    public static boolean hasElbLogAccount(String region) {
        return WITH_ELB_LOG_ACCOUNT.contains(region);
    }

    static boolean isKnown(String region) {
        return ALL.contains(region);
    }

    /** {@code eu-west-1} → {@code eu_west_1}: the provider alias and the address suffix of a per-region resource. */
    public static String alias(String region) {
        return region.replace('-', '_');
    }
}
