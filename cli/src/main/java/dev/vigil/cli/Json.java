package dev.vigil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON output of the command line. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** Pretty-printed JSON of a tree of maps, lists, strings and numbers. */
    static String pretty(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value);
    }
}
