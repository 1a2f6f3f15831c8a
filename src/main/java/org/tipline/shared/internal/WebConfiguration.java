package org.tipline.shared.internal;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.pattern.PathPatternParser;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.tipline.shared.Languages;
import org.tipline.shared.PathSecurity;

/**
 * Locale without cookies: a {@code lang} parameter, else {@code Accept-Language}. Every link and
 * form action that a template builds carries the chosen {@code lang} on, so a reporter's choice
 * lasts through the visit without anything being stored in their browser.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /** What every visitor may reach: static assets, error pages, health and the API description. */
    @Bean
    PathSecurity sharedPaths() {
        return PathSecurity.open(
                "/webjars/**",
                "/css/**",
                "/favicon.ico",
                "/error",
                "/actuator/health",
                "/actuator/info",
                "/api/v1/openapi.json");
    }

    /**
     * No observations: Tipline exports no metrics or traces (Actuator serves health only), and per
     * request URI timings are metadata it need not keep. With the no-op registry Spring Security
     * does not wrap each filter in an observation, and MVC's observation filter does nothing; the
     * framework floor of a request drops measurably (docs/benchmarks.md).
     */
    @Bean
    ObservationRegistry observationRegistry() {
        return ObservationRegistry.NOOP;
    }

    /**
     * Whether a request is for a reporter page: those come in every language (Arabic too), staff
     * pages in {@link Languages#STAFF}.
     */
    private static Predicate<HttpServletRequest> reporterPages(List<PathSecurity> modules) {
        var parser = PathPatternParser.defaultInstance;
        var patterns = modules.stream()
                .flatMap(module -> module.reporterPages().stream())
                .map(parser::parse)
                .toList();
        return request -> {
            var path = PathContainer.parsePath(
                    request.getRequestURI().substring(request.getContextPath().length()));
            return patterns.stream().anyMatch(pattern -> pattern.matches(path));
        };
    }

    private static List<Locale> offered(HttpServletRequest request, Predicate<HttpServletRequest> reporterPage) {
        return reporterPage.test(request) ? Languages.SUPPORTED : Languages.STAFF;
    }

    private final Predicate<HttpServletRequest> reporterPage;

    WebConfiguration(List<PathSecurity> modules) {
        this.reporterPage = reporterPages(modules);
    }

    @Bean
    LocaleResolver localeResolver() {
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return Languages.resolve(
                        request.getParameter(Languages.PARAMETER),
                        request.getHeader("Accept-Language"),
                        offered(request, reporterPage));
            }

            @Override
            public void setLocale(
                    HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
                throw new UnsupportedOperationException("The locale comes from the request only");
            }
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public void postHandle(
                    HttpServletRequest request,
                    HttpServletResponse response,
                    Object handler,
                    @Nullable ModelAndView view) {
                if (view == null) {
                    return;
                }
                var explicit = request.getParameter(Languages.PARAMETER);
                if (view.getView() instanceof RedirectView redirect) {
                    // a 303 after a reporter's post keeps the chosen language too
                    if (explicit != null
                            && Languages.isSupported(explicit)
                            && redirect.getUrl() != null
                            && !redirect.getUrl().contains(Languages.PARAMETER + "=")) {
                        redirect.setUrl(UriComponentsBuilder.fromUriString(redirect.getUrl())
                                .queryParam(Languages.PARAMETER, explicit)
                                .build()
                                .toUriString());
                    }
                    return;
                }
                if (view.getViewName() == null) {
                    return;
                }
                if (view.getViewName().startsWith("redirect:")) {
                    // the choice survives post-redirect-get without a cookie
                    if (explicit != null
                            && Languages.isSupported(explicit)
                            && !view.getViewName().contains(Languages.PARAMETER + "=")) {
                        var target = view.getViewName().substring("redirect:".length());
                        view.setViewName("redirect:"
                                + UriComponentsBuilder.fromUriString(target)
                                        .queryParam(Languages.PARAMETER, explicit)
                                        .build()
                                        .toUriString());
                    }
                } else {
                    var offered = offered(request, reporterPage);
                    var locale = Languages.resolve(
                            request.getParameter(Languages.PARAMETER), request.getHeader("Accept-Language"), offered);
                    view.addObject("lang", locale.toLanguageTag());
                    view.addObject("dir", Languages.isRightToLeft(locale.toLanguageTag()) ? "rtl" : "ltr");
                    view.addObject(
                            "languages",
                            offered.stream().map(Locale::toLanguageTag).toList());
                    view.addObject("currentPath", request.getRequestURI());
                }
            }
        });
    }

    @Bean
    static BeanPostProcessor languageCarryingLinks() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof SpringTemplateEngine engine) {
                    engine.setLinkBuilder(new LanguageCarryingLinkBuilder());
                }
                return bean;
            }
        };
    }

    /** Adds the request's explicit {@code lang} parameter to every context-relative link. */
    static final class LanguageCarryingLinkBuilder extends StandardLinkBuilder {
        @Override
        protected @Nullable String processLink(IExpressionContext context, @Nullable String link) {
            if (link == null || !link.startsWith("/") || link.startsWith("//")) {
                return link;
            }
            if (context instanceof org.thymeleaf.context.IWebContext web) {
                var lang = web.getExchange().getRequest().getParameterValue(Languages.PARAMETER);
                if (lang != null && Languages.isSupported(lang) && !link.contains(Languages.PARAMETER + "=")) {
                    link = UriComponentsBuilder.fromUriString(link)
                            .queryParam(Languages.PARAMETER, lang)
                            .build()
                            .toUriString();
                }
            }
            return link;
        }
    }
}
