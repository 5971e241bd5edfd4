package dev.securebaseline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.securebaseline.testing.AccessPath.Expect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The access paths of an app deployed from a GitHub pipeline, with the claims GitHub's tokens really carry: {@code aud} (the
 * audience configure-aws-credentials asks for, {@code sts.amazonaws.com}, or GitHub's default, the owner's URL) and {@code sub}
 * ({@code repo:<owner>/<name>:pull_request}, {@code :ref:refs/heads/<branch>} or {@code :environment:<name>}). In every account:
 * the default branch (or, where prod or the organization's own stacks run, the approval environment) assumes apply; a pull
 * request assumes plan and not apply; another repository, branch, environment or audience assumes neither. Plan reads no data;
 * apply never mints long-lived credentials nor changes the pipeline's own access; each role reaches its account's states, and
 * no other account's, through its state role. What is protected is derived here from the stacks (an account runs prod or an
 * organization stack), not read from the roles.
 */
public final class PipelineAccessPaths {

    static final String ISSUER = "token.actions.githubusercontent.com";
    static final String AUDIENCE = "sts.amazonaws.com";
    /** What GitHub puts in {@code aud} when the workflow asks for no audience: the repository owner's URL. */
    static final String GITHUB_DEFAULT_AUDIENCE = "https://github.com/example-org";
    static final String BRANCH = "main";
    static final String APPROVAL = "production";

    private final String prefix;
    private final Map<String, Synthesized> app;
    private final String repository;
    private final List<AccessPath> paths = new ArrayList<>();

    private PipelineAccessPaths(String prefix, Map<String, Synthesized> app, String repository) {
        this.prefix = prefix;
        this.app = app;
        this.repository = repository;
    }

    /** The paths of a pipeline app, each labelled {@code <prefix><stack>}; none for an app without a pipeline. */
    public static List<AccessPath> of(String prefix, Map<String, Synthesized> app, String repository) {
        PipelineAccessPaths derived = new PipelineAccessPaths(prefix, app, repository);
        app.forEach((name, stack) -> {
            if (isPipelineStack(stack)) {
                derived.trust(name, stack);
                derived.permissions(name, stack);
                derived.breakGlass(name, stack);
            }
        });
        derived.stateRoles();
        return derived.paths;
    }

    /** An account's pipeline roles: an apply and a plan role, and no network. */
    public static boolean isPipelineStack(Synthesized stack) {
        return stack.hasResource("aws_iam_role", "apply") && stack.hasResource("aws_iam_role", "plan") && stack.resources("aws_vpc").isEmpty();
    }

    // ==================================================================== who may assume the roles

    private void trust(String name, Synthesized stack) {
        TerraformModel model = new TerraformModel(stack);
        String account = model.account();
        boolean protectedAccount = isProtected(account);
        String provider = "arn:aws:iam::" + account + ":oidc-provider/" + ISSUER;
        Token apply = new Token(subject(repository, protectedAccount ? "environment:" + APPROVAL : "ref:refs/heads/" + BRANCH), AUDIENCE, workflowRef(BRANCH));
        Map<String, Token> deniedBySubject = new LinkedHashMap<>();
        deniedBySubject.put("a pull request", apply.withSubject(subject(repository, "pull_request")));
        deniedBySubject.put("another repository's " + (protectedAccount ? "approval environment" : "default branch"),
                apply.withSubject(apply.sub().replace(repository, "example-org/other-repository")));
        deniedBySubject.put("another branch", apply.withSubject(subject(repository, "ref:refs/heads/feature")));
        deniedBySubject.put("another environment", apply.withSubject(subject(repository, "environment:staging-approval")));
        deniedBySubject.put(protectedAccount ? "the default branch outside the approval environment" : "the approval environment",
                apply.withSubject(protectedAccount ? subject(repository, "ref:refs/heads/" + BRANCH) : subject(repository, "environment:" + APPROVAL)));
        Map<String, Token> deniedByWorkflow = new LinkedHashMap<>();
        deniedByWorkflow.put("another workflow of the default branch", apply.withWorkflowRef(repository + "/.github/workflows/other.yml@refs/heads/" + BRANCH));
        deniedByWorkflow.put("a job of another branch" + (protectedAccount ? " in the approval environment" : " with the default branch's subject"),
                apply.withWorkflowRef(workflowRef("feature")));
        roleTrust(name, model, "apply", provider, Map.of(protectedAccount ? "the approval environment" : "the default branch", apply),
                deniedBySubject, deniedByWorkflow);

        Token pullRequest = new Token(subject(repository, "pull_request"), AUDIENCE, repository + "/.github/workflows/baseline.yml@refs/pull/7/merge");
        Map<String, Token> planDenied = new LinkedHashMap<>();
        planDenied.put("another repository's pull request", pullRequest.withSubject(subject("example-org/other-repository", "pull_request")));
        planDenied.put("the approval environment", pullRequest.withSubject(subject(repository, "environment:" + APPROVAL)));
        planDenied.put("another branch", pullRequest.withSubject(subject(repository, "ref:refs/heads/feature")));
        roleTrust(name, model, "plan", provider, Map.of("a pull request", pullRequest,
                "the default branch (drift detection)", new Token(subject(repository, "ref:refs/heads/" + BRANCH), AUDIENCE, workflowRef(BRANCH))),
                planDenied, Map.of());
    }

    /** The claims of a GitHub token that the roles look at. */
    private record Token(String sub, String aud, String jobWorkflowRef) {
        Token withSubject(String other) {
            return new Token(other, aud, jobWorkflowRef);
        }

        Token withAudience(String other) {
            return new Token(sub, other, jobWorkflowRef);
        }

        Token withWorkflowRef(String other) {
            return new Token(sub, aud, other);
        }
    }

    private String workflowRef(String branch) {
        return repository + "/.github/workflows/baseline.yml@refs/heads/" + branch;
    }

    private void roleTrust(String name, TerraformModel model, String role, String provider, Map<String, Token> allowed,
                           Map<String, Token> deniedBySubject, Map<String, Token> deniedByWorkflow) {
        String roleArn = model.attribute("aws_iam_role." + role, "arn");
        JsonNode trust = Synthesized.parseJson(model.resolve(model.body("aws_iam_role." + role).path("assume_role_policy").asText()));
        allowed.forEach((who, token) -> allow(name, who + " assumes the " + role + " role", webIdentity(provider, roleArn, model.account(), token, trust)));
        deniedBySubject.forEach((who, token) -> deny(name, who + " does not assume the " + role + " role",
                new Guard.Conditions("GitHubActions", List.of(ISSUER + ":sub")), webIdentity(provider, roleArn, model.account(), token, trust)));
        deniedByWorkflow.forEach((who, token) -> deny(name, who + " does not assume the " + role + " role",
                new Guard.Conditions("GitHubActions", List.of(ISSUER + ":job_workflow_ref")), webIdentity(provider, roleArn, model.account(), token, trust)));
        deny(name, "a token for another audience does not assume the " + role + " role",
                new Guard.Conditions("GitHubActions", List.of(ISSUER + ":aud")),
                webIdentity(provider, roleArn, model.account(), allowed.values().iterator().next().withAudience(GITHUB_DEFAULT_AUDIENCE), trust));
    }

    private static AccessRequest webIdentity(String provider, String role, String account, Token token, JsonNode trust) {
        return new AccessRequest(provider, "sts:AssumeRoleWithWebIdentity", role, account)
                .with(ISSUER + ":sub", token.sub()).with(ISSUER + ":aud", token.aud()).with(ISSUER + ":job_workflow_ref", token.jobWorkflowRef())
                .resourcePolicy(trust);
    }

    private static String subject(String repository, String rest) {
        return "repo:" + repository + ":" + rest;
    }

    /** Runs prod, or one of the organization's own stacks (which run in no other account than theirs). */
    private boolean isProtected(String account) {
        return app.entrySet().stream().filter(e -> !isPipelineStack(e.getValue()))
                .filter(e -> e.getValue().json().path("provider").path("aws").path(0).path("allowed_account_ids").path(0).asText().equals(account))
                .anyMatch(e -> e.getKey().endsWith("-prod") && !e.getValue().resources("aws_vpc").isEmpty()
                        || List.of("-org", "-log-archive", "-security").stream().anyMatch(part -> e.getKey().equals("baseline" + part)));
    }

    // ==================================================================== what the roles may do

    private void permissions(String name, Synthesized stack) {
        TerraformModel model = new TerraformModel(stack);
        StackRequests requests = new StackRequests(prefix + name, stack, model);
        String account = model.account();
        String apply = "aws_iam_role.apply";
        String plan = "aws_iam_role.plan";
        allow(name, "apply creates a role the baseline's stacks manage", requests.role(apply, "iam:CreateRole",
                "arn:aws:iam::" + account + ":role/baseline-dev-flow-logs"));
        for (String action : List.of("iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:DeleteRole")) {
            deny(name, "apply does not change the pipeline's own roles: " + action, new Guard.Statement("DenyChangingThePipelinesOwnAccess"),
                    requests.role(apply, action, model.attribute(apply, "arn")));
        }
        deny(name, "apply does not change GitHub's identity provider", new Guard.Statement("DenyChangingThePipelinesOwnAccess"),
                requests.role(apply, "iam:AddClientIDToOpenIDConnectProvider", "arn:aws:iam::" + account + ":oidc-provider/" + ISSUER));
        deny(name, "apply does not rewrite a state role's trust", new Guard.Statement("DenyChangingThePipelinesOwnAccess"),
                requests.role(apply, "iam:UpdateAssumeRolePolicy", "arn:aws:iam::" + account + ":role/baseline-state-prod-apply"));
        deny(name, "apply does not touch a state object but through its state role", new Guard.Statement("DenyTouchingTheStateDirectly"),
                requests.role(apply, "s3:PutObject", "arn:aws:s3:::baseline-tfstate-20261206093012345600000001/baseline/prod/terraform.tfstate"));
        for (String action : List.of("iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile")) {
            deny(name, "apply mints no long-lived credentials: " + action, new Guard.Statement("DenyLongLivedCredentials"),
                    requests.role(apply, action, "arn:aws:iam::" + account + ":user/someone"));
        }
        applyDeploysTheStacksOf(name, account, requests);
        allow(name, "plan reads a role", requests.role(plan, "iam:GetRole", model.attribute(apply, "arn")));
        if (stack.resource("aws_iam_role_policy", "plan").path("policy").asText().contains("\"s3:Get*\"")) {
            allow(name, "plan reads a bucket's policy", requests.role(plan, "s3:GetBucketPolicy", "arn:aws:s3:::baseline-audit-logs"));
            deny(name, "plan reads no object (the audit logs among them)", new Guard.Statement("DenyReadingData"),
                    requests.role(plan, "s3:GetObject", "arn:aws:s3:::baseline-audit-logs/AWSLogs/" + account + "/CloudTrail/x.json.gz"));
        }
    }

    /** Apply may manage every resource type of every stack the pipeline runs in the account ({@link StackActions}). */
    private void applyDeploysTheStacksOf(String name, String account, StackRequests requests) {
        app.forEach((stackName, stack) -> {
            boolean pinned = stack.json().path("provider").path("aws").path(0).path("allowed_account_ids").path(0).asText().equals(account);
            if (!pinned || isPipelineStack(stack) || stackName.endsWith("-bootstrap")) {
                return;
            }
            TerraformModel model = new TerraformModel(stack);
            stack.json().path("resource").fieldNames().forEachRemaining(type -> {
                StackActions.Needed needed = StackActions.of(type, stackName);
                String region = model.region(stack.resources(type).values().iterator().next());
                allow(name, "apply manages " + type + " of " + stackName, requests.role("aws_iam_role.apply", needed.action(),
                        needed.resource(region, account)));
            });
        });
    }

    /** Break-glass, where the stack creates it: the management account's administrators with MFA, nobody without, nobody else. */
    private void breakGlass(String name, Synthesized stack) {
        if (!stack.hasResource("aws_iam_role", "break_glass")) {
            return;
        }
        TerraformModel model = new TerraformModel(stack);
        StackRequests requests = new StackRequests(prefix + name, stack, model);
        String management = app.values().stream().filter(s -> s.hasResource("aws_organizations_organization", "main"))
                .map(s -> new TerraformModel(s).account()).findFirst().orElseThrow(() -> new AssertionError("no org stack in the app"));
        String administrator = "arn:aws:iam::" + management + ":role/administrator";
        allow(name, "the management account's administrator signed in with MFA assumes break-glass", requests.trust(administrator, "aws_iam_role.break_glass")
                .with("aws:PrincipalArn", administrator).with("aws:MultiFactorAuthPresent", "true").identity("allows everything", EVERYTHING));
        deny(name, "the management account's administrator without MFA does not assume break-glass",
                new Guard.Conditions("AdministratorsSignedInWithMfa", List.of("aws:MultiFactorAuthPresent")), requests.trust(administrator, "aws_iam_role.break_glass")
                        .with("aws:PrincipalArn", administrator).with("aws:MultiFactorAuthPresent", "false").identity("allows everything", EVERYTHING));
        String member = "arn:aws:iam::444444444444:role/administrator";
        if (!model.account().equals("444444444444")) {
            deny(name, "a member account's administrator with MFA does not assume break-glass", new Guard.NoGrant(),
                    requests.trust(member, "aws_iam_role.break_glass").with("aws:PrincipalArn", member).with("aws:MultiFactorAuthPresent", "true")
                            .identity("allows everything", EVERYTHING));
        }
        deny(name, "apply does not change break-glass", new Guard.Statement("DenyChangingThePipelinesOwnAccess"),
                requests.role("aws_iam_role.apply", "iam:UpdateAssumeRolePolicy", model.attribute("aws_iam_role.break_glass", "arn")));
    }

    // ==================================================================== the state, through the state roles

    /** For each account's pipeline roles, its state roles beside the bucket: its own states only, written by apply only. */
    private void stateRoles() {
        Synthesized bootstrap = app.get("baseline-bootstrap");
        TerraformModel model = new TerraformModel(bootstrap);
        StackRequests requests = new StackRequests(prefix + "baseline-bootstrap", bootstrap, model);
        String bucketArn = model.attribute("aws_s3_bucket.state", "arn");
        JsonNode bucketPolicy = requests.bucketPolicy("aws_s3_bucket.state");
        List<String> allKeys = app.values().stream().map(s -> s.json().path("terraform").path("backend").path("s3").path("key").asText(""))
                .filter(k -> !k.isEmpty()).toList();
        app.forEach((name, stack) -> {
            if (!isPipelineStack(stack)) {
                return;
            }
            TerraformModel ci = new TerraformModel(stack);
            String account = ci.account();
            List<String> keys = keysOf(account);
            List<String> reads = readsOf(account).stream().filter(k -> !keys.contains(k)).toList();
            String otherKey = allKeys.stream().filter(k -> !keys.contains(k) && !reads.contains(k) && !k.contains("/ci/")).findFirst().orElse(null);
            for (String kind : List.of("plan", "apply")) {
                String ciRole = ci.attribute("aws_iam_role." + kind, "arn");
                JsonNode ciPolicy = Synthesized.parseJson(ci.resolve(stack.resource("aws_iam_role_policy", kind).path("policy").asText()));
                String stateRole = stateRoleOf(bootstrap, ciRole);
                String stateAddress = "aws_iam_role." + stateRole;
                allow(name, "the " + kind + " role assumes its state role", requests.trust(ciRole, stateAddress)
                        .with("aws:PrincipalArn", ciRole).identity("aws_iam_role_policy." + kind, ciPolicy));
                String administrator = "arn:aws:iam::" + account + ":role/administrator";
                deny(name, "another role of the account does not assume the " + kind + " state role",
                        new Guard.Conditions("OnePipelineRole", List.of("aws:PrincipalArn")), requests.trust(administrator, stateAddress)
                                .with("aws:PrincipalArn", administrator).identity("allows everything", EVERYTHING));
                String key = bucketArn + "/" + keys.get(0);
                allow(name, "the " + kind + " state role reads " + keys.get(0), requests.role(stateAddress, "s3:GetObject", key).resourcePolicy(bucketPolicy));
                allow(name, "the " + kind + " state role takes the lock of " + keys.get(0),
                        requests.role(stateAddress, "s3:PutObject", key + ".tflock").resourcePolicy(bucketPolicy));
                if (kind.equals("apply")) {
                    allow(name, "the apply state role writes " + keys.get(0), requests.role(stateAddress, "s3:PutObject", key).resourcePolicy(bucketPolicy));
                } else {
                    deny(name, "the plan state role does not write " + keys.get(0), new Guard.OutsideItsPermissions(),
                            requests.role(stateAddress, "s3:PutObject", key).resourcePolicy(bucketPolicy));
                }
                // Another stack's state its stacks read (terraform_remote_state): read, never written, never locked.
                for (String read : reads) {
                    allow(name, "the " + kind + " state role reads " + read + ", which its stacks read",
                            requests.role(stateAddress, "s3:GetObject", bucketArn + "/" + read).resourcePolicy(bucketPolicy));
                    deny(name, "the " + kind + " state role does not write " + read, new Guard.OutsideItsPermissions(),
                            requests.role(stateAddress, "s3:PutObject", bucketArn + "/" + read).resourcePolicy(bucketPolicy));
                    deny(name, "the " + kind + " state role does not lock " + read, new Guard.OutsideItsPermissions(),
                            requests.role(stateAddress, "s3:PutObject", bucketArn + "/" + read + ".tflock").resourcePolicy(bucketPolicy));
                }
                if (otherKey != null) {
                    deny(name, "the " + kind + " state role does not read another account's state " + otherKey, new Guard.OutsideItsPermissions(),
                            requests.role(stateAddress, "s3:GetObject", bucketArn + "/" + otherKey).resourcePolicy(bucketPolicy));
                }
            }
        });
    }

    private static final JsonNode EVERYTHING = Synthesized.parseJson(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");

    /** The state keys of the stacks the pipeline runs in an account: those pinned to it, but the pipeline's own. */
    private List<String> keysOf(String account) {
        List<String> keys = new ArrayList<>();
        app.forEach((name, stack) -> {
            boolean pinned = stack.json().path("provider").path("aws").path(0).path("allowed_account_ids").path(0).asText().equals(account);
            if (pinned && !isPipelineStack(stack) && !name.endsWith("-bootstrap")) {
                keys.add(stack.json().path("terraform").path("backend").path("s3").path("key").asText());
            }
        });
        return keys;
    }

    /** The state keys the stacks pinned to an account read ({@code terraform_remote_state}). */
    private List<String> readsOf(String account) {
        List<String> reads = new ArrayList<>();
        app.values().forEach(stack -> {
            boolean pinned = stack.json().path("provider").path("aws").path(0).path("allowed_account_ids").path(0).asText().equals(account);
            if (pinned) {
                stack.json().path("data").path("terraform_remote_state").forEach(read -> reads.add(read.path("config").path("key").asText()));
            }
        });
        return reads;
    }

    /** The bootstrap's role that trusts {@code ciRole}, by its trust's condition. */
    private static String stateRoleOf(Synthesized bootstrap, String ciRole) {
        return bootstrap.resources("aws_iam_role").entrySet().stream()
                .filter(e -> e.getValue().path("assume_role_policy").asText().contains("\"" + ciRole + "\""))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no state role of the bootstrap trusts " + ciRole));
    }

    private void allow(String stack, String path, AccessRequest request) {
        paths.add(new AccessPath(prefix + stack, "pipeline: " + path, Expect.ALLOWED, request));
    }

    private void deny(String stack, String path, Guard guard, AccessRequest request) {
        paths.add(new AccessPath(prefix + stack, "pipeline: " + path, Expect.DENIED, request, guard));
    }
}
