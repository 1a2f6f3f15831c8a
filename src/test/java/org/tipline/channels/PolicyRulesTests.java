package org.tipline.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tipline.shared.InvalidInput;

/** Policy rules: periods, working days, the deadlines they give, and their YAML form with errors by field. */
class PolicyRulesTests {

    private static final WorkingCalendar UTC = WorkingCalendar.weekdays(ZoneOffset.UTC);
    private static final Instant MONDAY_TEN = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void periodsReadAsTheLawWritesThem() {
        assertThat(Period.parse("7 days")).contains(new Period(7, Period.Unit.DAYS));
        assertThat(Period.parse(" 10 Working Days ")).contains(new Period(10, Period.Unit.WORKING_DAYS));
        assertThat(Period.parse("1 month")).contains(new Period(1, Period.Unit.MONTHS));
        assertThat(Period.parse("0 days")).isEmpty();
        assertThat(Period.parse("121 months")).isEmpty();
        assertThat(Period.parse("-3 days")).isEmpty();
        assertThat(Period.parse("7 weeks")).isEmpty();
        assertThat(Period.parse("seven days")).isEmpty();
        assertThat(new Period(3, Period.Unit.MONTHS).toString()).isEqualTo("3 months");
    }

    @Test
    void calendarDaysAndMonthsKeepTheTimeOfDayInTheOrganisationsZone() {
        assertThat(new Period(7, Period.Unit.DAYS).after(MONDAY_TEN, UTC)).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(new Period(3, Period.Unit.MONTHS).after(MONDAY_TEN, UTC)).isEqualTo("2027-02-28T10:00:00Z");
        // across a change to summer time a day stays a calendar day in Brussels
        var brussels = WorkingCalendar.weekdays(ZoneId.of("Europe/Brussels"));
        assertThat(new Period(7, Period.Unit.DAYS).after(Instant.parse("2027-03-24T09:00:00Z"), brussels))
                .isEqualTo("2027-03-31T08:00:00Z");
    }

    @Test
    void workingDaysSkipWeekendsAndHolidays() {
        var friday = Instant.parse("2026-12-18T15:00:00Z");
        assertThat(new Period(1, Period.Unit.WORKING_DAYS).after(friday, UTC)).isEqualTo("2026-12-21T15:00:00Z");
        var christmas = new WorkingCalendar(
                ZoneOffset.UTC,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                Set.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25")));
        // Fri 18 → Mon 21, Tue 22, Wed 23, (24, 25 holidays, weekend), Mon 28
        assertThat(new Period(4, Period.Unit.WORKING_DAYS).after(friday, christmas))
                .isEqualTo("2026-12-28T15:00:00Z");
        assertThat(new Period(4, Period.Unit.WORKING_DAYS).before(Instant.parse("2026-12-28T15:00:00Z"), christmas))
                .isEqualTo(friday);
        var sixDays = new WorkingCalendar(ZoneOffset.UTC, EnumSet.complementOf(EnumSet.of(DayOfWeek.SUNDAY)), Set.of());
        assertThat(new Period(1, Period.Unit.WORKING_DAYS).after(friday, sixDays))
                .isEqualTo("2026-12-19T15:00:00Z");
    }

    @Test
    void feedbackIsDueThreeMonthsAfterTheAcknowledgementOrAfterTheAcknowledgementPeriod() {
        var rules = PolicyRules.euInternal();
        assertThat(rules.acknowledgeBy(MONDAY_TEN, UTC)).isEqualTo("2026-12-07T10:00:00Z");
        // scenario 2: no acknowledgement sent, the feedback clock starts at receipt + 7 days
        assertThat(rules.feedbackBy(MONDAY_TEN, null, UTC)).isEqualTo("2027-03-07T10:00:00Z");
        // sent on day 2: three months from then
        assertThat(rules.feedbackBy(MONDAY_TEN, Instant.parse("2026-12-02T08:00:00Z"), UTC))
                .isEqualTo("2027-03-02T08:00:00Z");
        // sent late: a late acknowledgement buys no time
        assertThat(rules.feedbackBy(MONDAY_TEN, Instant.parse("2026-12-20T08:00:00Z"), UTC))
                .isEqualTo("2027-03-07T10:00:00Z");
        assertThat(rules.extendedFeedbackBy(MONDAY_TEN, null, UTC)).isEmpty();
        assertThat(PolicyRules.euExternal().extendedFeedbackBy(MONDAY_TEN, null, UTC))
                .contains(Instant.parse("2027-06-07T10:00:00Z"));
    }

    @Test
    void aProfileSurvivesItsYamlUnchanged() {
        for (var rules : new PolicyRules[] {PolicyRules.euInternal(), PolicyRules.euExternal()}) {
            var profile = new PolicyProfile(PolicyProfileId.random(), null, "Mine", null, 1, rules);
            var yaml = PolicyProfiles.yaml(profile);
            assertThat(yaml).contains("name: Mine").contains("within: 7 days");
            var read = PolicyRules.read(PolicyProfiles.parse(yaml));
            assertThat(read.name()).isEqualTo("Mine");
            assertThat(read.rules()).isEqualTo(rules);
        }
    }

    @Test
    void yamlThatBreaksARuleIsRefusedByField() {
        var yaml = """
                name: Broken
                acknowledgement:
                  within: 7 weeks
                  waivable: yes please
                  waiverReasons: []
                feedback:
                  within: 3 months
                  extendableTo: 2 months
                reminder: 30 days
                workingDays: [MONDAY, FUNDAY]
                closingReasons: [Out Of Scope]
                colour: blue
                """;
        assertThatThrownBy(() -> PolicyRules.read(PolicyProfiles.parse(yaml)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.fieldErrors())
                                .containsEntry("acknowledgement.within", "error.policy.period")
                                .containsEntry("acknowledgement.waivable", "error.policy.not-boolean")
                                .containsEntry("feedback.extendableTo", "error.policy.extension-shorter")
                                .containsEntry("workingDays", "error.policy.days")
                                .containsEntry("closingReasons", "error.policy.codes")
                                .containsEntry("colour", "error.policy.unknown-field")
                                .doesNotContainKey("feedback.within"));
        assertThatThrownBy(() -> PolicyRules.read(PolicyProfiles.parse("""
                        name: Waivable without reasons
                        acknowledgement: {within: 7 days, waivable: true, waiverReasons: []}
                        feedback: {within: 3 months}
                        reminder: 8 days
                        workingDays: [MONDAY]
                        closingReasons: [out-of-scope]
                        """)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.fieldErrors()).containsOnlyKeys("acknowledgement.waiverReasons", "reminder"));
        assertThatThrownBy(() -> PolicyRules.read(PolicyProfiles.parse("- just\n- a list\n")))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("policy"));
    }

    @Test
    void yamlThatDoesNotParseOrTriesTricksIsRefused() {
        for (var text : new String[] {
            "name: [unclosed",
            "name: a\nname: b\n",
            "name: !!java.net.URL [\"http://localhost/\"]\n",
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                    + "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
            "",
            "x".repeat(PolicyProfiles.YAML_LIMIT + 1)
        }) {
            assertThatThrownBy(() -> PolicyRules.read(PolicyProfiles.parse(text)))
                    .as(text.length() > 60 ? text.substring(0, 60) : text)
                    .isInstanceOfSatisfying(
                            InvalidInput.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("yaml"));
        }
    }
}
