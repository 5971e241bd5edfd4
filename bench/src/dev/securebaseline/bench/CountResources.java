package dev.securebaseline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Prints "N resources and M data sources in K stacks" for a cdktf.out folder. */
public final class CountResources {

    private CountResources() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> stacks;
        try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
            stacks = files.filter(f -> f.getFileName().toString().equals("cdk.tf.json")).toList();
        }
        int resources = 0;
        int data = 0;
        for (Path stack : stacks) {
            JsonNode json = new ObjectMapper().readTree(stack.toFile());
            for (JsonNode type : json.path("resource")) {
                resources += type.size();
            }
            for (JsonNode type : json.path("data")) {
                data += type.size();
            }
        }
        System.out.println(resources + " resources and " + data + " data sources in " + stacks.size() + " stacks");
    }
}
