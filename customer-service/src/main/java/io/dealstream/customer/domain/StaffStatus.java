package io.dealstream.customer.domain;

/** A staff member is ACTIVE from joining until their departure is recorded. */
public enum StaffStatus { ACTIVE, DEPARTED }
