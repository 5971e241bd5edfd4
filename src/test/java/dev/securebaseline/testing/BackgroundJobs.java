package dev.securebaseline.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class whose external work (Terraform, a Node checker, cdktf-cli, a JVM of its own) {@link TerraformJobs}
 * starts as soon as the test plan contains it, so that it runs while the JVM-only tests do; the marked classes run after
 * the others ({@link BackgroundJobsLast}). The class named by {@link #from()} (the test class itself unless said
 * otherwise) has a static, idempotent {@code start()} that synthesizes on the calling thread and submits its jobs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BackgroundJobs {

    /** Lower first: the longest work goes first, since two cores run two jobs at a time. */
    int order();

    /** The class whose static {@code start()} submits the jobs; several test classes may share one. */
    Class<?> from() default BackgroundJobs.class;
}
