package org.tipline.channels.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.accounts.StaffDirectory;
import org.tipline.channels.Channel;
import org.tipline.channels.ChannelId;
import org.tipline.channels.Channels;
import org.tipline.channels.QuestionType;
import org.tipline.channels.Route;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/**
 * The admin's page for a channel's routing rules: which reports, by category or by an answer to a
 * choice question, go to whom instead of the channel's own recipients. Rules are added one at a
 * time and removed by position; the first that matches a report wins.
 */
@Controller
class RoutingController {

    private final Channels channels;
    private final StaffDirectory staff;

    RoutingController(Channels channels, StaffDirectory staff) {
        this.channels = channels;
        this.staff = staff;
    }

    /** A criterion the admin can choose, as {@code category:<key>} or {@code answer:<question>=<option>}. */
    public record Criterion(String value, String label) {}

    @GetMapping("/channels/{id}/routing")
    String show(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, Model model) {
        return render(admin, channels.get(admin, new ChannelId(id)), model, Map.of());
    }

    @PostMapping("/channels/{id}/routing")
    String add(
            @AuthenticationPrincipal StaffPrincipal admin,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String criterion,
            @RequestParam(required = false) @Nullable List<UUID> recipients,
            Model model,
            HttpServletResponse response) {
        var channel = channels.get(admin, new ChannelId(id));
        var routes = new ArrayList<>(channel.routes());
        try {
            routes.add(route(criterion, recipients == null ? List.of() : recipients));
            channels.setRoutes(admin, channel.id(), routes);
            return "redirect:/channels/" + id + "/routing?saved";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            var errors = new java.util.HashMap<String, String>();
            e.fieldErrors().forEach((field, code) -> errors.put(field.substring(field.lastIndexOf('.') + 1), code));
            return render(admin, channel, model, errors);
        }
    }

    @PostMapping("/channels/{id}/routing/{index}/removal")
    String remove(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, @PathVariable int index) {
        var channel = channels.get(admin, new ChannelId(id));
        if (index < 0 || index >= channel.routes().size()) {
            throw new java.util.NoSuchElementException("No such rule");
        }
        var routes = new ArrayList<>(channel.routes());
        routes.remove(index);
        channels.setRoutes(admin, channel.id(), routes);
        return "redirect:/channels/" + id + "/routing?saved";
    }

    /** Reads a criterion of the form; anything else is a wrong category. */
    static Route route(@Nullable String criterion, List<UUID> recipients) {
        var people = recipients.stream().map(StaffId::new).toList();
        if (criterion != null && criterion.startsWith("category:")) {
            return new Route(criterion.substring(9), null, null, people);
        }
        if (criterion != null && criterion.startsWith("answer:") && criterion.indexOf('=') > 7) {
            var equals = criterion.indexOf('=');
            return new Route(null, criterion.substring(7, equals), criterion.substring(equals + 1), people);
        }
        throw new InvalidInput(Map.of("routes[0].category", "error.route.one-criterion"));
    }

    private String render(StaffPrincipal admin, Channel channel, Model model, Map<String, String> errors) {
        var criteria = new ArrayList<Criterion>();
        channel.questionnaire()
                .categories()
                .forEach(category -> criteria.add(new Criterion("category:" + category.key(), category.label())));
        channel.questionnaire().questions().stream()
                .filter(question -> question.type() == QuestionType.SINGLE_CHOICE
                        || question.type() == QuestionType.MULTIPLE_CHOICE)
                .forEach(question -> question.options()
                        .forEach(option -> criteria.add(new Criterion(
                                "answer:" + question.key() + "=" + option, question.label() + " = " + option))));
        var members = staff.members(admin.organization());
        var names = new java.util.HashMap<StaffId, String>();
        members.forEach(member -> names.put(member.id(), member.displayName()));
        model.addAttribute("channel", channel);
        model.addAttribute("criteria", criteria);
        model.addAttribute("members", members);
        model.addAttribute("names", names);
        model.addAttribute("errors", errors);
        return "channels/routing";
    }
}
