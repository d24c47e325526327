package io.dealstream.customer.domain;

/** The kinds of follow-up that can be logged against a customer (and optionally a deal). */
public enum ActivityType { CALL, VISIT, MEETING, EMAIL, DEMO }
