package example.layering.low;

import example.layering.high.High;

/** A lower module that calls a higher one: what {@code LayeringTests} must catch. */
public class Low {

    public String callUp() {
        return new High().name();
    }
}
