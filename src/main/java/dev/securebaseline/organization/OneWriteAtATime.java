package dev.securebaseline.organization;

import dev.securebaseline.tf.Tf;
import dev.securebaseline.tf.Tf.Ref;

import java.util.Map;

import static dev.securebaseline.tf.Tf.list;

/**
 * Organizations answers concurrent changes with ConcurrentModificationException, which the provider does not retry for
 * delegated administrators: every write to the organization after the organization itself waits for the one before.
 */
public final class OneWriteAtATime {

    private Ref last;

    /** The first write waits for the organization itself. */
    public OneWriteAtATime(Ref organization) {
        this.last = organization;
    }

    /** The resource, through {@code view} (its provider), after every write made through this before it. */
    public Ref write(Tf view, String type, String name, Map<String, Object> body) {
        body.put("depends_on", list(last.dependency()));
        last = view.resource(type, name, body);
        return last;
    }
}
