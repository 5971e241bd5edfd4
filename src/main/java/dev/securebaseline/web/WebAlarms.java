package dev.securebaseline.web;

import dev.securebaseline.monitoring.Monitoring;
import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import java.util.Map;

import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;

/** The web tier's alarms, each to the alarm topic and back: unhealthy targets, the targets' 5xx rate, the load balancer's own 5xx. */
public final class WebAlarms {

    private WebAlarms() {
    }

    public static void write(Tf tf, Naming names, BaselineSettings.AlarmThresholds limits, LoadBalancer lb, Ref topic) {
        Map<String, Object> balancer = map("LoadBalancer", lb.alb().get("arn_suffix"));
        Map<String, Object> targets = map("LoadBalancer", lb.alb().get("arn_suffix"), "TargetGroup", lb.targetGroup().get("arn_suffix"));

        Monitoring.alarm(tf, names, topic, "unhealthy_hosts", "web-unhealthy-hosts", "At least " + limits.unhealthyHosts() + " web target(s) unhealthy for 3 minutes", map(
                "namespace", "AWS/ApplicationELB", "metric_name", "UnHealthyHostCount", "dimensions", targets,
                "statistic", "Maximum", "period", 60, "evaluation_periods", 3,
                "threshold", limits.unhealthyHosts(), "comparison_operator", "GreaterThanOrEqualToThreshold",
                "ok_actions", list(topic.get("arn"))));
        Monitoring.alarm(tf, names, topic, "target_5xx_rate", "web-target-5xx-rate", "More than " + limits.target5xxRatePercent()
                + " % of requests got a 5xx from the targets, two 5-minute periods running", map(
                "metric_query", list(
                        map("id", "rate", "label", "Target 5xx rate (%)", "return_data", true,
                                "expression", "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)"),
                        map("id", "errors", "metric", map("namespace", "AWS/ApplicationELB",
                                "metric_name", "HTTPCode_Target_5XX_Count", "dimensions", targets, "stat", "Sum", "period", 300)),
                        map("id", "requests", "metric", map("namespace", "AWS/ApplicationELB",
                                "metric_name", "RequestCount", "dimensions", targets, "stat", "Sum", "period", 300))),
                "evaluation_periods", 2,
                "threshold", limits.target5xxRatePercent(), "comparison_operator", "GreaterThanThreshold",
                "ok_actions", list(topic.get("arn"))));
        Monitoring.alarm(tf, names, topic, "alb_5xx", "web-alb-5xx", "The load balancer itself returned at least " + limits.alb5xxCount()
                + " 5xx responses in 5 minutes", map(
                "namespace", "AWS/ApplicationELB", "metric_name", "HTTPCode_ELB_5XX_Count", "dimensions", balancer,
                "statistic", "Sum", "period", 300, "evaluation_periods", 1,
                "threshold", limits.alb5xxCount(), "comparison_operator", "GreaterThanOrEqualToThreshold",
                "ok_actions", list(topic.get("arn"))));
    }
}
