package org.tipline.rewards;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.tipline.channels.Period;
import org.tipline.shared.InvalidInput;

/**
 * A reward policy (DOMAIN.md, "Reward programmes"): what a programme pays and how, in one of three
 * shapes — fixed bands (the last may be open at the top), a share of an amount recovered (between
 * two percentages, above a threshold), or an amount a board decides under a cap — with the
 * eligibility checklist an assessor answers with evidence, exclusions, how several reporters of one
 * matter are treated, the deadlines to start, notify and claim (calendar or working days, months),
 * what identity a payout needs, the recognition it may give (a certificate, a ceremony — each with
 * the reporter's consent), and whether a reward can be clawed back.
 *
 * <p>Implementation notes: written as YAML (a tree of maps, lists and strings), read by {@link
 * #read} alone, which names every field it refuses by its path ({@code bands[2].from}) with a
 * message key and refuses fields it does not know, so that a typo is never silently a default.
 * Amounts are whole minor units of the policy's one currency ({@link Money}).
 */
public record RewardPolicy(
        String name,
        Currency currency,
        Shape shape,
        List<Band> bands,
        @Nullable Share share,
        @Nullable Money cap,
        List<Criterion> eligibility,
        List<String> exclusions,
        List<Approval> approvals,
        MultipleReporters multipleReporters,
        Deadlines deadlines,
        PayoutIdentity payoutIdentity,
        boolean certificate,
        boolean ceremony,
        boolean clawback) {

    public RewardPolicy {
        bands = List.copyOf(bands);
        eligibility = List.copyOf(eligibility);
        exclusions = List.copyOf(exclusions);
        approvals = List.copyOf(approvals);
    }

    /** How the amount is found. */
    public enum Shape {
        BANDS,
        SHARE,
        BOARD
    }

    /** What identity a payout needs. */
    public enum PayoutIdentity {
        /** Paid against the claim code alone (cash at a counter, a voucher). */
        NONE,
        /** A credential the reporter shows (an account, an identity document) to the payout officers. */
        CREDENTIAL,
        /** A proxy the reporter names collects it. */
        PROXY,
        /** The reporter identifies to the programme before payment. */
        PROGRAMME
    }

    /**
     * A band: a named range of amounts; {@code upTo} null for the open top band.
     *
     * @param from the least amount of the band
     */
    public record Band(String name, Money from, @Nullable Money upTo) {

        /** Returns whether {@code amount} lies in the band. */
        public boolean contains(Money amount) {
            return amount.compareTo(from) >= 0 && (upTo == null || amount.compareTo(upTo) <= 0);
        }
    }

    /** A share of an amount recovered: between two whole percentages, when it is above a threshold. */
    public record Share(Money threshold, int minPercent, int maxPercent) {}

    /**
     * A tier of the approval matrix: amounts up to {@code upTo} (null: any above the tiers before)
     * need {@code approvers} distinct approvers, none of them the assessor.
     */
    public record Approval(@Nullable Money upTo, int approvers) {}

    /** Returns how many distinct approvers an amount needs, by the approval matrix. */
    public int approversFor(Money amount) {
        for (var tier : approvals) {
            if (tier.upTo() == null || amount.compareTo(tier.upTo()) <= 0) {
                return tier.approvers();
            }
        }
        return approvals.getLast().approvers();
    }

    /** A question the assessor answers, with evidence, for every candidate. */
    public record Criterion(String code, String question) {}

    /**
     * Several reporters of one matter: whether the first registered gets the reward, whether a joint
     * report counts once, and the most (a percentage of the first's) a later one may be given.
     */
    public record MultipleReporters(
            boolean firstRegisteredWins, boolean jointReportsCountOnce, int discretionaryShare) {}

    /**
     * When the steps are due: start assessing after the case concludes, notify after approval, the
     * claim window after notification, and how far the window may be extended (none: not at all).
     */
    public record Deadlines(
            Period start,
            Period notification,
            Period claimWindow,
            @Nullable Period extendableTo) {}

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Set<String> TOP = Set.of(
            "name",
            "currency",
            "shape",
            "bands",
            "share",
            "board",
            "eligibility",
            "exclusions",
            "approvals",
            "multipleReporters",
            "deadlines",
            "payoutIdentity",
            "recognition",
            "clawback");

    /**
     * Checks a proposed amount against the policy: in its currency; for bands, inside the named
     * band; for a share, between the percentages of what was recovered, which must be above the
     * threshold; for a board, under the cap.
     *
     * @throws InvalidInput naming what is wrong ({@code amount}, {@code band}, {@code recovered})
     */
    public void checkAmount(Money amount, @Nullable String band, @Nullable Money recovered) {
        if (!amount.currency().equals(currency)) {
            throw new InvalidInput(Map.of("amount", "error.reward.currency-mismatch"));
        }
        switch (shape) {
            case BANDS -> {
                var named = bands.stream().filter(b -> b.name().equals(band)).findFirst();
                if (named.isEmpty()) {
                    throw new InvalidInput(Map.of("band", "error.reward.band"));
                }
                if (!named.get().contains(amount)) {
                    throw new InvalidInput(Map.of("amount", "error.reward.outside-band"));
                }
            }
            case SHARE -> {
                var rule = java.util.Objects.requireNonNull(share);
                if (recovered == null || !recovered.currency().equals(currency)) {
                    throw new InvalidInput(Map.of("recovered", "error.reward.currency-mismatch"));
                }
                if (recovered.compareTo(rule.threshold()) <= 0) {
                    throw new InvalidInput(Map.of("recovered", "error.reward.below-threshold"));
                }
                var least = percent(recovered, rule.minPercent(), RoundingMode.CEILING);
                var most = percent(recovered, rule.maxPercent(), RoundingMode.FLOOR);
                if (amount.minor() < least || amount.minor() > most) {
                    throw new InvalidInput(Map.of("amount", "error.reward.outside-share"));
                }
            }
            case BOARD -> {
                if (amount.compareTo(java.util.Objects.requireNonNull(cap)) > 0 || amount.minor() == 0) {
                    throw new InvalidInput(Map.of("amount", "error.reward.over-cap"));
                }
            }
        }
    }

    private static long percent(Money of, int percent, RoundingMode rounding) {
        return BigDecimal.valueOf(of.minor())
                .multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100), 0, rounding)
                .longValueExact();
    }

    /** Returns the policy as its written tree, in the order {@link #read} documents. */
    public Map<String, Object> write() {
        var tree = new LinkedHashMap<String, Object>();
        tree.put("name", name);
        tree.put("currency", currency.getCurrencyCode());
        tree.put("shape", shape.name().toLowerCase(Locale.ROOT));
        switch (shape) {
            case BANDS ->
                tree.put(
                        "bands",
                        bands.stream()
                                .map(band -> {
                                    var written = new LinkedHashMap<String, Object>();
                                    written.put("name", band.name());
                                    written.put("from", band.from().major());
                                    if (band.upTo() != null) {
                                        written.put("upTo", band.upTo().major());
                                    }
                                    return written;
                                })
                                .toList());
            case SHARE -> {
                var rule = java.util.Objects.requireNonNull(share);
                var written = new LinkedHashMap<String, Object>();
                written.put("threshold", rule.threshold().major());
                written.put("minPercent", rule.minPercent());
                written.put("maxPercent", rule.maxPercent());
                tree.put("share", written);
            }
            case BOARD ->
                tree.put(
                        "board",
                        Map.of("cap", java.util.Objects.requireNonNull(cap).major()));
        }
        tree.put(
                "eligibility",
                eligibility.stream()
                        .map(c -> {
                            var written = new LinkedHashMap<String, Object>();
                            written.put("code", c.code());
                            written.put("question", c.question());
                            return written;
                        })
                        .toList());
        tree.put("exclusions", exclusions);
        tree.put(
                "approvals",
                approvals.stream()
                        .map(tier -> {
                            var written = new LinkedHashMap<String, Object>();
                            if (tier.upTo() != null) {
                                written.put("upTo", tier.upTo().major());
                            }
                            written.put("approvers", tier.approvers());
                            return written;
                        })
                        .toList());
        var multiple = new LinkedHashMap<String, Object>();
        multiple.put("firstRegisteredWins", multipleReporters.firstRegisteredWins());
        multiple.put("jointReportsCountOnce", multipleReporters.jointReportsCountOnce());
        multiple.put("discretionaryShare", multipleReporters.discretionaryShare());
        tree.put("multipleReporters", multiple);
        var due = new LinkedHashMap<String, Object>();
        due.put("start", deadlines.start().toString());
        due.put("notify", deadlines.notification().toString());
        due.put("claimWindow", deadlines.claimWindow().toString());
        if (deadlines.extendableTo() != null) {
            due.put("extendableTo", deadlines.extendableTo().toString());
        }
        tree.put("deadlines", due);
        tree.put("payoutIdentity", payoutIdentity.name().toLowerCase(Locale.ROOT));
        var recognition = new LinkedHashMap<String, Object>();
        recognition.put("certificate", certificate);
        recognition.put("ceremony", ceremony);
        tree.put("recognition", recognition);
        tree.put("clawback", clawback);
        return tree;
    }

    /**
     * Reads a policy from its written tree.
     *
     * @throws InvalidInput naming each field in error by its path
     */
    public static RewardPolicy read(@Nullable Object tree) {
        var in = new Tree();
        if (!(tree instanceof Map<?, ?> top)) {
            throw new InvalidInput(Map.of("policy", "error.policy.not-a-map"));
        }
        in.unknown(top, TOP, "");
        var name = in.text(top.get("name"), "name", 100);
        Currency currency = null;
        var code = in.text(top.get("currency"), "currency", 3);
        if (code != null) {
            try {
                currency = Currency.getInstance(code.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                in.error("currency", "error.reward.currency");
            }
        }
        var shape = in.choice(top.get("shape"), "shape", Shape.class);
        var bands = new ArrayList<Band>();
        Share share = null;
        Money cap = null;
        if (shape != null && currency != null) {
            for (var other : Shape.values()) {
                var section =
                        other.name().equals("BOARD") ? "board" : other.name().toLowerCase(Locale.ROOT);
                if (other != shape && top.get(section) != null) {
                    in.error(section, "error.reward.other-shape");
                }
            }
            switch (shape) {
                case BANDS -> bands.addAll(bands(top.get("bands"), currency, in));
                case SHARE -> share = share(top.get("share"), currency, in);
                case BOARD -> {
                    var board = in.map(top.get("board"), "board");
                    if (board != null) {
                        in.unknown(board, Set.of("cap"), "board.");
                        cap = in.money(board.get("cap"), "board.cap", currency);
                        if (cap != null && cap.minor() == 0) {
                            in.error("board.cap", "error.reward.amount");
                        }
                    }
                }
            }
        }
        var eligibility = criteria(top.get("eligibility"), in);
        var exclusions = in.codes(top.get("exclusions"), "exclusions");
        var approvals = currency == null ? List.<Approval>of() : approvals(top.get("approvals"), currency, in);
        var multiple = in.map(top.get("multipleReporters"), "multipleReporters");
        MultipleReporters reporters = null;
        if (multiple != null) {
            in.unknown(
                    multiple,
                    Set.of("firstRegisteredWins", "jointReportsCountOnce", "discretionaryShare"),
                    "multipleReporters.");
            reporters = new MultipleReporters(
                    in.bool(multiple.get("firstRegisteredWins"), "multipleReporters.firstRegisteredWins"),
                    in.bool(multiple.get("jointReportsCountOnce"), "multipleReporters.jointReportsCountOnce"),
                    in.percent(multiple.get("discretionaryShare"), "multipleReporters.discretionaryShare", 0));
        }
        var due = in.map(top.get("deadlines"), "deadlines");
        Deadlines deadlines = null;
        if (due != null) {
            in.unknown(due, Set.of("start", "notify", "claimWindow", "extendableTo"), "deadlines.");
            var start = in.period(due.get("start"), "deadlines.start", true);
            var notify = in.period(due.get("notify"), "deadlines.notify", true);
            var window = in.period(due.get("claimWindow"), "deadlines.claimWindow", true);
            var extendable = in.period(due.get("extendableTo"), "deadlines.extendableTo", false);
            if (window != null && extendable != null && !Tree.longer(extendable, window)) {
                in.error("deadlines.extendableTo", "error.policy.extension-shorter");
            }
            if (start != null && notify != null && window != null) {
                deadlines = new Deadlines(start, notify, window, extendable);
            }
        }
        var identity = in.choice(top.get("payoutIdentity"), "payoutIdentity", PayoutIdentity.class);
        var recognition = in.map(top.get("recognition"), "recognition");
        var certificate = false;
        var ceremony = false;
        if (recognition != null) {
            in.unknown(recognition, Set.of("certificate", "ceremony"), "recognition.");
            certificate = in.bool(recognition.get("certificate"), "recognition.certificate");
            ceremony = in.bool(recognition.get("ceremony"), "recognition.ceremony");
        }
        var clawback = in.bool(top.get("clawback"), "clawback");
        in.throwIfAny();
        return new RewardPolicy(
                java.util.Objects.requireNonNull(name).strip(),
                java.util.Objects.requireNonNull(currency),
                java.util.Objects.requireNonNull(shape),
                bands,
                share,
                cap,
                eligibility,
                exclusions,
                approvals,
                java.util.Objects.requireNonNull(reporters),
                java.util.Objects.requireNonNull(deadlines),
                java.util.Objects.requireNonNull(identity),
                certificate,
                ceremony,
                clawback);
    }

    /**
     * Reads the bands: 1 to 10, named once each, each from below its top, in ascending order without
     * overlapping the one before (touching is allowed), only the last open at the top.
     */
    private static List<Band> bands(@Nullable Object value, Currency currency, Tree in) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > 10) {
            in.error("bands", value == null ? "error.required" : "error.reward.bands");
            return List.of();
        }
        var bands = new ArrayList<Band>();
        var names = new LinkedHashSet<String>();
        for (int i = 0; i < list.size(); i++) {
            var path = "bands[" + i + "]";
            var band = in.map(list.get(i), path);
            if (band == null) {
                continue;
            }
            in.unknown(band, Set.of("name", "from", "upTo"), path + ".");
            var name = in.text(band.get("name"), path + ".name", 40);
            var from = band.get("from") == null
                    ? new Money(0, currency)
                    : in.money(band.get("from"), path + ".from", currency);
            var upTo = band.get("upTo") == null ? null : in.money(band.get("upTo"), path + ".upTo", currency);
            if (name != null && !names.add(name.strip())) {
                in.error(path + ".name", "error.reward.band-name");
            }
            if (upTo == null && i < list.size() - 1) {
                in.error(path + ".upTo", "error.reward.open-band");
            }
            if (from != null && upTo != null && from.compareTo(upTo) >= 0) {
                in.error(path + ".upTo", "error.reward.band-range");
            }
            if (from != null && !bands.isEmpty()) {
                var previous = bands.getLast();
                if (previous.upTo() != null && from.compareTo(previous.upTo()) < 0
                        || from.compareTo(previous.from()) <= 0) {
                    in.error(path + ".from", "error.reward.bands-overlap");
                }
            }
            if (name != null && from != null) {
                bands.add(new Band(name.strip(), from, upTo));
            }
        }
        return bands;
    }

    /**
     * Reads the approval matrix: 1 to 10 tiers, ascending by amount, only the last without a top,
     * each needing 1 to 9 approvers, never fewer than the tier below.
     */
    private static List<Approval> approvals(@Nullable Object value, Currency currency, Tree in) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > 10) {
            in.error("approvals", value == null ? "error.required" : "error.reward.approvals");
            return List.of();
        }
        var tiers = new ArrayList<Approval>();
        for (int i = 0; i < list.size(); i++) {
            var path = "approvals[" + i + "]";
            var tier = in.map(list.get(i), path);
            if (tier == null) {
                continue;
            }
            in.unknown(tier, Set.of("upTo", "approvers"), path + ".");
            var upTo = tier.get("upTo") == null ? null : in.money(tier.get("upTo"), path + ".upTo", currency);
            var approvers = tier.get("approvers") instanceof Integer count && count >= 1 && count <= 9 ? count : 0;
            if (approvers == 0) {
                in.error(path + ".approvers", "error.reward.approvers");
            }
            if (upTo == null && i < list.size() - 1) {
                in.error(path + ".upTo", "error.reward.open-band");
            }
            if (!tiers.isEmpty()) {
                var previous = tiers.getLast();
                if (upTo != null && previous.upTo() != null && upTo.compareTo(previous.upTo()) <= 0) {
                    in.error(path + ".upTo", "error.reward.bands-overlap");
                }
                if (approvers != 0 && approvers < previous.approvers()) {
                    in.error(path + ".approvers", "error.reward.approvers-order");
                }
            }
            tiers.add(new Approval(upTo, Math.max(approvers, 1)));
        }
        return tiers;
    }

    private static @Nullable Share share(@Nullable Object value, Currency currency, Tree in) {
        var share = in.map(value, "share");
        if (share == null) {
            return null;
        }
        in.unknown(share, Set.of("threshold", "minPercent", "maxPercent"), "share.");
        var threshold = in.money(share.get("threshold"), "share.threshold", currency);
        var min = in.percent(share.get("minPercent"), "share.minPercent", 1);
        var max = in.percent(share.get("maxPercent"), "share.maxPercent", 1);
        if (min > max) {
            in.error("share.maxPercent", "error.reward.percent-order");
        }
        return threshold == null ? null : new Share(threshold, min, max);
    }

    private static List<Criterion> criteria(@Nullable Object value, Tree in) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > 20) {
            in.error("eligibility", value == null ? "error.required" : "error.reward.eligibility");
            return List.of();
        }
        var criteria = new ArrayList<Criterion>();
        var codes = new LinkedHashSet<String>();
        for (int i = 0; i < list.size(); i++) {
            var path = "eligibility[" + i + "]";
            var item = in.map(list.get(i), path);
            if (item == null) {
                continue;
            }
            in.unknown(item, Set.of("code", "question"), path + ".");
            var code = in.text(item.get("code"), path + ".code", 40);
            var question = in.text(item.get("question"), path + ".question", 300);
            if (code != null && (!CODE.matcher(code).matches() || !codes.add(code))) {
                in.error(path + ".code", "error.policy.codes");
            }
            if (code != null && question != null) {
                criteria.add(new Criterion(code, question.strip()));
            }
        }
        return criteria;
    }

    /** Reads the parts of a written tree, collecting every error by its path. */
    private static final class Tree {

        private final Map<String, String> errors = new LinkedHashMap<>();

        void error(String field, String key) {
            errors.putIfAbsent(field, key);
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
        }

        void unknown(Map<?, ?> tree, Set<String> known, String prefix) {
            for (var key : tree.keySet()) {
                if (!(key instanceof String name) || !known.contains(name)) {
                    var shown = String.valueOf(key);
                    error(
                            prefix + (shown.length() > 40 ? shown.substring(0, 40) : shown),
                            "error.policy.unknown-field");
                }
            }
        }

        @Nullable
        Map<?, ?> map(@Nullable Object value, String field) {
            if (value instanceof Map<?, ?> tree) {
                return tree;
            }
            error(field, value == null ? "error.required" : "error.policy.not-a-map");
            return null;
        }

        @Nullable
        String text(@Nullable Object value, String field, int limit) {
            if (!(value instanceof String text) || text.isBlank()) {
                error(field, value == null || value instanceof String ? "error.required" : "error.policy.not-text");
                return null;
            }
            if (text.strip().length() > limit || text.codePoints().anyMatch(Character::isISOControl)) {
                error(field, "error.too-long");
                return null;
            }
            return text;
        }

        boolean bool(@Nullable Object value, String field) {
            if (value instanceof Boolean flag) {
                return flag;
            }
            error(field, value == null ? "error.required" : "error.policy.not-boolean");
            return false;
        }

        int percent(@Nullable Object value, String field, int least) {
            if (value instanceof Integer number && number >= least && number <= 100) {
                return number;
            }
            error(field, value == null ? "error.required" : "error.reward.percent");
            return 0;
        }

        @Nullable
        Money money(@Nullable Object value, String field, Currency currency) {
            var text = value instanceof String || value instanceof Number ? String.valueOf(value) : null;
            var parsed = text == null ? java.util.Optional.<Money>empty() : Money.parse(text, currency);
            if (parsed.isEmpty()) {
                error(field, value == null ? "error.required" : "error.reward.amount");
                return null;
            }
            return parsed.get();
        }

        <E extends Enum<E>> @Nullable E choice(@Nullable Object value, String field, Class<E> type) {
            if (value instanceof String text) {
                try {
                    return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    // named below
                }
            }
            error(field, value == null ? "error.required" : "error.reward.choice");
            return null;
        }

        @Nullable
        Period period(@Nullable Object value, String field, boolean required) {
            if (value == null) {
                if (required) {
                    error(field, "error.required");
                }
                return null;
            }
            var parsed = value instanceof String text ? Period.parse(text) : java.util.Optional.<Period>empty();
            if (parsed.isEmpty()) {
                error(field, "error.policy.period");
                return null;
            }
            return parsed.get();
        }

        List<String> codes(@Nullable Object value, String field) {
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list) || list.size() > 20) {
                error(field, "error.policy.codes");
                return List.of();
            }
            var codes = new LinkedHashSet<String>();
            for (var item : list) {
                if (!(item instanceof String code) || !CODE.matcher(code).matches()) {
                    error(field, "error.policy.codes");
                    return List.of();
                }
                codes.add(code);
            }
            return new ArrayList<>(codes);
        }

        /** Compares two periods by where they end from the same start in a plain weekday calendar. */
        static boolean longer(Period a, Period b) {
            var calendar = org.tipline.channels.WorkingCalendar.weekdays(java.time.ZoneOffset.UTC);
            var start = java.time.Instant.parse("2026-01-05T09:00:00Z");
            return a.after(start, calendar).isAfter(b.after(start, calendar));
        }
    }
}
