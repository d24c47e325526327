package io.dealstream.deal.domain;

/** Where a deal stands: still being worked, or closed either way. */
public enum DealStatus { OPEN, WON, LOST }
