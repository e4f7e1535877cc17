package dev.coderunner.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The bean exists only when {@code code-runner.sandbox.backend} names this engine. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(ConditionalOnEngine.OnEngine.class)
public @interface ConditionalOnEngine {

    /** {@code docker} or {@code bwrap}. */
    String value();

    final class OnEngine implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var attributes = metadata.getAnnotationAttributes(ConditionalOnEngine.class.getName());
            String chosen = context.getEnvironment().getProperty("code-runner.sandbox.backend", "docker");
            return attributes != null && chosen.strip().equals(attributes.get("value"));
        }
    }
}
