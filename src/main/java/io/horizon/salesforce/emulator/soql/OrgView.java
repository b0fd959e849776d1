package io.horizon.salesforce.emulator.soql;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the SOQL engine reads of an org: object metadata and the stored records. The emulator's store implements it;
 * the engine never changes what it is given.
 */
public interface OrgView {

    /** The object with this API name, matched case-insensitively, or null when the org has no such object. */
    ObjectMeta object(String name);

    /** The object type of the record with this 18-character id, or null when no record has it. */
    String typeOf(String id18);

    /** The record with this 18-character id, deleted or not, or null. */
    ObjectNode record(String id18);
}
