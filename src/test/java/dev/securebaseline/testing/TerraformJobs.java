package dev.securebaseline.testing;

import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The suite's Terraform work (init, validate, test: external processes, most of the suite's time),
 * started in the background as soon as the test plan is known, so that it runs while the JVM-only
 * tests do. Registered as a JUnit Platform listener ({@code META-INF/services}).
 *
 * <p>Only Terraform and other external processes run on these threads. Every cdktf (jsii) call —
 * synthesis — happens on the thread that runs the tests, before a job is submitted: cdktf's Node
 * process is not thread-safe, and the tests themselves never run in parallel.
 */
public final class TerraformJobs implements TestExecutionListener {

    /** Two cores: two Terraform processes at a time, the test thread beside them. */
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "terraform-jobs");
        thread.setDaemon(true);
        return thread;
    });
    private static final Map<String, CompletableFuture<?>> JOBS = new ConcurrentHashMap<>();

    /** Starts the jobs of the plan's {@link BackgroundJobs} test classes, in their order, each starter once. */
    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        Map<Class<?>, Integer> starters = new LinkedHashMap<>();
        for (Class<?> testClass : testClasses(plan)) {
            BackgroundJobs jobs = testClass.getAnnotation(BackgroundJobs.class);
            if (jobs != null) {
                starters.merge(jobs.from() == BackgroundJobs.class ? testClass : jobs.from(), jobs.order(), Math::min);
            }
        }
        starters.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(starter -> start(starter.getKey()));
    }

    private static void start(Class<?> starter) {
        try {
            Method start = starter.getDeclaredMethod("start");
            start.setAccessible(true);
            start.invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(starter.getName() + " is marked @BackgroundJobs but has no static start()", e);
        }
    }

    /** The job of that name, submitted on first request; later requests get the same one. */
    @SuppressWarnings("unchecked")
    public static <T> CompletableFuture<T> job(String name, Supplier<T> work) {
        return (CompletableFuture<T>) JOBS.computeIfAbsent(name, n -> CompletableFuture.supplyAsync(timed(name, work), POOL));
    }

    /** Each job's wall time goes to target/terraform-jobs.log: where the suite's time goes, for the benchmark to read. */
    private static <T> Supplier<T> timed(String name, Supplier<T> work) {
        return () -> {
            long start = System.nanoTime();
            try {
                return work.get();
            } finally {
                log(String.format("%s %.1f s", name, (System.nanoTime() - start) / 1e9));
            }
        };
    }

    /** A line of target/terraform-jobs.log. */
    static synchronized void log(String line) {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "terraform-jobs.log"), line + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException ignored) {
            // the log is for reading, never a reason to fail a job
        }
    }

    /** A job that starts when another has finished, without holding a thread while it waits. */
    @SuppressWarnings("unchecked")
    static <A, T> CompletableFuture<T> after(String name, CompletableFuture<A> first, Function<A, T> work) {
        return (CompletableFuture<T>) JOBS.computeIfAbsent(name, n -> first.thenApplyAsync(work, POOL));
    }

    /** The job's result; a failure inside it (an assertion, Terraform's report) is rethrown as it was. */
    public static <T> T await(CompletableFuture<T> job) {
        try {
            return job.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static List<Class<?>> testClasses(TestPlan plan) {
        List<Class<?>> classes = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier child : plan.getChildren(root)) {
                child.getSource().filter(ClassSource.class::isInstance).map(ClassSource.class::cast)
                        .ifPresent(source -> classes.add(source.getJavaClass()));
            }
        }
        return classes;
    }
}
