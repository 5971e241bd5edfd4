package dev.securebaseline.pipeline;

import java.util.Map;

/**
 * The third-party actions the workflow uses, each pinned to a commit: a tag can be moved to other code, a commit cannot. Each
 * commit is the release tag's in the action's own repository (read with {@code git rev-parse <tag>^{commit}}), and its
 * {@code action.yml} takes the inputs the workflow gives. To update one, read the new tag's commit the same way and change it
 * here; the generated workflow and its copy in the docs follow.
 */
final class PinnedActions {

    /** A pinned action: {@code owner/name}, the commit, and the release it is. */
    record Pin(String action, String commit, String release) {

        /** {@code owner/name@<commit>}, what a step's {@code uses} names. */
        public String uses() {
            return action + "@" + commit;
        }
    }

    static final Pin CHECKOUT = new Pin("actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1");
    static final Pin SETUP_JAVA = new Pin("actions/setup-java", "b6effb05e454b25005698d916606bdc6ffcbf961", "v5.7.0");
    static final Pin SETUP_NODE = new Pin("actions/setup-node", "820762786026740c76f36085b0efc47a31fe5020", "v7.0.0");
    static final Pin SETUP_TERRAFORM = new Pin("hashicorp/setup-terraform", "dfe3c3f87815947d99a8997f908cb6525fc44e9e", "v4.0.1");
    static final Pin AWS_CREDENTIALS = new Pin("aws-actions/configure-aws-credentials", "e6de054238d6b7531b4efff3b6587d9aade6a06c", "v6.2.3");
    static final Pin UPLOAD_ARTIFACT = new Pin("actions/upload-artifact", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0");
    static final Pin DOWNLOAD_ARTIFACT = new Pin("actions/download-artifact", "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1");

    /** Every pin, by action. */
    static final Map<String, Pin> ALL = Map.of(CHECKOUT.action(), CHECKOUT, SETUP_JAVA.action(), SETUP_JAVA,
            SETUP_NODE.action(), SETUP_NODE, SETUP_TERRAFORM.action(), SETUP_TERRAFORM, AWS_CREDENTIALS.action(), AWS_CREDENTIALS, UPLOAD_ARTIFACT.action(), UPLOAD_ARTIFACT,
            DOWNLOAD_ARTIFACT.action(), DOWNLOAD_ARTIFACT);

    private PinnedActions() {
    }
}
