package org.tipline.rewards;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

/**
 * An amount of money: whole minor units (cents, fen) of one currency, never a floating-point number.
 *
 * @param minor the amount in the currency's minor units; never negative
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {

    public Money {
        if (minor < 0) {
            throw new IllegalArgumentException("An amount is never negative");
        }
    }

    /**
     * Reads an amount written in major units ({@code 100000}, {@code 1250.50}) in {@code currency};
     * empty when it is not a plain non-negative number with at most the currency's decimals.
     */
    public static Optional<Money> parse(String text, Currency currency) {
        var written = text.strip().replace("_", "");
        if (!written.matches("[0-9]{1,15}(\\.[0-9]{1,4})?")) {
            return Optional.empty();
        }
        var digits = Math.max(0, currency.getDefaultFractionDigits());
        var amount = new BigDecimal(written);
        if (amount.scale() > digits) {
            return Optional.empty();
        }
        return Optional.of(new Money(amount.movePointRight(digits).longValueExact(), currency));
    }

    /** Returns whether {@code other} is in the same currency. */
    public boolean sameCurrency(Money other) {
        return currency.equals(other.currency);
    }

    @Override
    public int compareTo(Money other) {
        if (!sameCurrency(other)) {
            throw new IllegalArgumentException("Amounts in " + currency + " and " + other.currency + " do not compare");
        }
        return Long.compare(minor, other.minor);
    }

    /** Returns the amount in major units as written in a policy ({@code 100000}, {@code 1250.5}). */
    public String major() {
        var digits = Math.max(0, currency.getDefaultFractionDigits());
        return BigDecimal.valueOf(minor, digits).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return major() + " " + currency.getCurrencyCode();
    }
}
