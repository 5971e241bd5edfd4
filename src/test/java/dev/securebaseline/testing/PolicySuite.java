package dev.securebaseline.testing;

import dev.securebaseline.guardrails.SecurityExceptions;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every test of the security policy suite asserts: a control passes, or fails only where a documented exception says so. */
public final class PolicySuite {

    private PolicySuite() {
    }

    /** The supported configurations, for {@code @MethodSource}. */
    static List<String> configurations() {
        return Configurations.names();
    }

    /** The control passes in the configuration's environment stack and its account stack, or fails only where an exception says so. */
    public static void assertControl(String checkId, String configuration) {
        for (Synthesized stack : List.of(Configurations.synthesized(configuration), Synth.accountOf(Configurations.settings(configuration)))) {
            List<String> failures = PolicyChecks.withId(checkId).stream().flatMap(check -> check.failures(stack).stream()).toList();
            List<String> unexplained = failures.stream()
                    .filter(address -> SecurityExceptions.ALL.stream().noneMatch(e ->
                            e.check().equals(checkId) && e.applies().test(stack.context()) && e.covers(address)))
                    .toList();

            assertThat(unexplained).as("%s fails in \"%s\" (%s) with no documented exception", checkId, configuration,
                    stack.isAccountStack() ? "account stack" : "environment stack").isEmpty();
        }
    }

    /** The other way round: a deliberately broken stack fails the check, on the resource named. */
    public static void assertCatches(String checkId, Synthesized broken, String address) {
        List<String> failures = PolicyChecks.withId(checkId).stream().flatMap(check -> check.failures(broken).stream()).toList();

        assertThat(failures).as("%s on the broken copy", checkId).contains(address);
    }
}
