package dev.securebaseline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes an organization settings file of the README's example shape with {@code N} workload accounts, its
 * log-archive outputs filled in (so that every member account stack is synthesized): dev and staging in the
 * first workload, prod in the second, the others running no environment of this app.
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
        ObjectNode outputs = file.putObject("log_archive_outputs");
        outputs.put("trail_bucket", "baseline-log-archive-trail-20261206093012345600000001");
        outputs.put("trail_key_arn", "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        outputs.put("config_bucket", "baseline-log-archive-config-20261206093012345600000002");
        outputs.put("config_key_arn", "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890cd");
        json.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[2]).toFile(), file);
    }
}
