package io.dealstream.customer.domain;

/** A customer's business status; new customers are PROSPECTs unless registered otherwise. */
public enum CustomerStatus { PROSPECT, ACTIVE, DORMANT, LOST }
