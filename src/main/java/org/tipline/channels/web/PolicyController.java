package org.tipline.channels.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.channels.ChannelId;
import org.tipline.channels.Channels;
import org.tipline.channels.PolicyProfileId;
import org.tipline.channels.PolicyProfiles;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/** The admin's pages for policy profiles (list, read, copy, edit and import as YAML) and holidays. */
@Controller
class PolicyController {

    private final PolicyProfiles policies;
    private final Channels channels;

    PolicyController(PolicyProfiles policies, Channels channels) {
        this.policies = policies;
        this.channels = channels;
    }

    @GetMapping("/policies")
    String list(@AuthenticationPrincipal StaffPrincipal admin, Model model) {
        return renderList(admin, model, Map.of(), "", null);
    }

    @PostMapping("/policies")
    String importYaml(
            @AuthenticationPrincipal StaffPrincipal admin,
            @RequestParam(required = false) @Nullable String yaml,
            Model model,
            HttpServletResponse response) {
        try {
            var profile = policies.importYaml(admin, yaml == null ? "" : yaml);
            return "redirect:/policies/" + profile.id() + "?saved";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return renderList(admin, model, e.fieldErrors(), yaml == null ? "" : yaml, null);
        }
    }

    @PostMapping("/policies/holidays")
    String holidays(
            @AuthenticationPrincipal StaffPrincipal admin,
            @RequestParam(required = false) @Nullable String holidays,
            Model model,
            HttpServletResponse response) {
        try {
            policies.setHolidays(admin, holidays == null ? "" : holidays);
            return "redirect:/policies?holidays";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return renderList(admin, model, e.fieldErrors(), "", holidays);
        }
    }

    @GetMapping("/policies/{id}")
    String show(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, Model model) {
        var profile = policies.get(admin, new PolicyProfileId(id));
        return renderOne(admin, model, id, PolicyProfiles.yaml(profile), Map.of());
    }

    @PostMapping("/policies/{id}")
    String update(
            @AuthenticationPrincipal StaffPrincipal admin,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String yaml,
            Model model,
            HttpServletResponse response) {
        try {
            policies.update(admin, new PolicyProfileId(id), yaml == null ? "" : yaml);
            return "redirect:/policies/" + id + "?saved";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return renderOne(admin, model, id, yaml == null ? "" : yaml, e.fieldErrors());
        }
    }

    @PostMapping("/policies/{id}/copy")
    String copy(
            @AuthenticationPrincipal StaffPrincipal admin,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String name,
            Model model,
            HttpServletResponse response) {
        try {
            var copy = policies.copy(admin, new PolicyProfileId(id), name == null ? "" : name);
            return "redirect:/policies/" + copy.id() + "?saved";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            var profile = policies.get(admin, new PolicyProfileId(id));
            return renderOne(admin, model, id, PolicyProfiles.yaml(profile), e.fieldErrors());
        }
    }

    @GetMapping("/policies/{id}/export")
    ResponseEntity<String> export(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id) {
        return PolicyApiController.yaml(policies.exportYaml(admin, new PolicyProfileId(id)));
    }

    @PostMapping("/channels/{id}/policy")
    String choose(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, @RequestParam UUID profile) {
        channels.choosePolicy(admin, new ChannelId(id), new PolicyProfileId(profile));
        return "redirect:/channels/" + id + "?policy";
    }

    private String renderList(
            StaffPrincipal admin, Model model, Map<String, String> errors, String yaml, @Nullable String holidays) {
        admin.require(Role.ADMIN);
        model.addAttribute("profiles", policies.list(admin));
        model.addAttribute("errors", errors);
        model.addAttribute("yaml", yaml);
        var days = new StringBuilder();
        policies.holidays(admin.organization())
                .forEach(
                        (day, name) -> days.append(day).append(' ').append(name).append('\n'));
        model.addAttribute("holidays", holidays == null ? days.toString() : holidays);
        return "channels/policies";
    }

    private String renderOne(StaffPrincipal admin, Model model, UUID id, String yaml, Map<String, String> errors) {
        model.addAttribute("profile", policies.get(admin, new PolicyProfileId(id)));
        model.addAttribute("yaml", yaml);
        model.addAttribute("errors", errors);
        return "channels/policy";
    }
}
