package dev.securebaseline;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The preview's two Mermaid pictures, drawn from the synthesized stacks: which stack goes to which account
 * and region and in what order, and what one environment's network and web tier look like.
 */
final class LayoutDiagram {

    private LayoutDiagram() {
    }

    /** One box per account holding its stacks; an arrow from each stack to the next one deployed after it. */
    static String layout(List<Preview.Entry> entries) {
        StringBuilder out = new StringBuilder("```mermaid\nflowchart LR\n");
        Map<String, StringBuilder> byAccount = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Preview.Entry entry = entries.get(i);
            byAccount.computeIfAbsent(entry.account(), a -> new StringBuilder()).append("    s").append(i).append("[\"").append(entry.stack().name())
                    .append("<br/>").append(entry.role()).append(" · ").append(entry.stack().regionsText()).append("<br/>")
                    .append(entry.stack().resourceCount()).append(" resources\"]\n");
        }
        int box = 0;
        for (Map.Entry<String, StringBuilder> account : byAccount.entrySet()) {
            out.append("  subgraph a").append(box++).append("[\"").append(account.getKey()).append("\"]\n").append(account.getValue()).append("  end\n");
        }
        for (int i = 0; i < entries.size(); i++) {
            int index = i;
            entries.get(i).after().map(previous -> indexOf(entries, previous)).ifPresent(p -> out.append("  s").append(p).append(" --> s").append(index).append('\n'));
        }
        return out.append("```\n").toString();
    }

    /** The environment's VPC, subnets, gateways, load balancer, firewall and Auto Scaling group. */
    static String environment(StackFacts stack) {
        JsonNode vpc = stack.resources("aws_vpc").values().iterator().next();
        long publicSubnets = stack.resources("aws_subnet").keySet().stream().filter(n -> n.startsWith("public")).count();
        long privateSubnets = stack.resources("aws_subnet").keySet().stream().filter(n -> n.startsWith("private")).count();
        int nat = stack.resources("aws_nat_gateway").size();
        JsonNode group = stack.resources("aws_autoscaling_group").values().iterator().next();
        String instanceType = stack.resources("aws_launch_template").values().iterator().next().path("instance_type").asText();
        StringBuilder listeners = new StringBuilder();
        stack.resources("aws_lb_listener").values().forEach(l -> listeners.append(listeners.length() == 0 ? "" : ", ")
                .append(l.path("protocol").asText()).append(" :").append(l.path("port").asText()));
        boolean firewall = !stack.resources("aws_wafv2_web_acl").isEmpty();
        StringBuilder out = new StringBuilder("```mermaid\nflowchart TB\n");
        out.append("  internet((Internet))\n");
        if (firewall) {
            out.append("  waf[\"AWS WAF web ACL<br/>").append(stack.resources("aws_wafv2_web_acl").values().iterator().next().path("rule").size())
                    .append(" rules\"]\n");
        }
        out.append("  subgraph vpc[\"VPC ").append(vpc.path("cidr_block").asText()).append(" · ").append(stack.regions().get(0)).append("\"]\n");
        out.append("    igw[\"internet gateway\"]\n");
        out.append("    subgraph public[\"").append(publicSubnets).append(" public subnets, one per zone\"]\n");
        out.append("      alb[\"Application Load Balancer<br/>").append(listeners).append("\"]\n");
        out.append("      nat[\"").append(nat).append(nat == 1 ? " NAT gateway" : " NAT gateways, one per zone").append("\"]\n");
        out.append("    end\n");
        out.append("    subgraph private[\"").append(privateSubnets).append(" private subnets, one per zone\"]\n");
        out.append("      asg[\"Auto Scaling group<br/>").append(instanceType).append(" · ").append(group.path("min_size").asInt()).append(" to ")
                .append(group.path("max_size").asInt()).append(", desired ").append(group.path("desired_capacity").asInt()).append("\"]\n");
        out.append("    end\n  end\n");
        out.append(firewall ? "  internet --> waf --> alb\n" : "  internet --> alb\n");
        out.append("  alb -->|app port| asg\n  asg -->|outbound| nat --> igw --> internet\n");
        return out.append("```\n").toString();
    }


    private static int indexOf(List<Preview.Entry> entries, String stack) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).stack().name().equals(stack)) {
                return i;
            }
        }
        throw new IllegalArgumentException(stack + " is not synthesized");
    }
}
