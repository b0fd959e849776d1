package io.horizon.salesforce;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson mapper of the bundle. Thread-safe once built. */
public final class Json {

    /** Writes characters outside the Basic Multilingual Plane as UTF-8, not as escaped surrogate pairs. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private Json() {
    }
}
