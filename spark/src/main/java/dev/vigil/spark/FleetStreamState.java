package dev.vigil.spark;

import java.io.Serializable;

/**
 * What {@link FleetStream} keeps per asset in Spark's state store between micro-batches (a Java bean, so that Spark
 * stores it as columns): the checksum of the model that made the state, the model's window state (vigil-evaluation's
 * {@code WindowModel} state: a KPI-driven model's stream snapshot as JSON, a system-driven model's last rows of
 * history bit for bit), the newest timestamp taken in, and how many rows were skipped as late or duplicate so far.
 */
public final class FleetStreamState implements Serializable {
    private static final long serialVersionUID = 1L;
    private String model;
    private String state;
    private long lastTime;
    private long lateRows;
    private long duplicateRows;

    /** An empty state (for Spark's bean encoder). */
    public FleetStreamState() {
    }

    FleetStreamState(String model, String state, long lastTime, long lateRows, long duplicateRows) {
        this.model = model;
        this.state = state;
        this.lastTime = lastTime;
        this.lateRows = lateRows;
        this.duplicateRows = duplicateRows;
    }

    /** The checksum of the model the state belongs to ({@code sha256:…}, the model file's own). */
    public String getModel() {
        return model;
    }

    /** Sets the model's checksum. */
    public void setModel(String model) {
        this.model = model;
    }

    /** The model's window state, handed to its next window; {@code null} before the first. */
    public String getState() {
        return state;
    }

    /** Sets the window state. */
    public void setState(String state) {
        this.state = state;
    }

    /** The newest timestamp taken in, epoch milliseconds: rows at or before it are late. */
    public long getLastTime() {
        return lastTime;
    }

    /** Sets the newest timestamp taken in. */
    public void setLastTime(long lastTime) {
        this.lastTime = lastTime;
    }

    /** Rows skipped so far because their timestamp was at or before the newest one taken in by an earlier batch. */
    public long getLateRows() {
        return lateRows;
    }

    /** Sets the count of late rows. */
    public void setLateRows(long lateRows) {
        this.lateRows = lateRows;
    }

    /** Rows skipped so far because another row of the same batch had the same timestamp. */
    public long getDuplicateRows() {
        return duplicateRows;
    }

    /** Sets the count of duplicate rows. */
    public void setDuplicateRows(long duplicateRows) {
        this.duplicateRows = duplicateRows;
    }
}
