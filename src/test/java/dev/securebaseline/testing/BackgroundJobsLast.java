package dev.securebaseline.testing;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;

/**
 * Runs the test classes that wait for background work ({@link BackgroundJobs}) after every other class, in the order their
 * work starts: the test thread does its own work while the jobs run, instead of waiting early for one of them. The other
 * classes keep their order. Named in {@code junit-platform.properties}.
 */
public final class BackgroundJobsLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(
                descriptor -> descriptor.findAnnotation(BackgroundJobs.class).map(jobs -> 1 + jobs.order()).orElse(0)));
    }
}
