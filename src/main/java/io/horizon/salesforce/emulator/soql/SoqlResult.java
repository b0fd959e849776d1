package io.horizon.salesforce.emulator.soql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The rows a query selects, after WHERE, ORDER BY, OFFSET and LIMIT, ready to be paged. Each row carries
 * {@code attributes} ({@code type}, {@code url}) and the selected fields; a parent path such as {@code Account.Name}
 * appears as a nested object with its own {@code attributes}, or null when the reference is empty. For
 * {@code SELECT COUNT() ...} the rows are empty and {@code totalSize} is the count.
 */
public record SoqlResult(int totalSize, List<ObjectNode> rows) {
}
