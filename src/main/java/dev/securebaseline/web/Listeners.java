package dev.securebaseline.web;

import dev.securebaseline.settings.BaselineSettings.WebTier;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf.Ref;
import dev.securebaseline.tf.Tf;

import java.util.Map;

import static dev.securebaseline.tf.Tf.expr;
import static dev.securebaseline.tf.Tf.list;
import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * The load balancer's listeners. HTTP by default: HTTPS is never forced on a user who cannot validate a certificate.
 * With HTTPS, a DNS-validated ACM certificate, TLS 1.3 on 443, and port 80 turned into a permanent redirect.
 * {@code https} and {@code certificate} are null in HTTP-only mode.
 */
public record Listeners(Ref http, Ref https, Ref certificate) {

    /** TLS 1.3 and 1.2 only: the policy AWS recommends for new listeners. */
    static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    public static Listeners write(Tf tf, Naming names, WebTier web, LoadBalancer lb) {
        Map<String, Object> forward = map("type", "forward", "target_group_arn", lb.targetGroup().get("arn"));
        if (!web.httpsEnabled()) {
            // Deliberate exception (docs/settings.md, "HTTP and HTTPS"): plain HTTP until the user owns a domain.
            return new Listeners(listener(tf, names, "http", lb, 80, forward, null), null, null);
        }
        Certificate certificate = certificate(tf, web, lb);
        Ref https = listener(tf, names, "https", lb, 443, forward, certificate.validation().get("certificate_arn"));
        Ref http = listener(tf, names, "http", lb, 80, map(
                "type", "redirect",
                "redirect", map("port", "443", "protocol", "HTTPS", "status_code", "HTTP_301")), null);
        return new Listeners(http, https, certificate.certificate());
    }

    private static Ref listener(Tf tf, Naming names, String name, LoadBalancer lb, int port, Map<String, Object> action, String certificateArn) {
        boolean tls = certificateArn != null;
        return tf.resource("aws_lb_listener", name, map(
                "load_balancer_arn", lb.alb().get("arn"),
                "port", port,
                "protocol", tls ? "HTTPS" : "HTTP",
                "ssl_policy", tls ? TLS_POLICY : null,
                "certificate_arn", certificateArn,
                "default_action", list(action),
                "tags", tags(names.display(name))));
    }

    private record Certificate(Ref certificate, Ref validation) {
    }

    /** ACM certificate validated through Route 53 in the user's own zone, plus the optional alias record. */
    private static Certificate certificate(Tf tf, WebTier web, LoadBalancer lb) {
        String zoneId = web.hostedZoneId().orElseGet(() -> tf.data("aws_route53_zone", "main", map(
                "name", web.hostedZoneName().orElseThrow(),
                "private_zone", false)).get("zone_id"));
        Ref certificate = tf.resource("aws_acm_certificate", "main", map(
                "domain_name", web.domainName(),
                "validation_method", "DNS",
                "tags", tags(web.domainName()),
                "lifecycle", map("create_before_destroy", true)));
        // One domain, so exactly one validation option: no for_each, which scanners read poorly.
        String option = "tolist(" + certificate.attr("domain_validation_options") + ")[0]";
        Ref record = tf.resource("aws_route53_record", "certificate_validation", map(
                "zone_id", zoneId,
                "name", expr(option + ".resource_record_name"),
                "type", expr(option + ".resource_record_type"),
                "records", list(expr(option + ".resource_record_value")),
                "ttl", 60,
                "allow_overwrite", true));
        Ref validation = tf.resource("aws_acm_certificate_validation", "main", map(
                "certificate_arn", certificate.get("arn"),
                "validation_record_fqdns", list(record.get("fqdn"))));
        if (web.createDnsRecord()) {
            tf.resource("aws_route53_record", "app", map(
                    "zone_id", zoneId,
                    "name", web.domainName(),
                    "type", "A",
                    "alias", map(
                            "name", lb.alb().get("dns_name"),
                            "zone_id", lb.alb().get("zone_id"),
                            "evaluate_target_health", true)));
        }
        return new Certificate(certificate, validation);
    }
}
