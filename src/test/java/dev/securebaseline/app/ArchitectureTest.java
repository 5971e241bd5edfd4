package dev.securebaseline.app;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package tree is the map (docs/development.md): packages by concern, each layer pointing only down. Checked on the
 * compiled classes, so a fully qualified name or a static import counts as much as an import line.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.securebaseline";

    /** Bottom first: a package may use the packages before it, never one after it. */
    static final List<String> LAYERS = List.of("settings", "tf", "policy", "storage", "monitoring", "audit", "network", "web",
            "guardrails", "organization", "pipeline", "stacks", "preview", "app");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    private static final JavaClasses EVERYTHING = new ClassFileImporter().importPackages(ROOT);

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : LAYERS) {
            layers = layers.layer(layer).definedBy(ROOT + "." + layer + "..");
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            layers = i == 0
                    ? layers.whereLayer(LAYERS.get(i)).mayNotAccessAnyLayer()
                    : layers.whereLayer(LAYERS.get(i)).mayOnlyAccessLayers(LAYERS.subList(0, i).toArray(String[]::new));
        }
        layers.check(MAIN);
    }

    @Test
    void everyClassLivesInAPackageOfTheMapAndTheRootIsEmpty() {
        Set<String> packages = new TreeSet<>();
        MAIN.forEach(c -> packages.add(c.getPackageName()));
        assertThat(packages).as("the main packages; a new one takes its place in LAYERS and docs/development.md")
                .isEqualTo(new TreeSet<>(LAYERS.stream().map(layer -> ROOT + "." + layer).toList()));
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        for (String layer : LAYERS) {
            Path info = Path.of("src/main/java", ROOT.replace('.', '/'), layer, "package-info.java");
            assertThat(Files.exists(info)).as(info.toString()).isTrue();
        }
        assertThat(Files.exists(Path.of("src/test/java", ROOT.replace('.', '/'), "testing", "package-info.java"))).isTrue();
    }

    /**
     * Each package-info says which packages it uses ("It uses {@code tf} and {@code settings}", up to the first period or
     * semicolon); those are exactly the packages its classes depend on, so the map cannot drift from the code.
     */
    @Test
    void everyPackageInfoNamesExactlyThePackagesItUses() throws java.io.IOException {
        List<String> wrong = new ArrayList<>();
        for (String layer : LAYERS) {
            String info = Files.readString(Path.of("src/main/java", ROOT.replace('.', '/'), layer, "package-info.java"));
            java.util.regex.Matcher paragraph = java.util.regex.Pattern.compile("\\b[Ii]t uses ([^.;]*)").matcher(info);
            assertThat(paragraph.find()).as(layer + "/package-info.java has a sentence saying what it uses").isTrue();
            Set<String> claimed = new TreeSet<>();
            java.util.regex.Matcher named = java.util.regex.Pattern.compile("\\{@code (\\w+)}").matcher(paragraph.group(1));
            while (named.find()) {
                if (LAYERS.contains(named.group(1))) {
                    claimed.add(named.group(1));
                }
            }
            Set<String> used = usedBy(layer);
            if (!claimed.equals(used)) {
                wrong.add(layer + ": says " + claimed + ", uses " + used);
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static Set<String> usedBy(String layer) {
        Set<String> used = new TreeSet<>();
        String own = ROOT + "." + layer;
        for (JavaClass origin : MAIN) {
            if (origin.getPackageName().equals(own)) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getPackageName();
                    if (target.startsWith(ROOT + ".") && !target.equals(own)) {
                        used.add(target.substring(ROOT.length() + 1));
                    }
                }
            }
        }
        return used;
    }

    /** Public for the benchmark ({@code bench/src}), which this suite does not compile: RawPart writes one CIS alarm. */
    private static final Set<String> PUBLIC_FOR_THE_BENCHMARK = Set.of(dev.securebaseline.audit.CisControls.Control.class.getName());

    /**
     * Public is a promise to other packages: a public class, top-level or nested, that nothing outside its package uses
     * (main or tests) should say so by being package-private. Constants the compiler inlines leave no trace in the bytecode, so a class
     * used only for its constants would show up here; none is today.
     */
    @Test
    void everyPublicClassIsUsedFromAnotherPackage() {
        Set<String> usedFromOutside = new TreeSet<>();
        for (JavaClass origin : EVERYTHING) {
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (target.getName().startsWith(ROOT + ".") && !target.getPackageName().equals(origin.getPackageName())) {
                    usedFromOutside.add(target.getName());
                    usedFromOutside.add(topLevelName(target.getName()));
                }
            }
        }
        List<String> unused = new ArrayList<>();
        for (JavaClass candidate : MAIN) {
            if (candidate.getModifiers().contains(JavaModifier.PUBLIC) && !candidate.isAnonymousClass()
                    && !candidate.getSimpleName().equals("package-info") && !candidate.getName().equals(Main.class.getName())
                    && !usedFromOutside.contains(candidate.getName()) && !PUBLIC_FOR_THE_BENCHMARK.contains(candidate.getName())) {
                unused.add(candidate.getName());
            }
        }
        assertThat(unused).as("public classes no other package uses").isEmpty();
    }

    /**
     * The shared test helpers serve every test package; a test class that needs work started early says so itself. (A helper's
     * own test, such as ToolRunsTest, sits beside it.)
     */
    @Test
    void theSharedTestHelpersNameNoTestClass() {
        noClasses().that().resideInAPackage(ROOT + ".testing..").and().haveSimpleNameNotEndingWith("Test")
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(simpleNameEndingWith("Test")))
                .check(EVERYTHING);
    }

    private static String topLevelName(String name) {
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
