package dev.coderunner.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A test of the HTTP edge, the same whatever isolates the runs: it runs once, in the Docker engine's
 * execution of the suite, not again for bubblewrap and gVisor. On a method, only that test.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@EnabledIf("dev.coderunner.support.SandboxIntegrationTest#onTheDefaultEngine")
public @interface EngineIndependent {
}
