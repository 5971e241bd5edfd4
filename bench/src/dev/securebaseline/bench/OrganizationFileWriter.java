package dev.securebaseline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes an organization settings file of the README's example shape with {@code N} workload accounts: dev and
 * staging in the first workload, prod in the second, the others running no environment of this app.
 *
 * <p>Usage: {@code OrganizationFileWriter <example.json> <workloads> <output.json>}.
 */
public final class OrganizationFileWriter {

    private OrganizationFileWriter() {
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode file = (ObjectNode) json.readTree(Path.of(args[0]).toFile());
        int count = Integer.parseInt(args[1]);
        ArrayNode workloads = file.putArray("workloads");
        for (int i = 0; i < count; i++) {
            ObjectNode workload = workloads.addObject();
            workload.put("label", "w" + i);
            workload.put("account_id", String.format("%012d", 500000000000L + i));
            ArrayNode environments = workload.putArray("environments");
            if (i == 0) {
                environments.add("dev").add("staging");
            } else if (i == 1) {
                environments.add("prod");
            }
        }
        json.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[2]).toFile(), file);
    }
}
