package dev.vigil.io.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the head of a CSV file to learn its shape before Tablesaw reads it all: the separator, the
 * header and a sample of records with their line numbers. Quotes are honoured ({@code "a,b"} is one
 * field; {@code ""} inside quotes is a quote).
 */
final class CsvSniffer {
    static final int SAMPLE_RECORDS = 200;

    /** A sampled record and the line it starts on (the header is line 1). */
    record Record(int line, List<String> fields) {
    }

    /** What the head of the file shows. */
    record Head(char separator, List<String> header, List<Record> sample) {
    }

    private CsvSniffer() {
    }

    /**
     * Reads the header and up to {@link #SAMPLE_RECORDS} records. Returns {@code null} for a file
     * without any non-blank line.
     */
    static Head sniff(BufferedReader in) throws IOException {
        Lines lines = new Lines(in);
        String headerLine = lines.next();
        if (headerLine == null) {
            return null;
        }
        if (lines.start() == 1 && !headerLine.isEmpty() && headerLine.charAt(0) == '\uFEFF') {
            headerLine = headerLine.substring(1);
        }
        char sep = detectSeparator(headerLine);
        List<String> header = split(headerLine, sep);
        List<Record> sample = new ArrayList<>();
        String next;
        while (sample.size() < SAMPLE_RECORDS && (next = lines.next()) != null) {
            sample.add(new Record((int) lines.start(), split(next, sep)));
        }
        return new Head(sep, header, sample);
    }

    /**
     * The physical line (1-based, as {@code grep -n} counts) on which the {@code n}-th data record
     * starts, counting records as Tablesaw does from 1 after the header: blank lines and comment lines
     * ({@code #}) are not records, and a quoted field may span lines. {@code -1} past the end.
     */
    static long lineOfRecord(BufferedReader in, long n) throws IOException {
        Lines lines = new Lines(in);
        long seen = -1; // the header is record 0
        while (lines.next() != null) {
            if (lines.comment()) {
                continue;
            }
            if (++seen == n) {
                return lines.start();
            }
        }
        return -1;
    }

    /**
     * The records of a file one at a time, each the text from a non-blank line through the line that
     * closes its last quote, and the physical line it starts on. Blank lines are skipped.
     */
    private static final class Lines {
        private final BufferedReader in;
        private long line;
        private long start;
        private boolean comment;

        Lines(BufferedReader in) {
            this.in = in;
        }

        /** The next record's text, or {@code null} at the end of the file. */
        String next() throws IOException {
            String first;
            do {
                first = in.readLine();
                line++;
                if (first == null) {
                    return null;
                }
            } while (first.isBlank());
            start = line;
            comment = first.charAt(0) == '#';
            if (comment) {
                return first;
            }
            StringBuilder record = new StringBuilder(first);
            while (unbalancedQuotes(record)) {
                String more = in.readLine();
                if (more == null) {
                    break;
                }
                line++;
                record.append('\n').append(more);
            }
            return record.toString();
        }

        /** The line the last record starts on. */
        long start() {
            return start;
        }

        /** Whether the last record is a comment line, which Tablesaw skips. */
        boolean comment() {
            return comment;
        }
    }

    /** The separator occurring most often outside quotes in the header: ',', ';' or tab; ',' if none. */
    static char detectSeparator(String header) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return ',';
    }

    /** Splits one record into fields, removing surrounding quotes and un-doubling inner quotes. */
    static List<String> split(String record, char sep) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == sep) {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        return fields;
    }

    private static boolean unbalancedQuotes(CharSequence s) {
        int quotes = 0;
        for (int i = 0; i < s.length(); i++) {
            quotes += s.charAt(i) == '"' ? 1 : 0;
        }
        return quotes % 2 == 1;
    }
}
