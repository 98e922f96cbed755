package dev.vigil.spi.settings;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * Which rows a job uses, TIM's {@code data.rows}: all rows, the first or last {@code N} units
 * ({@code {type: First, baseUnit: Sample, value: 9392}}), or a list of inclusive {@code {from, to}}
 * ranges. Selecting rows never removes the rows before them from the data: they still warm up lags
 * and windows.
 */
public sealed interface RowSelection permits RowSelection.All, RowSelection.Count, RowSelection.Ranges {

    /** Every row. */
    static RowSelection all() {
        return All.INSTANCE;
    }

    /** The first {@code value} units. */
    static RowSelection first(long value, RowUnit unit) {
        return new Count(Side.First, unit, value);
    }

    /** The last {@code value} units. */
    static RowSelection last(long value, RowUnit unit) {
        return new Count(Side.Last, unit, value);
    }

    /** Rows inside any of the ranges. */
    static RowSelection ranges(List<TimeRange> ranges) {
        return new Ranges(ranges);
    }

    /** Every row. */
    enum All implements RowSelection {
        INSTANCE
    }

    /** Which end a {@link Count} counts from. */
    enum Side {
        First,
        Last
    }

    /**
     * The first or last {@code value} units of the data: samples, or a span of time measured from
     * the first (last) timestamp.
     *
     * @param side first or last
     * @param unit samples or a time unit
     * @param value how many, at least 1
     */
    record Count(Side side, RowUnit unit, long value) implements RowSelection {
        public Count {
            requireNonNull(side, "side is null");
            requireNonNull(unit, "unit is null");
            Problems p = new Problems();
            p.atLeast("rows.value", value, 1);
            p.throwIfAny("rows");
        }
    }

    /**
     * Rows whose timestamp lies in any of the ranges.
     *
     * @param ranges at least one range
     */
    record Ranges(List<TimeRange> ranges) implements RowSelection {
        public Ranges {
            ranges = List.copyOf(requireNonNull(ranges, "ranges is null"));
            Problems p = new Problems();
            p.require(!ranges.isEmpty(), "rows must list at least one {from, to} range");
            p.throwIfAny("rows");
        }
    }

    /**
     * An inclusive time range.
     *
     * @param from first instant included
     * @param to last instant included, not before {@code from}
     */
    record TimeRange(Instant from, Instant to) {
        public TimeRange {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            Problems p = new Problems();
            p.require(!to.isBefore(from), "range 'to' (" + to + ") is before 'from' (" + from + ")");
            p.throwIfAny("rows range");
        }
    }
}
