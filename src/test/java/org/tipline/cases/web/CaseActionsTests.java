package org.tipline.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tipline.cases.Case;
import org.tipline.cases.CaseCommand;
import org.tipline.cases.CaseId;
import org.tipline.cases.CaseState;
import org.tipline.cases.Deadline;
import org.tipline.cases.Outcome;
import org.tipline.cases.PolicyRef;
import org.tipline.cases.RetaliationRisk;
import org.tipline.channels.ChannelId;
import org.tipline.channels.PolicyProfileId;
import org.tipline.channels.PolicyRules;
import org.tipline.mailbox.Notice;
import org.tipline.reports.ReportId;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;

/** The case actions pages and the API offer: each reads into its command, is offered where it applies, and has its texts. */
class CaseActionsTests {

    private static final CaseActions.Fields ALL =
            new CaseActions.Fields(1L, "m", "out-of-scope", "j", "medium", "duplicate", "The regulator");

    @Test
    void everyActionReadsIntoADistinctCommand() {
        var kinds = new HashSet<Class<?>>();
        for (var name : CaseActions.NAMES) {
            kinds.add(CaseActions.command(name, ALL).getClass());
        }
        assertThat(kinds).hasSameSizeAs(CaseActions.NAMES);
        assertThat(kinds).hasSize(CaseCommand.class.getPermittedSubclasses().length);
        assertThat(CaseActions.command("conclude", ALL)).isEqualTo(new CaseCommand.Conclude(Outcome.DUPLICATE, "m"));
        assertThat(CaseActions.command("assess-risk", ALL))
                .isEqualTo(new CaseCommand.AssessRisk(RetaliationRisk.MEDIUM));
        assertThatThrownBy(() -> CaseActions.command("delete", ALL)).isInstanceOf(NoSuchElementException.class);
        var none = new CaseActions.Fields(null, null, null, null, null, null, null);
        assertThatThrownBy(() -> CaseActions.command("assess-risk", none)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> CaseActions.command(
                        "conclude", new CaseActions.Fields(null, "m", null, null, null, "SUBSTANTIATED'--", null)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.fieldErrors()).containsEntry("outcome", "error.case.choice"));
    }

    @Test
    void eachStateOffersWhatItAllowsAndExtensionOnlyWhereThePolicyHasOne() {
        var internal = PolicyRules.euInternal();
        var external = PolicyRules.euExternal();
        var open =
                List.of(deadline(Deadline.Kind.ACKNOWLEDGEMENT, Deadline.Status.OPEN), deadline(Deadline.Status.OPEN));
        assertThat(CaseActions.available(in(CaseState.RECEIVED), internal, open))
                .containsExactly("acknowledge", "waive-acknowledgement");
        // an acknowledgement deadline that has passed (it reads as BREACHED) can no longer be waived
        assertThat(CaseActions.available(
                        in(CaseState.RECEIVED),
                        internal,
                        List.of(
                                deadline(Deadline.Kind.ACKNOWLEDGEMENT, Deadline.Status.BREACHED),
                                deadline(Deadline.Status.OPEN))))
                .containsExactly("acknowledge");
        assertThat(CaseActions.available(in(CaseState.RECEIVED), external, open))
                .containsExactly("acknowledge", "waive-acknowledgement", "extend-feedback");
        assertThat(CaseActions.available(in(CaseState.TRIAGE), internal, open))
                .containsExactly("assess-risk", "investigate", "refer", "close", "give-feedback");
        assertThat(CaseActions.available(
                        in(CaseState.ADDRESSING),
                        external,
                        List.of(deadline(Deadline.Status.EXTENDED), deadline(Deadline.Status.OPEN))))
                .containsExactly("conclude", "assess-risk", "give-feedback");
        assertThat(CaseActions.available(in(CaseState.CONCLUDED), external, open))
                .containsExactly("archive");
        assertThat(CaseActions.available(in(CaseState.ARCHIVED), external, open))
                .isEmpty();
        for (var state : CaseState.values()) {
            assertThat(CaseActions.NAMES).containsAll(CaseActions.available(in(state), external, open));
        }
    }

    @Test
    void everyActionChoiceAndNoticeHasItsTexts() throws IOException {
        for (var file : List.of("messages.properties", "messages_zh_CN.properties")) {
            var texts = load(file);
            for (var name : CaseActions.NAMES) {
                assertThat(texts)
                        .containsKeys("case.action." + name, "case.action." + name + ".explain", "case.done." + name);
            }
            for (var outcome : Outcome.values()) {
                assertThat(texts).containsKey("case.outcome." + outcome);
            }
            for (var risk : RetaliationRisk.values()) {
                assertThat(texts).containsKey("case.risk." + risk);
            }
            for (var kind : Deadline.Kind.values()) {
                assertThat(texts).containsKey("case.deadline." + kind);
            }
            for (var status : Deadline.Status.values()) {
                assertThat(texts).containsKey("case.deadline.status." + status);
            }
            for (var code : PolicyRules.euExternal().closingReasons()) {
                assertThat(texts).containsKey("policy.reason." + code);
            }
            for (var code : PolicyRules.euExternal().waiverReasons()) {
                assertThat(texts).containsKey("policy.reason." + code);
            }
        }
        for (var file : List.of("messages.properties", "messages_zh_CN.properties", "messages_ar.properties")) {
            var texts = load(file);
            for (var notice : Notice.values()) {
                assertThat(texts).as(file).containsKey("notice." + notice);
            }
        }
    }

    private static Properties load(String name) throws IOException {
        var properties = new Properties();
        try (var in = CaseActionsTests.class.getResourceAsStream("/i18n/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static Deadline deadline(Deadline.Status status) {
        return deadline(Deadline.Kind.FEEDBACK, status);
    }

    private static Deadline deadline(Deadline.Kind kind, Deadline.Status status) {
        return new Deadline(
                UUID.randomUUID(),
                new CaseId(UUID.randomUUID()),
                kind,
                Instant.EPOCH,
                "3 months",
                status,
                null,
                null,
                null,
                Instant.EPOCH);
    }

    private static Case in(CaseState state) {
        return new Case(
                new CaseId(UUID.randomUUID()),
                OrganizationId.random(),
                ReportId.random(),
                new ChannelId(UUID.randomUUID()),
                "C-00000000",
                state,
                Instant.EPOCH,
                new PolicyRef(PolicyProfileId.random(), 1),
                null,
                null,
                null,
                null,
                null,
                null,
                0);
    }
}
