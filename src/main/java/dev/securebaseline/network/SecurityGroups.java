package dev.securebaseline.network;

import dev.securebaseline.settings.BaselineSettings;
import dev.securebaseline.tf.Naming;
import dev.securebaseline.tf.Tf.Ref;
import dev.securebaseline.tf.Tf;

import java.util.Map;

import static dev.securebaseline.tf.Tf.map;
import static dev.securebaseline.tf.Tf.tags;

/**
 * Internet → load balancer → app, nothing else. Every rule is its own resource with a description (inline rules are
 * attributes whose typos {@code terraform validate} does not see). FSBP EC2.13/14/18; SSH never from the internet.
 */
public record SecurityGroups(Ref loadBalancer, Ref app) {

    /** The two groups of an environment's web tier in {@code vpc}; SSH only from {@code sshIngressCidr} (a variable), when set. */
    public static SecurityGroups write(Tf tf, Naming names, BaselineSettings settings, Ref vpc, Ref sshIngressCidr) {
        Rules rules = new Rules(tf, names);
        Ref alb = rules.group("alb", "Load balancer: listener ports from the allowed CIDRs, app port to the app group only", vpc);
        Ref app = rules.group("app", "Application instances: app port from the load balancer only, HTTPS out", vpc);

        for (BaselineSettings.IngressSource source : settings.albIngressSources()) {
            String cidr = source.cidr().toString();
            // Port 80 stays open in both modes: it serves HTTP, or redirects to HTTPS.
            rules.ingress("alb_http" + source.suffix(), alb, 80, "HTTP from " + cidr, "cidr_ipv4", cidr);
            if (settings.web().httpsEnabled()) {
                rules.ingress("alb_https" + source.suffix(), alb, 443, "HTTPS from " + cidr, "cidr_ipv4", cidr);
            }
        }
        rules.egress("alb_to_app", alb, settings.appPort(), "Forward and health-check traffic to the app instances",
                "referenced_security_group_id", app.get("id"));

        rules.ingress("app_from_alb", app, settings.appPort(), "App port from the load balancer only",
                "referenced_security_group_id", alb.get("id"));
        rules.ingress("app_ssh", app, 22, "SSH from inside the VPC only (ssh_ingress_cidr)",
                "cidr_ipv4", sshIngressCidr.value(),
                "count", Tf.countIf(sshIngressCidr.path() + " != \"\""));
        // Package repositories and the SSM endpoints are reached over HTTPS; nothing else leaves.
        rules.egress("app_https_out", app, 443, "HTTPS out for package repositories and SSM", "cidr_ipv4", "0.0.0.0/0");
        return new SecurityGroups(alb, app);
    }

    /** Writes groups and their one-port rules. */
    private record Rules(Tf tf, Naming names) {

        Ref group(String role, String description, Ref vpc) {
            return tf.resource("aws_security_group", role, map(
                    "name_prefix", names.prefix(role),
                    "description", description,
                    "vpc_id", vpc.get("id"),
                    "tags", tags(names.display(role)),
                    // Rules reference the group, so a replacement must exist before the old one goes.
                    "lifecycle", map("create_before_destroy", true)));
        }

        void ingress(String name, Ref group, int port, String description, Object... peer) {
            portRule("aws_vpc_security_group_ingress_rule", name, group, port, description, peer);
        }

        void egress(String name, Ref group, int port, String description, Object... peer) {
            portRule("aws_vpc_security_group_egress_rule", name, group, port, description, peer);
        }

        /** One TCP port, one peer ({@code cidr_ipv4} or {@code referenced_security_group_id}, optionally a {@code count}). */
        private void portRule(String type, String name, Ref group, int port, String description, Object... peer) {
            Map<String, Object> rule = map(
                    "security_group_id", group.get("id"),
                    "description", description,
                    "ip_protocol", "tcp",
                    "from_port", port,
                    "to_port", port,
                    "tags", tags(names.display(name.replace('_', '-'))));
            rule.putAll(map(peer));
            tf.resource(type, name, rule);
        }
    }
}
