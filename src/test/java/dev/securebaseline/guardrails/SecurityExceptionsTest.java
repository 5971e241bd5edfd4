package dev.securebaseline.guardrails;

import dev.securebaseline.testing.Configurations;
import dev.securebaseline.testing.Layouts;
import dev.securebaseline.testing.Organizations;
import dev.securebaseline.testing.PolicyChecks;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exception list is exact: every failing check in every configuration is a documented exception,
 * and every documented exception still fails where it says it applies (so a fix makes its entry go).
 */
class SecurityExceptionsTest {

    @Test
    void everyFailingCheckInEveryConfigurationIsADocumentedException() {
        assertThat(unexplained(Configurations.stacks())).isEmpty();
    }

    @Test
    void everyFailingCheckInTheExampleOrganizationsStacksIsADocumentedException() {
        assertThat(unexplained(Organizations.exampleApp())).isEmpty();
    }

    @Test
    void everyFailingCheckInThePipelineLayoutsStacksIsADocumentedException() {
        assertThat(unexplained(pipelineStacks())).isEmpty();
    }

    /** The stacks of the layouts deployed from a pipeline, by layout and name. */
    private static java.util.Map<String, Synthesized> pipelineStacks() {
        java.util.Map<String, Synthesized> stacks = new java.util.LinkedHashMap<>();
        for (String layout : List.of(Layouts.PIPELINE_ONE_ACCOUNT, Layouts.PIPELINE_TWO_ACCOUNTS)) {
            Layouts.app(layout).forEach((name, stack) -> stacks.put(layout + ": " + name, stack));
        }
        Organizations.withPipelineApp().forEach((name, stack) -> stacks.put("the organization with a pipeline: " + name, stack));
        return stacks;
    }

    @Test
    void everyFailingCheckInTheDefaultAppsStacksIsADocumentedException() {
        assertThat(unexplained(Synth.app(java.util.Map.of()))).isEmpty();
    }

    /** "stack: check on address" for every finding of these stacks that no exception documents. */
    private static List<String> unexplained(java.util.Map<String, Synthesized> stacks) {
        List<String> unexplained = new ArrayList<>();
        stacks.forEach((name, stack) -> {
            for (PolicyChecks.Finding finding : PolicyChecks.run(stack)) {
                boolean documented = SecurityExceptions.ALL.stream().anyMatch(e -> e.check().equals(finding.check())
                        && e.applies().test(stack.context()) && e.covers(finding.address()));
                if (!documented) {
                    unexplained.add(name + ": " + finding.check() + " on " + finding.address());
                }
            }
        });
        return unexplained;
    }

    @Test
    void everyExceptionStillFailsWhereverItApplies() {
        List<String> stale = new ArrayList<>();
        for (SecurityExceptions.Exception exception : SecurityExceptions.ALL) {
            boolean appliesSomewhere = false;
            // The supported configurations; an exception of the pipeline's stacks alone, in the pipeline layouts.
            java.util.Map<String, Synthesized> where = Configurations.stacks().values().stream().anyMatch(s -> exception.applies().test(s.context()))
                    ? Configurations.stacks() : pipelineStacks();
            for (var entry : where.entrySet()) {
                String configuration = entry.getKey();
                Synthesized stack = entry.getValue();
                if (!exception.applies().test(stack.context())) {
                    continue;
                }
                appliesSomewhere = true;
                boolean fails = PolicyChecks.run(stack).stream()
                        .anyMatch(f -> f.check().equals(exception.check()) && exception.covers(f.address()));
                if (!fails) {
                    stale.add(exception.check() + " on " + exception.address() + " no longer fails in \"" + configuration + "\"");
                }
            }
            if (!appliesSomewhere) {
                stale.add(exception.check() + " on " + exception.address() + " applies to no supported configuration");
            }
        }
        assertThat(stale).as("exceptions that are no longer needed: remove them from SecurityExceptions and docs/controls-and-verification.md").isEmpty();
    }

    @Test
    void everyCheckEvaluatesSomethingInSomeConfiguration() {
        for (PolicyChecks.Check check : PolicyChecks.ALL) {
            boolean evaluated = java.util.stream.Stream.concat(Configurations.stacks().values().stream(),
                    Organizations.exampleApp().values().stream()).anyMatch(stack ->
                    check.resourceType().startsWith("data.")
                            ? stack.json().path("data").has(check.resourceType().substring(5))
                            : !stack.resources(check.resourceType()).isEmpty());
            assertThat(evaluated).as("%s on %s never meets a resource", check.id(), check.resourceType()).isTrue();
        }
    }

    @Test
    void theReadmeListsEveryExceptionWithItsReason() throws IOException {
        String readme = Files.readString(Path.of("docs", "controls-and-verification.md"));
        for (SecurityExceptions.Exception exception : SecurityExceptions.ALL) {
            assertThat(readme).as("docs/controls-and-verification.md row for %s on %s", exception.check(), exception.address())
                    .contains("| `" + exception.check() + "` | `" + exception.address() + "` | " + exception.when() + " | " + exception.reason() + " |");
        }
    }
}
