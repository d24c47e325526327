package io.dealstream.customer.domain;

/** A contact's role in the customer's buying committee. */
public enum BuyingRole { DECISION_MAKER, ECONOMIC_BUYER, TECHNICAL_EVALUATOR, PURCHASER, USER, INFLUENCER, GATEKEEPER }
