package dev.securebaseline.testing;

/** One request and what it must come to; a must-deny path names its guard. */
public record AccessPath(String stack, String path, Expect expect, AccessRequest request, Guard guard) {

    public enum Expect { ALLOWED, DENIED }

    AccessPath(String stack, String path, Expect expect, AccessRequest request) {
        this(stack, path, expect, request, null);
    }

    public AccessPath {
        if ((expect == Expect.DENIED) != (guard != null)) {
            throw new IllegalArgumentException(path + ": a must-deny path names its guard, and only a must-deny path");
        }
    }

    public String id() {
        return stack + " | " + path + " | " + request.describe();
    }

    /** The id of the same request with its guard lifted. */
    public String liftedId() {
        return id() + " | guard lifted";
    }
}
