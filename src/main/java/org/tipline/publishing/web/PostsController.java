package org.tipline.publishing.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.tipline.publishing.Post;
import org.tipline.publishing.PostDraft;
import org.tipline.publishing.PostId;
import org.tipline.publishing.PostImages;
import org.tipline.publishing.Posts;
import org.tipline.publishing.TransparencyReports;
import org.tipline.publishing.internal.ImageRenditions;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Languages;
import org.tipline.shared.Role;
import org.tipline.shared.StaffMultipart;
import org.tipline.shared.StaffPrincipal;
import org.tipline.shared.WebProperties;

/**
 * The editors' desk: every post of the organisation, a form to write or translate one, and a
 * post's page to edit, publish now, schedule (a time in the installation's zone) or withdraw it,
 * with its translations and revisions. Works without script.
 */
@Controller
class PostsController {

    /** Where an editor adds images to a post; its form checks its own anti-forgery token. */
    static final String IMAGES = "/posts/{id}/images";

    static final StaffMultipart.Limits IMAGE_LIMITS =
            new StaffMultipart.Limits("image", ImageRenditions.MAX_BYTES, "error.image.too-large");

    /** What the form sends, as text, so that a refused form comes back as it was typed. */
    record PostForm(
            String language,
            String title,
            String summary,
            String body,
            String tags,
            String channel,
            String translationOf) {

        @SuppressWarnings("ConstantValue")
        PostForm {
            // a field the form left out binds as null
            language = language == null ? "" : language;
            title = title == null ? "" : title;
            summary = summary == null ? "" : summary;
            body = body == null ? "" : body;
            tags = tags == null ? "" : tags;
            channel = channel == null ? "" : channel;
            translationOf = translationOf == null ? "" : translationOf;
        }

        static PostForm blank(String language, @Nullable String translationOf) {
            return new PostForm(language, "", "", "", "", "", translationOf == null ? "" : translationOf);
        }

        static PostForm of(Post post) {
            return new PostForm(
                    post.language(),
                    post.title(),
                    post.summary(),
                    post.body(),
                    String.join(", ", post.tags()),
                    post.channel() == null ? "" : post.channel().toString(),
                    "");
        }

        PostDraft draft() {
            var tagList = tags.isBlank()
                    ? List.<String>of()
                    : Arrays.stream(tags.split(","))
                            .map(String::strip)
                            .filter(tag -> !tag.isEmpty())
                            .toList();
            return new PostDraft(
                    title, summary, body, tagList, channel.isBlank() ? null : new ChannelId(uuid(channel, "channel")));
        }
    }

    private final Posts posts;
    private final PostImages images;
    private final TransparencyReports transparency;
    private final Channels channels;
    private final WebProperties web;
    private final java.time.Clock clock;

    PostsController(
            Posts posts,
            PostImages images,
            TransparencyReports transparency,
            Channels channels,
            WebProperties web,
            java.time.Clock clock) {
        this.transparency = transparency;
        this.images = images;
        this.posts = posts;
        this.channels = channels;
        this.web = web;
        this.clock = clock;
    }

    @GetMapping("/posts")
    String desk(@AuthenticationPrincipal StaffPrincipal editor, Model model) {
        return renderDesk(editor, model, Map.of());
    }

    /** Writes the transparency report of a year as a draft and opens it. */
    @PostMapping("/posts/transparency")
    String transparency(
            @AuthenticationPrincipal StaffPrincipal editor,
            @RequestParam(required = false) @Nullable String year,
            @RequestParam(required = false) @Nullable String language,
            Model model,
            HttpServletResponse response) {
        try {
            int wanted;
            try {
                wanted = Integer.parseInt(year == null ? "" : year.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInput(Map.of("year", "error.transparency.year"));
            }
            var written = transparency.draft(editor, wanted, language == null ? "" : language);
            return "redirect:/posts/" + written.id() + "?saved";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return renderDesk(editor, model, e.fieldErrors());
        }
    }

    private String renderDesk(StaffPrincipal editor, Model model, Map<String, String> errors) {
        model.addAttribute("posts", posts.desk(editor));
        model.addAttribute("now", clock.instant());
        model.addAttribute("errors", errors);
        model.addAttribute("languages", Languages.SUPPORTED_TAGS);
        model.addAttribute("year", clock.instant().atZone(web.timeZone()).getYear());
        return "publishing/desk";
    }

    @GetMapping("/posts/new")
    String write(
            @AuthenticationPrincipal StaffPrincipal editor,
            @RequestParam(required = false) @Nullable String language,
            @RequestParam(required = false) @Nullable String translationOf,
            Model model) {
        editor.require(Role.EDITOR);
        var tag = language != null && Languages.isSupported(language) ? language : "en";
        var form = PostForm.blank(tag, translationOf);
        if (translationOf != null) {
            // a translation starts from the original's tags and channel, and its text to translate
            try {
                var original = posts.get(editor, new PostId(UUID.fromString(translationOf)));
                form = new PostForm(
                        tag,
                        original.title(),
                        original.summary(),
                        original.body(),
                        String.join(", ", original.tags()),
                        original.channel() == null ? "" : original.channel().toString(),
                        translationOf);
            } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
                form = PostForm.blank(tag, null);
            }
        }
        return render(editor, model, null, form, Map.of());
    }

    @PostMapping("/posts/new")
    String write(
            @AuthenticationPrincipal StaffPrincipal editor, PostForm form, Model model, HttpServletResponse response) {
        try {
            var translationOf =
                    form.translationOf().isBlank() ? null : new PostId(uuid(form.translationOf(), "translationOf"));
            var written = posts.write(editor, form.language(), form.draft(), translationOf);
            return "redirect:/posts/" + written.id() + "?saved";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(editor, model, null, form, e.fieldErrors());
        }
    }

    @GetMapping("/posts/{id}")
    String edit(@AuthenticationPrincipal StaffPrincipal editor, @PathVariable UUID id, Model model) {
        var post = posts.get(editor, new PostId(id));
        return render(editor, model, post, PostForm.of(post), Map.of());
    }

    @PostMapping("/posts/{id}")
    String edit(
            @AuthenticationPrincipal StaffPrincipal editor,
            @PathVariable UUID id,
            @RequestParam long version,
            PostForm form,
            Model model,
            HttpServletResponse response) {
        var current = posts.get(editor, new PostId(id));
        try {
            posts.edit(editor, current.id(), version, form.draft());
            return "redirect:/posts/" + id + "?saved";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(editor, model, current, form, e.fieldErrors());
        }
    }

    @PostMapping("/posts/{id}/publish")
    String publish(
            @AuthenticationPrincipal StaffPrincipal editor,
            @PathVariable UUID id,
            @RequestParam long version,
            @RequestParam(required = false) @Nullable String publishAt,
            Model model,
            HttpServletResponse response) {
        var current = posts.get(editor, new PostId(id));
        try {
            java.time.Instant at = null;
            if (publishAt != null && !publishAt.isBlank()) {
                try {
                    at = LocalDateTime.parse(publishAt).atZone(web.timeZone()).toInstant();
                } catch (DateTimeParseException e) {
                    throw new InvalidInput(Map.of("publishAt", "error.post.schedule-format"));
                }
            }
            posts.publish(editor, current.id(), version, at);
            return "redirect:/posts/" + id + "?moved";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(editor, model, current, PostForm.of(current), e.fieldErrors());
        }
    }

    @PostMapping("/posts/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal StaffPrincipal editor, @PathVariable UUID id, @RequestParam long version) {
        posts.withdraw(editor, new PostId(id), version);
        return "redirect:/posts/" + id + "?moved";
    }

    /** Adds an image: a multipart form read as it streams in, its anti-forgery token first. */
    @PostMapping(IMAGES)
    String addImage(
            @AuthenticationPrincipal StaffPrincipal editor,
            @PathVariable UUID id,
            HttpServletRequest request,
            Model model,
            HttpServletResponse response) {
        editor.require(Role.EDITOR);
        var current = posts.get(editor, new PostId(id));
        var form = new StaffMultipart.Form(Map.of(), null);
        try {
            form = StaffMultipart.read(request, IMAGE_LIMITS, true);
            images.add(
                    editor,
                    current.id(),
                    form.file() == null ? new byte[0] : form.file(),
                    form.field("alt"),
                    form.field("caption"));
            return "redirect:/posts/" + id + "?saved#images";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("imageAlt", form.field("alt"));
            model.addAttribute("imageCaption", form.field("caption"));
            return render(editor, model, current, PostForm.of(current), e.fieldErrors());
        }
    }

    @PostMapping(IMAGES + "/{image}/removal")
    String removeImage(
            @AuthenticationPrincipal StaffPrincipal editor, @PathVariable UUID id, @PathVariable UUID image) {
        images.remove(editor, new PostId(id), image);
        return "redirect:/posts/" + id + "?saved#images";
    }

    /** An image's file as an editor previews it, whether or not its post is published. */
    @GetMapping(IMAGES + "/{image}/{width}")
    ResponseEntity<byte[]> image(
            @AuthenticationPrincipal StaffPrincipal editor,
            @PathVariable UUID id,
            @PathVariable UUID image,
            @PathVariable int width) {
        var file = images.editorFile(editor, image, width)
                .orElseThrow(() -> new java.util.NoSuchElementException("No such image"));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .cacheControl(CacheControl.noCache().cachePrivate())
                .header("Content-Security-Policy", "default-src 'none'")
                .body(file.bytes());
    }

    private String render(
            StaffPrincipal editor, Model model, @Nullable Post post, PostForm form, Map<String, String> errors) {
        editor.require(Role.EDITOR);
        model.addAttribute("post", post);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("languages", Languages.SUPPORTED_TAGS);
        model.addAttribute("channels", channels.published(editor.organization()));
        model.addAttribute("zone", web.timeZone().getId());
        if (!model.containsAttribute("imageAlt")) {
            model.addAttribute("imageAlt", "");
            model.addAttribute("imageCaption", "");
        }
        if (post != null) {
            model.addAttribute("images", images.of(post));
            var translations = posts.translations(post);
            model.addAttribute("stage", post.stage(clock.instant()));
            model.addAttribute("translations", translations);
            model.addAttribute(
                    "missing",
                    Languages.SUPPORTED_TAGS.stream()
                            .filter(tag -> translations.stream()
                                    .noneMatch(t -> t.language().equals(tag)))
                            .toList());
            model.addAttribute("revisions", posts.revisions(editor, post.id()));
        }
        return "publishing/edit";
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(
                    Map.of(field, field.equals("channel") ? "error.post.channel" : "error.post.translation-unknown"));
        }
    }
}
