package io.dealstream.forecast.service;

import io.dealstream.forecast.model.CustomerDoc;
import io.dealstream.forecast.model.DealDoc;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A figure taken a page at a time by {@link ReadModel#fold}: each page of the deals a scope may see, with the customers
 * it asks for, then (when it reads accounts) each page of the accounts. It keeps its sums and items, not the pages, so
 * a company-wide figure needs the memory of one page whatever the size of the company.
 */
public interface PageFold {

    /** What a fold reads besides the deals. */
    enum Reads {
        /** The deals alone. */
        DEALS,
        /** The deals, then the accounts. */
        DEALS_THEN_ACCOUNTS,
        /** The deals with their customers (for the activities logged on them), then the accounts. */
        DEALS_WITH_CUSTOMERS_THEN_ACCOUNTS
    }

    /** What the fold reads besides the deals: by default nothing. */
    default Reads reads() {
        return Reads.DEALS;
    }

    /**
     * One page of deals; {@code customers} holds at least their customers when the fold reads
     * {@link Reads#DEALS_WITH_CUSTOMERS_THEN_ACCOUNTS}, and may be empty otherwise.
     */
    void deals(List<DealDoc> deals, Map<UUID, CustomerDoc> customers);

    /** One page of accounts: every account of the company for an unlimited scope, else those its staff touch. */
    default void accounts(Collection<CustomerDoc> customers) {
    }
}
