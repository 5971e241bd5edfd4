package dev.securebaseline.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.policy.Policy.Identity;
import dev.securebaseline.policy.Policy.Principal;
import dev.securebaseline.policy.Policy.Resource;
import dev.securebaseline.policy.Policy.ResourceControl;
import dev.securebaseline.policy.Policy.ServiceControl;
import dev.securebaseline.policy.Policy.Trust;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each policy kind holds only what AWS accepts in it: the builder has no way to put a Resource into a trust
 * policy or a Principal into an identity policy, and refuses what its types cannot rule out.
 */
class PolicyTest {

    @Test
    void aTrustPolicyNamesAPrincipalAndSts_andNeverAResource() {
        JsonNode statement = json(Policy.trust(Trust.assumeRole("Assume", Principal.service("config.amazonaws.com"))
                .when("StringEquals", "aws:SourceAccount", "111122223333"))).path("Statement").get(0);

        assertThat(statement.has("Resource")).isFalse();
        assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("config.amazonaws.com");
        assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRole");
        assertThatThrownBy(() -> Trust.assumeRole("Assume", Principal.anyone()).actions("s3:GetObject"))
                .hasMessageContaining("s3:GetObject has no place in a trust policy");
    }

    @Test
    void aWebIdentityTrustAlwaysNamesItsAudienceAndWholeSubjectsAndClaims() {
        JsonNode statement = json(Policy.trust(Trust.webIdentity("GitHub", "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
                "token.actions.githubusercontent.com", "sts.amazonaws.com", java.util.List.of("repo:o/r:pull_request", "repo:o/r:ref:refs/heads/main"),
                java.util.Map.of("job_workflow_ref", "o/r/.github/workflows/baseline.yml@refs/heads/main")))).path("Statement").get(0);

        assertThat(statement.path("Principal").path("Federated").asText()).endsWith(":oidc-provider/token.actions.githubusercontent.com");
        assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
        assertThat(statement.has("Resource")).isFalse();
        JsonNode equals = statement.path("Condition").path("StringEquals");
        assertThat(equals.path("token.actions.githubusercontent.com:aud").asText()).isEqualTo("sts.amazonaws.com");
        assertThat(Synthesized.texts(equals.path("token.actions.githubusercontent.com:sub"))).containsExactly("repo:o/r:pull_request",
                "repo:o/r:ref:refs/heads/main");
        assertThat(equals.path("token.actions.githubusercontent.com:job_workflow_ref").asText()).endsWith("@refs/heads/main");
        assertThat(statement.path("Condition").has("StringLike")).isFalse();
        String provider = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
        String issuer = "token.actions.githubusercontent.com";
        assertThatThrownBy(() -> Trust.webIdentity("GitHub", provider, issuer, "sts.amazonaws.com", java.util.List.of("repo:o/*"), java.util.Map.of()))
                .hasMessageContaining("repo:o/* is a pattern");
        assertThatThrownBy(() -> Trust.webIdentity("GitHub", provider, issuer, "sts.amazonaws.com", java.util.List.of("repo:o/r:pull_request"),
                java.util.Map.of("ref", "refs/heads/?ain"))).hasMessageContaining("refs/heads/?ain is a pattern");
        assertThatThrownBy(() -> Trust.webIdentity("GitHub", provider, issuer, "sts.amazonaws.com", java.util.List.of(), java.util.Map.of()))
                .hasMessageContaining("names its audience and at least one subject");
        assertThatThrownBy(() -> Trust.webIdentity("GitHub", provider, issuer, "", java.util.List.of("repo:o/r:pull_request"), java.util.Map.of()))
                .hasMessageContaining("names its audience and at least one subject");
    }

    @Test
    void anIdentityDenyMayCoverEveryActionButSome() {
        JsonNode statement = json(Policy.identity(Identity.deny("DenyChanges", "arn:aws:iam::111122223333:role/ci")
                .exceptActions("iam:Get*", "iam:List*"))).path("Statement").get(0);

        assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
        assertThat(Synthesized.texts(statement.path("NotAction"))).containsExactly("iam:Get*", "iam:List*");
        assertThat(statement.has("Action")).isFalse();
        assertThat(statement.path("Resource").asText()).isEqualTo("arn:aws:iam::111122223333:role/ci");
    }

    @Test
    void anIdentityPolicyHasResourcesAndNoPrincipal() {
        JsonNode statement = json(Policy.identity(Identity.allow("Write", "arn:aws:logs:us-east-1:111122223333:log-group:x:log-stream:*")
                .actions("logs:PutLogEvents"))).path("Statement").get(0);

        assertThat(statement.has("Principal")).isFalse();
        assertThat(statement.path("Resource").asText()).endsWith(":log-stream:*");
        assertThatThrownBy(() -> Identity.allow("Nothing")).hasMessageContaining("statement Nothing names no resource");
    }

    @Test
    void aResourcePolicyStatementAlwaysHasAPrincipalAndResources() {
        JsonNode statement = json(Policy.resource(Resource.deny("Tls", Principal.anyone(), "arn:aws:s3:::b", "arn:aws:s3:::b/*")
                .actions("s3:*").when("Bool", "aws:SecureTransport", "false"))).path("Statement").get(0);

        assertThat(statement.path("Principal").asText()).isEqualTo("*");
        assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
        assertThat(statement.path("Resource")).hasSize(2);
    }

    @Test
    void controlPoliciesHaveNoPrincipalOrOnlyAnyone() {
        JsonNode scp = json(Policy.serviceControl(ServiceControl.deny("Leave", "*").actions("organizations:LeaveOrganization")))
                .path("Statement").get(0);
        JsonNode rcp = json(Policy.resourceControl(ResourceControl.deny("Tls", "*").actions("s3:*")
                .when("BoolIfExists", "aws:SecureTransport", "false"))).path("Statement").get(0);

        assertThat(scp.has("Principal")).isFalse();
        assertThat(rcp.path("Principal").asText()).isEqualTo("*");
        assertThat(rcp.path("Effect").asText()).isEqualTo("Deny");
    }

    @Test
    void aStatementNeedsActionsOrNotActionButNotBoth() {
        assertThatThrownBy(() -> Policy.identity(Identity.allow("Empty", "*")).json()).hasMessageContaining("needs either actions or NotAction");
        assertThatThrownBy(() -> Policy.serviceControl(ServiceControl.deny("Both", "*").actions("s3:*").exceptActions("iam:*")).json())
                .hasMessageContaining("needs either actions or NotAction");
    }

    /** Each kind, serialised whole: the document AWS's own examples show, with its kind, and no element more. */
    @Test
    void everyKindSerialisesToExactlyItsDocument() {
        Policy trust = Policy.trust(Trust.assumeRole("Admins", Principal.aws("arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root")));
        Policy identity = Policy.identity(Identity.allow("Read", "arn:aws:s3:::b/*").actions("s3:GetObject", "s3:GetObjectVersion"));
        Policy resource = Policy.resource(java.util.List.of(Resource.allow("Logs", Principal.service("logging.s3.amazonaws.com"), "arn:aws:s3:::b/*")
                .actions("s3:PutObject").when("StringEquals", "aws:SourceAccount", "111122223333")));
        Policy scp = Policy.serviceControl(ServiceControl.deny("Regions", "*").exceptActions("iam:*", "sts:*")
                .when("StringNotEquals", "aws:RequestedRegion", "us-east-1", "eu-west-1"));
        Policy rcp = Policy.resourceControl(ResourceControl.deny("Tls", "*").actions("s3:*"));

        assertThat(trust.kind()).isEqualTo(Policy.Kind.TRUST);
        assertThat(trust.json()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Admins\",\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::444455556666:root\"]},\"Action\":\"sts:AssumeRole\"}]}");
        assertThat(identity.kind()).isEqualTo(Policy.Kind.IDENTITY);
        assertThat(identity.json()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\","
                + "\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\"],\"Resource\":\"arn:aws:s3:::b/*\"}]}");
        assertThat(resource.kind()).isEqualTo(Policy.Kind.RESOURCE);
        assertThat(resource.json()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Logs\",\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"logging.s3.amazonaws.com\"},\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":"
                + "{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}}]}");
        assertThat(scp.kind()).isEqualTo(Policy.Kind.SERVICE_CONTROL);
        assertThat(scp.json()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Regions\",\"Effect\":\"Deny\",\"NotAction\":"
                + "[\"iam:*\",\"sts:*\"],\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:RequestedRegion\":[\"us-east-1\",\"eu-west-1\"]}}}]}");
        assertThat(rcp.kind()).isEqualTo(Policy.Kind.RESOURCE_CONTROL);
        assertThat(rcp.json()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Tls\",\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
    }

    private static JsonNode json(Policy policy) {
        return Synthesized.parseJson(policy.json());
    }
}
