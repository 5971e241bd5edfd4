package dev.securebaseline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.securebaseline.testing.Synthesized.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CIS alarms really fire: the filter patterns are taken from the synthesized JSON and run against
 * a corpus of CloudTrail records ({@code src/test/resources/cloudtrail}) with {@link FilterPattern}.
 */
class CisAlarmsFireTest {

    private static final Path CORPUS = Path.of("src", "test", "resources", "cloudtrail");
    private static final Pattern EVENT_NAME = Pattern.compile("\\$\\.eventName\\s*=\\s*\"?([A-Za-z]+)\"?");

    private final Synthesized stack = Synth.accountDefaults();

    /** CIS control id → the filter pattern the stack writes for it. */
    private Map<String, FilterPattern> patterns() {
        Map<String, FilterPattern> patterns = new LinkedHashMap<>();
        stack.resources("aws_cloudwatch_log_metric_filter").forEach((name, filter) -> {
            String description = stack.resource("aws_cloudwatch_metric_alarm", name).path("alarm_description").asText();
            String control = description.replaceAll("^CIS (4\\.\\d+):.*$", "$1");
            patterns.put(control, FilterPattern.parse(filter.path("pattern").asText()));
        });
        return patterns;
    }

    static Stream<Path> corpusFiles() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.getFileName().toString().startsWith("4.")).sorted().toList().stream();
        }
    }

    private static JsonNode read(Path file) {
        try {
            return Synthesized.parseJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void eachControlFiresOnEveryEventItMustAndOnNoneItMustNot(Path file) {
        JsonNode corpus = read(file);
        String control = corpus.path("control").asText();
        FilterPattern pattern = patterns().get(control);
        assertThat(pattern).as("the stack has a filter for CIS %s", control).isNotNull();

        for (JsonNode event : corpus.path("fires")) {
            assertThat(pattern.matches(event)).as("CIS %s must fire on %s %s\npattern: %s", control,
                    event.path("eventSource").asText(), event.path("eventName").asText(), pattern).isTrue();
        }
        for (JsonNode event : corpus.path("quiet")) {
            assertThat(pattern.matches(event)).as("CIS %s must stay quiet on %s %s (%s)\npattern: %s", control,
                    event.path("eventSource").asText(), event.path("eventName").asText(), corpus.path("note").asText(), pattern).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void theCorpusHasAFiringEventForEveryEventNameTheControlLists(Path file) {
        JsonNode corpus = read(file);
        String control = corpus.path("control").asText();
        Set<String> listed = new LinkedHashSet<>();
        Matcher m = EVENT_NAME.matcher(patterns().get(control).toString());
        while (m.find()) {
            listed.add(m.group(1));
        }
        Set<String> covered = new LinkedHashSet<>();
        corpus.path("fires").forEach(event -> covered.add(event.path("eventName").asText()));

        assertThat(covered).as("event names with a firing example for CIS %s", control).containsAll(listed);
        assertThat(corpus.path("fires")).as("CIS %s has firing examples", control).isNotEmpty();
        assertThat(corpus.path("quiet")).as("CIS %s has quiet examples", control).isNotEmpty();
    }

    @Test
    void theCorpusCoversAllFifteenControls() throws IOException {
        List<String> controls = new ArrayList<>();
        corpusFiles().forEach(file -> controls.add(read(file).path("control").asText()));

        assertThat(controls).containsExactlyInAnyOrderElementsOf(patterns().keySet());
        assertThat(controls).hasSize(15);
    }

    @Test
    void noAlarmFiresOnOrdinaryActivity() {
        JsonNode ordinary = read(CORPUS.resolve("ordinary-activity.json"));
        Map<String, FilterPattern> patterns = patterns();

        for (JsonNode event : ordinary.path("quiet")) {
            patterns.forEach((control, pattern) -> assertThat(pattern.matches(event))
                    .as("CIS %s on ordinary %s %s", control, event.path("eventSource").asText(), event.path("eventName").asText())
                    .isFalse());
        }
    }

    @Test
    void everyRecordHasTheFieldsRealCloudTrailRecordsHave() throws IOException {
        List<Path> files = new ArrayList<>(corpusFiles().toList());
        files.add(CORPUS.resolve("ordinary-activity.json"));
        for (Path file : files) {
            JsonNode corpus = read(file);
            for (String list : List.of("fires", "quiet")) {
                for (JsonNode event : corpus.path(list)) {
                    String label = file.getFileName() + " " + event.path("eventName").asText();
                    assertThat(event.path("eventVersion").asText()).as(label).matches("1\\.\\d\\d");
                    assertThat(event.path("userIdentity").isObject()).as(label).isTrue();
                    assertThat(event.path("eventSource").asText()).as(label).endsWith(".amazonaws.com");
                    assertThat(event.path("eventType").asText()).as(label).isIn("AwsApiCall", "AwsConsoleSignIn", "AwsServiceEvent");
                    assertThat(event.path("recipientAccountId").asText()).as(label).isEqualTo("111122223333");
                    assertThat(event.path("eventTime").asText()).as(label).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
                    assertThat(event.has("sourceIPAddress")).as(label).isTrue();
                }
            }
        }
    }

    @Test
    void everyFilterSitsOnTheLogGroupCloudTrailDeliversTo() {
        String delivered = stack.resource("aws_cloudtrail", "main").path("cloud_watch_logs_group_arn").asText();
        String logGroup = delivered.replaceAll("^\\$\\{(aws_cloudwatch_log_group\\.[a-z_]+)\\.arn}:\\*$", "$1");
        assertThat(logGroup).isEqualTo("aws_cloudwatch_log_group.trail");

        stack.resources("aws_cloudwatch_log_metric_filter").forEach((name, filter) ->
                assertThat(filter.path("log_group_name").asText()).as(name).isEqualTo("${" + logGroup + ".name}"));
    }

    @Test
    void everyAlarmCountsItsFiltersMetricAndNotifiesTheTopic() {
        stack.resources("aws_cloudwatch_log_metric_filter").forEach((name, filter) -> {
            JsonNode alarm = stack.resource("aws_cloudwatch_metric_alarm", name);
            assertThat(alarm.path("metric_name").asText()).as(name).isEqualTo(filter.path("metric_transformation").path("name").asText());
            assertThat(alarm.path("namespace").asText()).as(name).isEqualTo(filter.path("metric_transformation").path("namespace").asText());
            assertThat(texts(alarm.path("alarm_actions"))).as(name).containsExactly("${aws_sns_topic.security_alarms.arn}");
            assertThat(alarm.path("actions_enabled").asBoolean(true)).as(name).isTrue();
        });
    }
}
