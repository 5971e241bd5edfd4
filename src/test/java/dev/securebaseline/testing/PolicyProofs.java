package dev.securebaseline.testing;

import dev.securebaseline.settings.Setting;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The policy proofs of the whole suite in one batch: every policy document and every access path of every
 * stack of every layout (one account, three accounts, a shared and a separate one), of every supported
 * configuration (HTTP and HTTPS, NAT shared and per zone, WAF), of a retire, and of the example organization
 * (with its cross-stack paths and its guardrail policies, {@link OrganizationAccessPaths}). Synthesis happens on the
 * test thread; the Node checker runs as a background job ({@link TerraformJobs}).
 */
public final class PolicyProofs {

    /** Everything one run proved, with what it was asked. */
    public record Proofs(Map<String, Synthesized> stacks, List<ProvenDocument> documents, List<AccessPath> paths, PolicyProver.Results results) {
    }

    /** A document of a stack, under the id the checker reports it by. */
    public record ProvenDocument(String id, String stack, PolicyDocuments.Found document) {
    }

    private static CompletableFuture<Proofs> job;

    /** How the example organization's stacks are labelled. */
    public static final String ORGANIZATION = "organization: ";
    /** How the example organization deployed from a pipeline is labelled. */
    public static final String ORGANIZATION_WITH_A_PIPELINE = "organization with a pipeline: ";

    private PolicyProofs() {
    }

    /** The stacks under proof, by label; a stack byte for byte like an earlier one is proved once. */
    static Map<String, Synthesized> stacks() {
        Map<String, Synthesized> stacks = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        Layouts.all().keySet().forEach(layout -> Layouts.app(layout).forEach((name, stack) -> {
            if (seen.add(stack.text())) {
                stacks.put(layout + ": " + name, stack);
            }
        }));
        for (String configuration : Configurations.names()) {
            Synthesized stack = Configurations.synthesized(configuration);
            Synthesized account = Synth.accountOf(Configurations.settings(configuration));
            if (seen.add(stack.text())) {
                stacks.put(configuration, stack);
            }
            if (seen.add(account.text())) {
                stacks.put(configuration + ": its account stack", account);
            }
        }
        Organizations.exampleApp().forEach((name, stack) -> {
            if (seen.add(stack.text())) {
                stacks.put(ORGANIZATION + name, stack);
            }
        });
        // Every stack, the unchanged ones too: the organization's cross-stack paths are labelled by each of its stacks.
        Organizations.withPipelineApp().forEach((name, stack) -> stacks.put(ORGANIZATION_WITH_A_PIPELINE + name, stack));
        Synthesized retire = Synth.of(retire());
        Synthesized retiredAccount = Synth.accountOf(retire());
        if (seen.add(retire.text())) {
            stacks.put("retire: production with BASELINE_ALLOW_DESTROY", retire);
        }
        if (seen.add(retiredAccount.text())) {
            stacks.put("retire: production's account stack with BASELINE_ALLOW_ACCOUNT_DESTROY", retiredAccount);
        }
        return stacks;
    }

    /** The rehearsal's retire of production (HTTPS, NAT per zone, its own account, two guardrail regions). */
    static Map<String, String> retire() {
        Map<String, String> settings = new HashMap<>(Configurations.settings(Configurations.HTTPS_NAT_PER_ZONE));
        settings.put(Setting.ALLOW_DESTROY.variable(), "true");
        settings.put(Setting.ALLOW_ACCOUNT_DESTROY.variable(), "true");
        return settings;
    }

    static synchronized CompletableFuture<Proofs> start() {
        if (job == null) {
            Map<String, Synthesized> stacks = stacks();
            List<ProvenDocument> documents = new ArrayList<>();
            List<PolicyProver.Document> batch = new ArrayList<>();
            List<AccessPath> paths = new ArrayList<>();
            stacks.forEach((label, stack) -> {
                for (PolicyDocuments.Found document : PolicyDocuments.of(stack)) {
                    String id = label + " | " + document.label();
                    documents.add(new ProvenDocument(id, label, document));
                    // The plan role claims to read only (but for assuming its state role): IAM's access levels must agree.
                    boolean planRole = PipelineAccessPaths.isPipelineStack(stack) && document.address().equals("aws_iam_role_policy.plan");
                    batch.add(new PolicyProver.Document(id, document.kind(), document.resolved(), planRole ? List.of("sts:AssumeRole") : null));
                }
                paths.addAll(AccessPaths.of(label, stack));
            });
            paths.addAll(OrganizationAccessPaths.of(Organizations.example(), Organizations.exampleApp(), ORGANIZATION));
            paths.addAll(OrganizationAccessPaths.of(Organizations.withPipeline(), Organizations.withPipelineApp(), ORGANIZATION_WITH_A_PIPELINE));
            for (String layout : List.of(Layouts.PIPELINE_ONE_ACCOUNT, Layouts.PIPELINE_TWO_ACCOUNTS)) {
                paths.addAll(PipelineAccessPaths.of(layout + ": ", Layouts.app(layout), Layouts.REPOSITORY));
            }
            paths.addAll(PipelineAccessPaths.of(ORGANIZATION_WITH_A_PIPELINE, Organizations.withPipelineApp(), Layouts.REPOSITORY));
            List<Map<String, Object>> requests = new ArrayList<>(paths.stream().map(path -> path.request().toJson(path.id())).toList());
            // Each must-deny path again without its guard: it must then be allowed, or the proof is denied for another reason.
            paths.stream().filter(path -> path.guard() != null)
                    .forEach(path -> requests.add(path.request().lifted(path.guard()).toJson(path.liftedId())));
            job = TerraformJobs.job("policy-proofs", () ->
                    new Proofs(stacks, documents, paths, PolicyProver.run("suite", batch, requests)));
        }
        return job;
    }

    public static Proofs await() {
        return TerraformJobs.await(start());
    }
}
