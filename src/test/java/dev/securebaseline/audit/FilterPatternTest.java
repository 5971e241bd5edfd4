package dev.securebaseline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The evaluator itself, against the examples and edge cases of AWS's filter pattern documentation. */
class FilterPatternTest {

    /** The JSON example of the documentation's "JSON metric filter examples". */
    private static final JsonNode DOC_EVENT = Synthesized.parseJson("""
            {
              "eventType": "UpdateTrail",
              "sourceIPAddress": "111.111.111.111",
              "arrayKey": ["value", "another value"],
              "objectList": [{"name": "a", "id": 1}, {"name": "b", "id": 2}],
              "SomeObject": null,
              "ThisFlag": true
            }""");

    /** The JSON example of the documentation's "JSON compound conditions". */
    private static final JsonNode COMPOUND_EVENT = Synthesized.parseJson("""
            {
              "user": {"id": 1, "email": "John.Stiles@example.com"},
              "users": [{"id": 2, "email": "John.Doe@example.com"}, {"id": 3, "email": "Jane.Doe@example.com"}],
              "actions": ["GET", "PUT", "DELETE"],
              "coordinates": [[0, 1, 2], [4, 5, 6], [7, 8, 9]]
            }""");

    private static boolean matches(String pattern, JsonNode event) {
        return FilterPattern.parse(pattern).matches(event);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{ $.eventType = \"UpdateTrail\" }",
            "{ $.sourceIPAddress != 123.123.* }",
            "{ $.arrayKey[0] = \"value\" }",
            "{ $.objectList[1].id = 2 }",
            "{ $.SomeObject IS NULL }",
            "{ $.SomeOtherObject NOT EXISTS }",
            "{ $.ThisFlag IS TRUE }"})
    void theDocumentedExamplesMatchTheDocumentedEvent(String pattern) {
        assertThat(matches(pattern, DOC_EVENT)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "-->", textBlock = """
            { ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }                                       --> true
            { ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }                             --> false
            { $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }  --> true
            { ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch } --> false
            """)
    void compoundConditionsFollowTheDocumentedPrecedence(String pattern, boolean expected) {
        assertThat(matches(pattern, COMPOUND_EVENT)).as(pattern).isEqualTo(expected);
    }

    @Test
    void aWildcardWorksAtEitherEndButIsLiteralInTheMiddle() {
        JsonNode put = Synthesized.parseJson("{\"eventName\": \"PutEvent\", \"odd\": \"Ev*ent\"}");

        assertThat(matches("{ $.eventName = *Event }", put)).isTrue();
        assertThat(matches("{ $.eventName = Put* }", put)).isTrue();
        assertThat(matches("{ $.eventName = \"*tEve*\" }", put)).isTrue();
        assertThat(matches("{ $.eventName = * }", put)).isTrue();
        assertThat(matches("{ $.eventName = Pu*nt }", put)).as("* in the middle is literal").isFalse();
        assertThat(matches("{ $.odd = Ev*ent }", put)).isTrue();
    }

    @Test
    void aComparisonOnAMissingPropertyIsFalseEvenWithNotEquals() {
        JsonNode event = Synthesized.parseJson("{\"eventName\": \"ConsoleLogin\"}");

        assertThat(matches("{ $.additionalEventData.MFAUsed != \"Yes\" }", event)).isFalse();
        assertThat(matches("{ $.additionalEventData.MFAUsed = \"Yes\" }", event)).isFalse();
        assertThat(matches("{ $.additionalEventData.MFAUsed NOT EXISTS }", event)).isTrue();
    }

    @Test
    void aSelectorThatReachesAnArrayOrObjectMatchesNeitherEqualsNorNotEquals() {
        JsonNode event = Synthesized.parseJson("{\"users\": [1, 2, 3], \"user\": {\"id\": 1}}");

        assertThat(matches("{ $.users = 1 }", event)).isFalse();
        assertThat(matches("{ $.users != 1 }", event)).isFalse();
        assertThat(matches("{ $.user != 1 }", event)).isFalse();
        assertThat(matches("{ $.users[5] != 1 }", event)).as("index past the end").isFalse();
    }

    @Test
    void nullIsNotAValueForComparisonsButIsForIsNull() {
        assertThat(matches("{ $.SomeObject != \"x\" }", DOC_EVENT)).isFalse();
        assertThat(matches("{ $.SomeObject NOT EXISTS }", DOC_EVENT)).isFalse();
        assertThat(matches("{ $.eventType IS NULL }", DOC_EVENT)).isFalse();
        assertThat(matches("{ $.ThisFlag IS FALSE }", DOC_EVENT)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            { $.latency >= 500 }              | true
            { $.latency > +1000 }             | false
            { $.latency < 10e3 }              | true
            { $.ratio <= 55.5 }               | true
            { $.ratio < 0.5e2 }               | false
            { $.errorCode = 400 }             | true
            { $.errorCode != 500 }            | true
            { $.name > 3 }                    | false
            """)
    void numericComparisonsCompareNumbers(String pattern, boolean expected) {
        JsonNode event = Synthesized.parseJson("{\"latency\": 750, \"ratio\": 55.5, \"errorCode\": 400, \"name\": \"x\"}");

        assertThat(matches(pattern, event)).as(pattern).isEqualTo(expected);
    }

    @Test
    void matchingIsCaseSensitive() {
        assertThat(matches("{ $.eventType = \"updatetrail\" }", DOC_EVENT)).isFalse();
    }

    @Test
    void theBenchmarksPrintedUnauthorizedCallsPatternFiresOnOrdinaryActivityButTheFixedOneDoesNot() {
        String printed = "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") "
                + "|| ($.sourceIPAddress != \"delivery.logs.amazonaws.com\") || ($.eventName != \"HeadBucket\") }";
        String fixed = CisControls.ALL.get(0).pattern();
        JsonNode ordinaryRead = Synthesized.parseJson("""
                {"eventName": "DescribeInstances", "eventSource": "ec2.amazonaws.com", "sourceIPAddress": "198.51.100.7"}""");

        assertThat(matches(printed, ordinaryRead)).as("the printed pattern").isTrue();
        assertThat(matches(fixed, ordinaryRead)).as("the pattern the stack writes").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.a = 1", "{ $.a = 1", "{ a = 1 }", "{ $.a ~ 1 }", "{ $.a > x }", "{ ($.a = 1 }", "{ $.a = \"open }", "{ $.a = }"})
    void malformedPatternsAreRejectedWithTheirPosition(String pattern) {
        assertThatThrownBy(() -> FilterPattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at position");
    }
}
