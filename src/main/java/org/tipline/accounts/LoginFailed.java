package org.tipline.accounts;

/** A login that did not succeed; deliberately does not say which part was wrong. */
public final class LoginFailed extends RuntimeException {

    private final boolean throttled;

    LoginFailed(boolean throttled) {
        super(throttled ? "Too many attempts" : "Login failed");
        this.throttled = throttled;
    }

    /** Returns true when the attempt was refused because there were too many. */
    public boolean throttled() {
        return throttled;
    }
}
