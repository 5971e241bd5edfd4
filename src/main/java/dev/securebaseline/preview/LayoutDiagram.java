package dev.securebaseline.preview;

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

    /**
     * Mermaid's own layout, not ours: its labels wrap at 200 pixels unless told otherwise, which breaks names at their hyphens
     * ({@code us-east-\n1}).
     */
    private static final String WIDE_LABELS = "%%{init: {\"flowchart\": {\"wrappingWidth\": 480}}}%%\n";

    /**
     * One box per account, side by side, holding its stacks, one under another; no arrow, so that none crosses a box (the
     * order is {@link #order}'s). In Mermaid's layout nodes with no link between them sit across the flow: hence a top-down
     * chart for boxes side by side, and left-to-right inside each box for stacks one under another. Boxes with no link come
     * out in reverse order, so they are declared last first.
     */
    static String accounts(List<Preview.Entry> entries) {
        StringBuilder out = new StringBuilder("```mermaid\n").append(WIDE_LABELS).append("flowchart TB\n");
        Map<String, StringBuilder> byAccount = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Preview.Entry entry = entries.get(i);
            byAccount.computeIfAbsent(entry.account(), a -> new StringBuilder()).append("    s").append(i).append("[\"").append(entry.stack().name())
                    .append("<br/>").append(entry.role()).append(" · ").append(entry.stack().regionsText()).append("<br/>")
                    .append(entry.stack().resourceCount()).append(" resources\"]\n");
        }
        List<Map.Entry<String, StringBuilder>> boxes = new java.util.ArrayList<>(byAccount.entrySet());
        for (int box = boxes.size() - 1; box >= 0; box--) {
            out.append("  subgraph a").append(box).append("[\"").append(boxes.get(box).getKey()).append("\"]\n    direction LR\n")
                    .append(boxes.get(box).getValue()).append("  end\n");
        }
        return out.append("```\n").toString();
    }

    /**
     * The deploy order as waves, left to right: each stack in the wave after the stack it deploys after; the stacks of one
     * wave do not depend on each other. Arrows join waves, never stacks, so none crosses a box.
     */
    static String order(List<Preview.Entry> entries) {
        Map<String, Integer> wave = new LinkedHashMap<>();
        for (Preview.Entry entry : entries) {
            wave.put(entry.stack().name(), entry.after().map(after -> wave.get(after) + 1).orElse(1));
        }
        int waves = wave.values().stream().max(Integer::compare).orElse(0);
        StringBuilder out = new StringBuilder("```mermaid\n").append(WIDE_LABELS).append("flowchart LR\n");
        for (int w = 1; w <= waves; w++) {
            out.append("  subgraph w").append(w).append("[\"").append(w).append("\"]\n    direction LR\n");
            for (int i = 0; i < entries.size(); i++) {
                if (wave.get(entries.get(i).stack().name()) == w) {
                    out.append("    s").append(i).append("[\"").append(entries.get(i).stack().name()).append("\"]\n");
                }
            }
            out.append("  end\n");
        }
        for (int w = 1; w < waves; w++) {
            out.append("  w").append(w).append(" --> w").append(w + 1).append('\n');
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
        StringBuilder out = new StringBuilder("```mermaid\n").append(WIDE_LABELS).append("flowchart TB\n");
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

}
