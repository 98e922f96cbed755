package dev.vigil.core.quality;

/** The outcome of one data-quality check, in Lookout's words. */
public enum Status {
    /** The check found something a person should look at. */
    POTENTIAL_ISSUE_DETECTED,
    /** The check found nothing. */
    NO_ISSUE_DETECTED;

    static Status of(boolean issue) {
        return issue ? POTENTIAL_ISSUE_DETECTED : NO_ISSUE_DETECTED;
    }
}
