package io.ludus.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A value that cannot be read as its key's type would otherwise be dropped silently for the key's default when
 * Micronaut binds a record: every set key of every configuration record must convert, or startup stops naming it.
 */
@Context
final class SettingTypesCheck {

    SettingTypesCheck(ApplicationContext context) {
        Environment environment = context.getEnvironment();
        for (BeanDefinition<?> definition : context.getBeanDefinitions(Qualifiers.byStereotype(ConfigurationProperties.class))) {
            Class<?> type = definition.getBeanType();
            ConfigurationProperties properties = type.getAnnotation(ConfigurationProperties.class);
            if (!type.isRecord() || properties == null) {
                continue;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                Class<?> target = component.getType();
                if (Collection.class.isAssignableFrom(target) || Map.class.isAssignableFrom(target)) {
                    continue;
                }
                String key = properties.value() + "." + SettingKeys.kebab(component.getName());
                Optional<String> raw = environment.getProperty(key, String.class);
                if (raw.isPresent() && environment.getProperty(key, boxed(target)).isEmpty()) {
                    throw new InvalidSettingException(key, "cannot be read as " + target.getSimpleName() + ": '" + raw.get() + "'");
                }
            }
        }
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "boolean" -> Boolean.class;
            default -> type;
        };
    }
}
