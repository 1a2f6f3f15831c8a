package example.layering.high;

/** A higher module. */
public class High {

    public String name() {
        return "high";
    }
}
