package io.dealstream.support.rest;

import java.util.List;

/** One page of a list: the items and the opaque cursor of the next page ({@code null} on the last). */
public record Page<T>(List<T> items, String nextCursor) {
}
