package org.tipline.rewards;

import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tipline.cases.OverviewSection;
import org.tipline.rewards.internal.RewardStore;
import org.tipline.shared.StaffPrincipal;

/**
 * Puts reward statistics on the supervisor overview: how many rewards stand in each state (drawn as
 * bars), and the ledger's amounts by year and currency — proposed, approved, paid, recovered.
 */
@Component
@Order(10)
class RewardOverview implements OverviewSection {

    private final RewardStore store;
    private final MessageSource messages;

    RewardOverview(RewardStore store, MessageSource messages) {
        this.store = store;
        this.messages = messages;
    }

    @Override
    public Optional<Table> table(StaffPrincipal supervisor) {
        var byState = store.countByState(supervisor.organization());
        if (byState.isEmpty()) {
            return Optional.empty();
        }
        var locale = LocaleContextHolder.getLocale();
        var labels = new ArrayList<String>();
        var values = new ArrayList<Long>();
        byState.forEach((state, count) -> {
            labels.add(messages.getMessage("reward.state." + state, null, locale));
            values.add(count);
        });
        record Key(int year, String currency) {}
        var amounts = new LinkedHashMap<Key, Map<String, Long>>();
        for (var total : store.totals(supervisor.organization())) {
            amounts.computeIfAbsent(new Key(total.year(), total.currency()), key -> new LinkedHashMap<>())
                    .merge(total.kind(), total.minor(), Long::sum);
        }
        var rows = new ArrayList<List<String>>();
        amounts.forEach((key, kinds) -> {
            var currency = Currency.getInstance(key.currency());
            var row = new ArrayList<String>(List.of(Integer.toString(key.year()), key.currency()));
            for (var kind : List.of("PROPOSED", "APPROVED", "PAID", "RECOVERED")) {
                row.add(new Money(kinds.getOrDefault(kind, 0L), currency).major());
            }
            rows.add(row);
        });
        return Optional.of(new Table(
                "reward-statistics",
                "rewards.statistics",
                List.of(
                        "rewards.year",
                        "rewards.currency",
                        "rewards.proposed",
                        "rewards.approved",
                        "rewards.paid",
                        "rewards.recovered"),
                rows,
                new Chart("rewards.by-state", labels, values)));
    }
}
