package org.tipline.accounts.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.tipline.crypto.Keyring;

/**
 * Hands the logged-in member's {@link Keyring} to controller methods that declare a parameter of
 * that type, and to no one else: a controller that does not open sealed content never sees a key.
 */
@Configuration(proxyBeanMethods = false)
class KeyringArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Keyring.class);
    }

    @Override
    public Keyring resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer container,
            NativeWebRequest request,
            @Nullable WebDataBinderFactory binders) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof StaffAuthentication staff) {
            return staff.keyring();
        }
        throw new AuthenticationCredentialsNotFoundException("No staff session");
    }
}
