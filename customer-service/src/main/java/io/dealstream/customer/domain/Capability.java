package io.dealstream.customer.domain;

import java.util.List;
import java.util.Objects;

/** What a staff member can do: sell, or fill a stage role of the deal process. */
public enum Capability {
    SALES_REP, SALES_MANAGER, PRESALES_ENGINEER, CONSULTANT, EXECUTIVE, COMMERCIAL, FINANCE, LEGAL, IMPLEMENTATION;

    /** One canonical form of a capability list (each once, in declaration order): equal sets give equal events. */
    public static List<Capability> canonical(List<Capability> capabilities) {
        return capabilities == null ? List.of()
                : capabilities.stream().filter(Objects::nonNull).distinct().sorted().toList();
    }
}
