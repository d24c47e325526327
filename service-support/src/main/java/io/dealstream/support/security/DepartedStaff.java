package io.dealstream.support.security;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** A service's knowledge of who has departed; a departed person's tokens are refused by {@link DepartedStaffFilter}. */
public interface DepartedStaff {

    /** Must not need a Hibernate session: it is asked from a request filter on any thread. */
    Uni<Boolean> departed(UUID staffId);
}
