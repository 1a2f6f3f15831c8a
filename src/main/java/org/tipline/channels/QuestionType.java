package org.tipline.channels;

/** The kinds of question a questionnaire may ask. */
public enum QuestionType {
    /** One line of text, up to 1,000 characters. */
    SHORT_TEXT,
    /** Free text, up to 100,000 characters. */
    LONG_TEXT,
    /** One of the listed options. */
    SINGLE_CHOICE,
    /** Any of the listed options. */
    MULTIPLE_CHOICE,
    /** A calendar date (ISO 8601, yyyy-mm-dd). */
    DATE,
    /** Attached files. */
    FILES;

    /** Returns whether answers to this kind of question come from a fixed list. */
    public boolean hasOptions() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }
}
