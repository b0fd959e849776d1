package io.horizon.salesforce.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The describe answers (global, basic info, full describe) built from the store's metadata. */
final class Describe {

    private Describe() {
    }

    /** {@code GET sobjects/}: every object's summary. */
    static ObjectNode global(List<SObjectType> types, String version) {
        ObjectNode answer = HttpAnswer.JSON.createObjectNode().put("encoding", "UTF-8").put("maxBatchSize", 200);
        ArrayNode sobjects = answer.putArray("sobjects");
        types.forEach(type -> sobjects.add(summary(type, version)));
        return answer;
    }

    /** {@code GET sobjects/{type}/}: the summary and (always empty here) recent items. */
    static ObjectNode basicInfo(SObjectType type, String version) {
        ObjectNode answer = HttpAnswer.JSON.createObjectNode();
        answer.set("objectDescribe", summary(type, version));
        answer.putArray("recentItems");
        return answer;
    }

    /** {@code GET sobjects/{type}/describe/}: the summary, every field and the record types. */
    static ObjectNode full(SObjectType type, List<ObjectNode> recordTypes, String version) {
        ObjectNode answer = summary(type, version);
        ArrayNode fields = answer.putArray("fields");
        for (FieldDef def : type.fieldDefs()) {
            fields.add(field(def));
        }

        ArrayNode infos = answer.putArray("recordTypeInfos");
        boolean hasDefault = false;
        for (ObjectNode recordType : recordTypes) {
            boolean isDefault = recordType.path("DeveloperName").asText().equals(type.defaultRecordType());
            hasDefault |= isDefault;
            infos.add(recordTypeInfo(recordType.path("Name").asText(), recordType.path("DeveloperName").asText(),
                    recordType.get("Id").asText(), isDefault, false, recordType.path("IsActive").asBoolean(true)));
        }
        infos.add(recordTypeInfo("Master", "Master", OrgStore.MASTER_RECORD_TYPE_ID, !hasDefault, true, true));
        answer.putArray("childRelationships");
        return answer;
    }

    private static ObjectNode summary(SObjectType type, String version) {
        String base = "/services/data/v" + version + "/sobjects/" + type.name();
        boolean writable = !type.readOnly();
        ObjectNode summary = HttpAnswer.JSON.createObjectNode()
                .put("name", type.name())
                .put("label", type.label())
                .put("labelPlural", type.labelPlural())
                .put("keyPrefix", type.keyPrefix())
                .put("custom", type.custom())
                .put("customSetting", false)
                .put("createable", writable)
                .put("updateable", writable)
                .put("deletable", writable)
                .put("undeletable", writable)
                .put("mergeable", false)
                .put("queryable", true)
                .put("retrieveable", true)
                .put("searchable", writable)
                .put("layoutable", writable)
                .put("triggerable", writable)
                .put("replicateable", true)
                .put("deprecatedAndHidden", false);
        summary.putObject("urls")
                .put("sobject", base)
                .put("describe", base + "/describe")
                .put("rowTemplate", base + "/{ID}");
        return summary;
    }

    private static ObjectNode field(FieldDef def) {
        ObjectNode field = HttpAnswer.JSON.createObjectNode()
                .put("name", def.name())
                .put("label", def.label())
                .put("type", def.type())
                .put("length", def.length())
                .put("custom", def.custom())
                .put("nillable", def.nillable())
                .put("createable", def.createable())
                .put("updateable", def.updateable())
                .put("defaultedOnCreate", def.defaultedOnCreate())
                .put("calculated", !def.compound().isEmpty())
                .put("externalId", def.externalId())
                .put("unique", def.unique())
                .put("idLookup", def.idLookup())
                .put("filterable", true)
                .put("sortable", !"textarea".equals(def.type()));
        if ("double".equals(def.type()) || "currency".equals(def.type()) || "percent".equals(def.type())) {
            field.put("precision", 18).put("scale", 2);
        }
        ArrayNode referenceTo = field.putArray("referenceTo");
        def.referenceTo().forEach(referenceTo::add);
        field.put("relationshipName", def.relationshipName());
        ArrayNode picklist = field.putArray("picklistValues");
        for (String value : def.picklistValues()) {
            picklist.addObject()
                    .put("active", true)
                    .put("defaultValue", def.defaultValue() != null && value.equals(def.defaultValue().asText()))
                    .put("label", value)
                    .put("value", value);
        }
        if (def.defaultValue() != null) {
            field.set("defaultValue", def.defaultValue());
        } else {
            field.putNull("defaultValue");
        }
        return field;
    }

    private static ObjectNode recordTypeInfo(String name, String developerName, String id, boolean isDefault,
            boolean master, boolean active) {
        ObjectNode info = HttpAnswer.JSON.createObjectNode()
                .put("active", active)
                .put("available", active)
                .put("defaultRecordTypeMapping", isDefault)
                .put("developerName", developerName)
                .put("master", master)
                .put("name", name)
                .put("recordTypeId", id);
        info.putObject("urls").putNull("layout");
        return info;
    }
}
