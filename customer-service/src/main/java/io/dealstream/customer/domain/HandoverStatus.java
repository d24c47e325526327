package io.dealstream.customer.domain;

/** A handover is OPEN while any of its items is orphaned (has no new owner). */
public enum HandoverStatus { OPEN, COMPLETED }
