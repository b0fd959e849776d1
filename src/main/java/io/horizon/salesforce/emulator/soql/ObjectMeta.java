package io.horizon.salesforce.emulator.soql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Metadata and records of one object type, as the SOQL engine sees them. */
public interface ObjectMeta {

    /** The canonical API name, for example {@code Account} or {@code Project__c}. */
    String name();

    /**
     * The canonical API name of a field given in any case, or null when the object has no such field. The SOQL engine
     * accepts {@code Id} and {@code IsDeleted} on every object even when this returns null for them.
     */
    String field(String name);

    /**
     * The Salesforce type of a field given by its canonical name: {@code id}, {@code string}, {@code textarea},
     * {@code email}, {@code phone}, {@code url}, {@code picklist}, {@code boolean}, {@code int}, {@code double},
     * {@code currency}, {@code percent}, {@code date}, {@code datetime} or {@code reference}. The engine reads null
     * or any other value as a text type.
     */
    String fieldType(String canonicalField);

    /**
     * The reference field behind a parent relationship name given in any case ({@code Account} gives
     * {@code AccountId}, {@code Project__r} gives {@code Project__c}), or null when there is no such relationship.
     */
    String relationshipField(String relationshipName);

    /** The canonical relationship name of a reference field ({@code AccountId} gives {@code Account}). */
    String relationshipName(String referenceField);

    /**
     * The records in insertion order, each holding {@code Id}, {@code IsDeleted} and its field values under canonical
     * names; deleted ones only when {@code includeDeleted}.
     */
    List<ObjectNode> records(boolean includeDeleted);
}
