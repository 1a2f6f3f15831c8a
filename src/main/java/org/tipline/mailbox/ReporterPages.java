package org.tipline.mailbox;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.tipline.accounts.Organizations;
import org.tipline.channels.Channel;
import org.tipline.reports.UploadProperties;
import org.tipline.shared.WebProperties;

/**
 * What every reporter page tells, before and after sending: whose channel it is, who reads it, how
 * long it is kept, how to report safely (with the onion address when there is one) and the file
 * limits. The pages show it with the fragments of {@code templates/reporter.html}.
 */
@Component
public class ReporterPages {

    private final Organizations organizations;
    private final UploadProperties uploads;
    private final WebProperties web;

    ReporterPages(Organizations organizations, UploadProperties uploads, WebProperties web) {
        this.organizations = organizations;
        this.uploads = uploads;
        this.web = web;
    }

    /** Adds the organisation of {@code channel} and the safety and limits texts to {@code model}. */
    public void describe(Channel channel, Model model) {
        var organization = organizations.get(channel.organizationId());
        model.addAttribute("channel", channel);
        model.addAttribute("organization", organization);
        model.addAttribute("brand", organization);
        safety(model);
    }

    /** Adds the safety advice and the file limits to {@code model}. */
    public void safety(Model model) {
        model.addAttribute(
                "onionAddress",
                web.onionAddress() == null ? null : web.onionAddress().toString());
        model.addAttribute("maxFiles", uploads.maxFiles());
        model.addAttribute("maxFileSize", size(uploads.maxFileSize()));
    }

    private static String size(DataSize size) {
        if (size.toMegabytes() >= 1024 && size.toMegabytes() % 1024 == 0) {
            return size.toGigabytes() + " GB";
        }
        if (size.toKilobytes() >= 1024) {
            return size.toMegabytes() + " MB";
        }
        return size.toKilobytes() + " KB";
    }
}
