package dev.vigil.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** What a fleet's table holds: its value columns. */
final class Columns {
    private Columns() {
    }

    /** The numeric columns of {@code schema} but the time and asset columns, in the schema's order. */
    static List<String> numeric(StructType schema, String timeColumn, String assetColumn) {
        List<String> names = new ArrayList<>();
        for (StructField field : schema.fields()) {
            if (!field.name().equals(timeColumn) && !field.name().equals(assetColumn) && isNumeric(field.dataType())) {
                names.add(field.name());
            }
        }
        return names;
    }

    static boolean isNumeric(DataType type) {
        return type instanceof NumericType;
    }
}
