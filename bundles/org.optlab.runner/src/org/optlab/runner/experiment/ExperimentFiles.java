package org.optlab.runner.experiment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reading an experiment (or sweep) file strictly: a regular file of at most {@value #MAX_BYTES} bytes, UTF-8 (a byte
 * order mark is accepted), holding exactly one JSON object nested at most {@value #MAX_NESTING} deep. Every problem is
 * an {@link ExperimentException} whose message says where (byte offset, line and column) and what, in words rather
 * than the JSON library's.
 */
public final class ExperimentFiles {

    /** The largest experiment file read. */
    public static final int MAX_BYTES = 16 << 20;
    /** The deepest nesting of JSON arrays and objects. */
    public static final int MAX_NESTING = 200;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                .build());
    }

    private ExperimentFiles() {
    }

    /** The JSON object of {@code file}. */
    public static JsonNode read(Path file) {
        if (!Files.exists(file)) {
            throw new ExperimentException("", "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ExperimentException("", "not a regular file; expected a .json file");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ExperimentException("", Files.size(file) + " bytes is too large; expected at most "
                        + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ExperimentException("", "no such file");
        } catch (IOException e) {
            throw new ExperimentException("", "cannot read: " + e.getMessage());
        }
        return parse(decode(bytes));
    }

    /** UTF-8 text without its byte order mark. */
    static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new ExperimentException("", String.format("not UTF-8 text: byte 0x%02X at byte offset %d; expected a "
                    + "file saved as UTF-8", bytes[in.position()] & 0xff, in.position()));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The one JSON object of {@code text}. */
    public static JsonNode parse(String text) {
        JsonNode root;
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            root = JSON.readTree(parser);
            if (root != null && !root.isMissingNode() && parser.nextToken() != null) {
                var at = parser.currentTokenLocation();
                throw new ExperimentException("", "more after the JSON object, at line " + at.getLineNr() + ", column "
                        + at.getColumnNr() + "; expected the file to end after it");
            }
        } catch (StreamConstraintsException e) {
            throw new ExperimentException("", "nested more than " + MAX_NESTING + " deep" + where(e)
                    + "; expected a flatter file");
        } catch (JsonProcessingException e) {
            throw new ExperimentException("", "invalid JSON" + where(e) + ": " + plain(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ExperimentException("", "cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new ExperimentException("", "the file is empty; expected one JSON object");
        }
        if (!root.isObject()) {
            throw new ExperimentException("", "the file holds " + kind(root) + "; expected one JSON object");
        }
        return root;
    }

    private static String where(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The JSON library's message without its internals: character codes, source descriptions, line breaks. */
    static String plain(String message) {
        String text = message == null ? "" : message.lines().findFirst().orElse("");
        text = text.replaceAll(" \\(code -?\\d+\\)", "").replaceAll("\\s*\\(start marker at \\[Source.*$", "")
                .replaceAll("\\s*at \\[Source.*$", "").replaceAll("\\s*\\(for [^)]*\\)", "")
                .replaceAll("\\s*\\([^()]*`[^`]*`[^()]*\\)", "").replaceAll("`[^`]*`", "").replaceAll("\\bJsonToken\\.", "")
                .strip();
        return text.isEmpty() ? "not valid JSON" : text;
    }

    /** What a JSON value is, in words. */
    public static String kind(JsonNode node) {
        return node.isObject() ? "an object" : node.isArray() ? "a list" : node.isTextual() ? "a string"
                : node.isBoolean() ? "a boolean" : node.isNumber() ? "a number" : node.isNull() ? "null" : "a value";
    }
}
