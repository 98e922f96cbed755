package dev.vigil.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.spi.ErrorCode;
import dev.vigil.spi.VigilException;
import java.util.Map;

/** JSON text of the store's columns and the results' lines (Jackson). Stateless. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorCode.INTERNAL, "Cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> readMap(String text, String what) {
        try {
            return MAPPER.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new VigilException(ErrorCode.BAD_MODEL, what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
