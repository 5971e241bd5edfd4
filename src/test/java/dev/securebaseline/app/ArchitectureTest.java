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
            "guardrails", "organization", "stacks", "preview", "app");

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
     * Public is a promise to other packages: a public top-level class nothing outside its package uses (main or tests)
     * should say so by being package-private. Constants the compiler inlines leave no trace in the bytecode, so a class
     * used only for its constants would show up here; none is today.
     */
    @Test
    void everyPublicClassIsUsedFromAnotherPackage() {
        Set<String> usedFromOutside = new TreeSet<>();
        for (JavaClass origin : EVERYTHING) {
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (target.getName().startsWith(ROOT + ".") && !target.getPackageName().equals(origin.getPackageName())) {
                    usedFromOutside.add(topLevelName(target.getName()));
                }
            }
        }
        List<String> unused = new ArrayList<>();
        for (JavaClass candidate : MAIN) {
            if (candidate.isTopLevelClass() && candidate.getModifiers().contains(JavaModifier.PUBLIC)
                    && !candidate.getSimpleName().equals("package-info") && !candidate.getName().equals(Main.class.getName())
                    && !usedFromOutside.contains(candidate.getName())) {
                unused.add(candidate.getName());
            }
        }
        assertThat(unused).as("public top-level classes no other package uses").isEmpty();
    }

    /** The shared test helpers serve every test package; a test class that needs work started early says so itself. */
    @Test
    void theSharedTestHelpersNameNoTestClass() {
        noClasses().that().resideInAPackage(ROOT + ".testing..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Test")
                .check(EVERYTHING);
    }

    private static String topLevelName(String name) {
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
