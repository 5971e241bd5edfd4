package dev.securebaseline.testing;

import java.util.List;

/**
 * What denies a must-deny path. A proof denied for another reason (a resource outside every grant, a principal nothing
 * names) proves nothing about the guard it claims: lifting the guard must allow the request ({@code AccessProofTest}).
 */
public sealed interface Guard {

    /** An explicit Deny statement, in the resource policy, an identity policy, or a service or resource control policy. */
    record Statement(String sid) implements Guard {
    }

    /** Conditions of the Allow statement that would otherwise grant the request. */
    record Conditions(String sid, List<String> keys) implements Guard {
        Conditions(String sid, String... keys) {
            this(sid, List.of(keys));
        }
    }

    /** Nothing grants the principal: the resource policy names no grant for it (lifted: a grant of the request). */
    record NoGrant() implements Guard {
    }

    /** The principal's own permissions name other resources only (lifted: an identity policy that grants the request). */
    record OutsideItsPermissions() implements Guard {
    }

    /** S3 Block Public Access, against a public grant someone could add to the bucket policy. */
    record BlockPublicAccess() implements Guard {
    }

    /** Two guards that each deny on their own (a key nobody else is granted, whose deletion a Deny also refuses). */
    record Both(Guard first, Guard second) implements Guard {
    }
}
