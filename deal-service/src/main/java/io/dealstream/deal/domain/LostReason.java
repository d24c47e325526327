package io.dealstream.deal.domain;

/** Why a deal was lost. LOST_TO_COMPETITOR needs the competitor's name, OTHER a note. */
public enum LostReason { NO_BUDGET, NO_DECISION, LOST_TO_COMPETITOR, NO_INTENT, OWNER_LEFT, OTHER }
