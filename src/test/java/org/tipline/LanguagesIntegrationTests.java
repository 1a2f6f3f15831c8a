package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestChannels;

@IntegrationTest
class LanguagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestChannels channels;

    @Test
    void pagesFollowAcceptLanguageAndTheSwitcherWithoutACookie() {
        var http = new Http(port);
        var desk = channels.desk(http);
        var english = http.get("/r/" + desk.slug());
        assertThat(english.html().selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(english.html().selectFirst("button[type=submit]").text()).isEqualTo("Send the report");

        var chinese = http.get("/r/" + desk.slug(), "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5");
        assertThat(chinese.html().selectFirst("html").attr("lang")).isEqualTo("zh-CN");
        assertThat(chinese.html().selectFirst("button[type=submit]").text()).isEqualTo("提交举报");

        var switched = http.get("/r/" + desk.slug() + "?lang=zh-CN", "Accept-Language", "en");
        assertThat(switched.html().selectFirst("button[type=submit]").text()).isEqualTo("提交举报");
        assertThat(switched.html().selectFirst("form[enctype]").attr("action")).endsWith("?lang=zh-CN");
        assertThat(switched.html().select("a[href*=followup]").attr("href")).endsWith("?lang=zh-CN");
        assertThat(switched.header("Set-Cookie")).isEmpty();
        assertThat(switched.html().select("details.dropdown a").eachAttr("href"))
                .containsExactly(
                        "/r/" + desk.slug() + "?lang=en",
                        "/r/" + desk.slug() + "?lang=zh-CN",
                        "/r/" + desk.slug() + "?lang=ar");

        // Arabic is for reporter pages, right to left; staff pages offer English and Chinese only
        var arabic = http.get("/r/" + desk.slug(), "Accept-Language", "ar-EG,ar;q=0.9");
        assertThat(arabic.html().selectFirst("html").attr("lang")).isEqualTo("ar");
        assertThat(arabic.html().selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(arabic.html().selectFirst("#send").text()).isEqualTo("أرسل البلاغ");
        var login = http.get("/login?lang=ar");
        assertThat(login.html().selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(login.html().selectFirst("html").attr("dir")).isEqualTo("ltr");
        assertThat(login.html().select("details.dropdown a").eachAttr("hreflang"))
                .containsExactly("en", "zh-CN");

        var unknown = http.get("/r/" + desk.slug() + "?lang=xx", "Accept-Language", "fr;q=x, !!");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.html().selectFirst("html").attr("lang")).isEqualTo("en");
    }
}
