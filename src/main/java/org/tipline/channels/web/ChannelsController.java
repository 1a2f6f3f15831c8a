package org.tipline.channels.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.accounts.Organizations;
import org.tipline.accounts.StaffDirectory;
import org.tipline.channels.ChannelId;
import org.tipline.channels.Channels;
import org.tipline.channels.PolicyProfiles;
import org.tipline.channels.QuestionType;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Languages;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/** The admin's channel pages: list, create, edit. */
@Controller
class ChannelsController {

    private final Channels channels;
    private final StaffDirectory staff;
    private final Organizations organizations;
    private final PolicyProfiles policies;

    ChannelsController(Channels channels, StaffDirectory staff, Organizations organizations, PolicyProfiles policies) {
        this.policies = policies;
        this.organizations = organizations;
        this.channels = channels;
        this.staff = staff;
    }

    @GetMapping("/channels")
    String list(@AuthenticationPrincipal StaffPrincipal admin, Model model) {
        admin.require(Role.ADMIN);
        model.addAttribute("channels", channels.list(admin));
        return "channels/list";
    }

    @GetMapping("/channels/new")
    String create(@AuthenticationPrincipal StaffPrincipal admin, Model model) {
        admin.require(Role.ADMIN);
        return render(admin, model, null, ChannelForm.blank(admin.id()), Map.of());
    }

    @PostMapping("/channels/new")
    String create(
            @AuthenticationPrincipal StaffPrincipal admin,
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            HttpServletResponse response) {
        admin.require(Role.ADMIN);
        var form = ChannelForm.read(params);
        try {
            var channel = channels.create(admin, form.draft());
            return "redirect:/channels/" + channel.id();
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(admin, model, null, form.forDisplay(), e.fieldErrors());
        }
    }

    @GetMapping("/channels/{id}")
    String edit(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, Model model) {
        admin.require(Role.ADMIN);
        var channel = channels.get(admin, new ChannelId(id));
        return render(admin, model, id, ChannelForm.of(channel), Map.of());
    }

    @PostMapping("/channels/{id}")
    String update(
            @AuthenticationPrincipal StaffPrincipal admin,
            @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            HttpServletResponse response) {
        admin.require(Role.ADMIN);
        var form = ChannelForm.read(params);
        try {
            channels.update(admin, new ChannelId(id), form.draft());
            return "redirect:/channels/" + id + "?saved";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(admin, model, id, form.forDisplay(), e.fieldErrors());
        }
    }

    private String render(
            StaffPrincipal admin,
            Model model,
            @org.jspecify.annotations.Nullable UUID id,
            ChannelForm form,
            Map<String, String> errors) {
        model.addAttribute("channelId", id);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("types", QuestionType.values());
        model.addAttribute("members", staff.members(admin.organization()));
        model.addAttribute(
                "organizationName", organizations.get(admin.organization()).name());
        model.addAttribute("allLanguages", Languages.SUPPORTED_TAGS);
        model.addAttribute("profiles", policies.list(admin));
        model.addAttribute(
                "currentPolicy",
                id == null ? null : channels.get(admin, new ChannelId(id)).policyProfile());
        model.addAttribute(
                "missing",
                id == null ? Map.of() : channels.get(admin, new ChannelId(id)).missingTranslations());
        return "channels/edit";
    }
}
