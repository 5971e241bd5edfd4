package dev.securebaseline.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Configurations;
import dev.securebaseline.testing.Synth;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment of the carrier layout (one environment's stack held what exists once per account) moves into
 * the account stack: the addresses the account stack's outputs tell the user to move or forget are exactly
 * the ones the carrier held, as the carrier's own {@code account_baseline_addresses} output listed them at
 * the last release of that layout (fixtures in {@code src/test/resources/migration}).
 */
class MigrationTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "migration");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            carrier-default.txt                  | default
            carrier-two-regions-every-option.txt | production
            """)
    void theAddressesToMoveOrForgetAreExactlyTheOnesTheCarrierHeld(String fixture, String settings) throws IOException {
        List<String> carrier = addresses(FIXTURES.resolve(fixture));
        Synthesized account = account(settings);
        Synthesized environment = environment(settings);
        List<String[]> moves = moves(account);
        List<String> removals = texts(account.output("state_removals_from_the_environment_stack").path("value"));

        List<String> from = new ArrayList<>(moves.stream().map(move -> move[0]).toList());
        from.addAll(removals);
        assertThat(from).as("moved or forgotten, each once").doesNotHaveDuplicates();
        assertThat(from).as("everything the carrier held, nothing else").containsExactlyInAnyOrderElementsOf(carrier);
        assertThat(environment.addresses()).as("the environment stack no longer writes any of them").doesNotContainAnyElementsOf(carrier);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            carrier-default.txt                  | default
            carrier-two-regions-every-option.txt | production
            """)
    void everyMoveLandsOnAnAddressTheAccountStackWritesOrOnOneItsFirstApplyDeletes(String fixture, String settings) throws IOException {
        Synthesized account = account(settings);
        Set<String> written = new LinkedHashSet<>(account.addresses());
        account.resources("aws_default_security_group").keySet().forEach(name -> written.add("aws_default_security_group." + name + "[0]"));

        for (String[] move : moves(account)) {
            if (StateMoves.RETIRED_WITH_CONFIG.contains(move[1])) {
                assertThat(move[1]).isEqualTo(move[0]);
                assertThat(account.addresses()).as("%s is deleted by the account stack's first apply", move[1]).doesNotContain(move[1]);
                continue;
            }
            assertThat(written).as("%s → %s", move[0], move[1]).contains(move[1]);
            assertThat(move[1].replace("[0]", "")).as("a move keeps the address").isEqualTo(move[0]);
        }
        List<String> created = account.addresses().stream()
                .filter(address -> moves(account).stream().noneMatch(move -> move[1].replace("[0]", "").equals(address)))
                .toList();
        assertThat(created).as("what the first apply creates: only what the carrier layout did not have").allSatisfy(address ->
                assertThat(StateMoves.NEW_TYPES.contains(address.substring(0, address.indexOf('.')))
                        || StateMoves.NEW_ADDRESSES.contains(address)).as(address).isTrue());
    }

    private static List<String[]> moves(Synthesized account) {
        return texts(account.output("state_moves_from_the_environment_stack").path("value")).stream()
                .map(move -> move.split(" "))
                .peek(move -> assertThat(move).as("from to").hasSize(2))
                .toList();
    }

    private static Synthesized account(String settings) {
        return settings.equals("default") ? Synth.accountDefaults() : Configurations.account(Configurations.HTTPS_NAT_PER_ZONE);
    }

    private static Synthesized environment(String settings) {
        return settings.equals("default") ? Synth.defaults() : Configurations.synthesized(Configurations.HTTPS_NAT_PER_ZONE);
    }

    private static List<String> addresses(Path fixture) throws IOException {
        return Files.readAllLines(fixture).stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
