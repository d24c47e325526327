package io.dealstream.customer.domain;

/** What a departure leaves behind: accounts (customers) and open deals. */
public enum HandoverItemType { ACCOUNT, DEAL }
