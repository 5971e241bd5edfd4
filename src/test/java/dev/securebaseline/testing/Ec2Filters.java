package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EC2's Describe filters, as the EC2 API reference defines them for DescribeVpcs: a VPC matches when, for every filter, one
 * of the filter's values equals the VPC's attribute of that filter's name (booleans as {@code true} / {@code false}). A
 * lookup's filters are read from the JSON and run against a region that holds more than the baseline expects: what the
 * lookup really selects, not what its filter's name promises.
 */
public final class Ec2Filters {

    /** A VPC as DescribeVpcs returns it, by the attributes its filter names select on. */
    record Vpc(String id, Map<String, String> attributes) {
    }

    /** A region as the world leaves it: its default VPC, and two VPCs of other teams. */
    public static final List<Vpc> A_REGION_IN_USE = List.of(
            new Vpc("vpc-0default0000000001", Map.of("is-default", "true", "state", "available", "owner-id", "111122223333")),
            new Vpc("vpc-0payments000000002", Map.of("is-default", "false", "state", "available", "owner-id", "111122223333")),
            new Vpc("vpc-0analytics00000003", Map.of("is-default", "false", "state", "available", "owner-id", "111122223333")));

    private Ec2Filters() {
    }

    /** The ids of the VPCs a data source's {@code filter} blocks select; a filter on a name the model does not know fails. */
    public static List<String> selected(JsonNode filters, List<Vpc> vpcs) {
        List<String> ids = new ArrayList<>();
        for (Vpc vpc : vpcs) {
            boolean matches = true;
            for (JsonNode filter : filters) {
                String name = filter.path("name").asText();
                if (vpcs.stream().noneMatch(v -> v.attributes().containsKey(name))) {
                    throw new AssertionError("the VPC model has no attribute for the filter " + name);
                }
                boolean any = false;
                for (JsonNode value : filter.path("values")) {
                    any |= value.asText().equals(vpc.attributes().get(name));
                }
                matches &= any;
            }
            if (matches) {
                ids.add(vpc.id());
            }
        }
        return ids;
    }
}
