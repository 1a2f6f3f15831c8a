package org.tipline.intake.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.tipline.accounts.Organizations;
import org.tipline.channels.Channels;
import org.tipline.mailbox.ReporterPages;

/**
 * The front door: {@code /} lists the home organisation's channels (or leads straight to the only
 * one) and, on an installation with several organisations, the others (whose own pages, with their
 * channels and posts, are their public accounts). Before set-up there is nothing to show but set-up.
 */
@Controller
class FrontDoorController {

    private final Organizations organizations;
    private final Channels channels;
    private final ReporterPages pages;

    FrontDoorController(Organizations organizations, Channels channels, ReporterPages pages) {
        this.organizations = organizations;
        this.channels = channels;
        this.pages = pages;
    }

    @GetMapping("/")
    Object home(Model model) {
        var home = organizations.home();
        if (home.isEmpty()) {
            return ReportController.seeOther("/setup");
        }
        var directory = organizations.directory();
        var open = channels.published(home.get().id());
        if (directory.size() == 1 && open.size() == 1) {
            return ReportController.seeOther("/r/" + open.getFirst().slug());
        }
        model.addAttribute("organization", home.get());
        model.addAttribute("brand", home.get());
        model.addAttribute("channels", open);
        model.addAttribute("prefix", "/r/");
        model.addAttribute(
                "others",
                directory.stream().filter(organization -> !organization.home()).toList());
        pages.safety(model);
        return "intake/front";
    }
}
