package io.dealstream.forecast.projection;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.base.GeneratorBase;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Jackson generator that writes one BSON document as bytes, straight from what the databind serializers write: no
 * token buffer, no BSON writer state machine in between (the two were most of a rebuild's writing). The types are the
 * ones {@link DocCodec} has always stored: strings; whole numbers as 32-bit where they fit, else 64-bit (beyond 64 bits
 * is an error); other numbers as doubles; booleans; nulls; documents and arrays; byte arrays as binary (generic
 * subtype). The top level must be an object. Raw values and binary streams have no BSON here and are refused.
 */
final class BsonGenerator extends GeneratorBase {

    private static final byte DOUBLE = 0x01;
    private static final byte STRING = 0x02;
    private static final byte DOCUMENT = 0x03;
    private static final byte ARRAY = 0x04;
    private static final byte BINARY = 0x05;
    private static final byte BOOLEAN = 0x08;
    private static final byte NULL = 0x0A;
    private static final byte INT32 = 0x10;
    private static final byte INT64 = 0x12;
    /** Array element names "0", "1", ... as BSON cstrings, for the indexes a timeline usually has. */
    private static final byte[][] INDEXES = new byte[256][];

    static {
        for (int i = 0; i < INDEXES.length; i++) {
            INDEXES[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private byte[] out = new byte[16 * 1024];
    private int size;
    /** Per open document or array: where its length goes, and (arrays) the next element's index (else -1). */
    private int[] starts = new int[16];
    private int[] indexes = new int[16];
    private int depth;
    /** The name of the next value in a document (set by writeFieldName). */
    private String name;

    BsonGenerator(ObjectCodec codec) {
        super(0, codec);
    }

    /** The document written, as bytes. */
    byte[] toByteArray() {
        if (depth != 0) {
            throw new IllegalStateException("the document is not complete");
        }
        return Arrays.copyOf(out, size);
    }

    /** Starts over, for the next document (also after one that failed half-way). */
    void reset() {
        size = 0;
        depth = 0;
        name = null;
        _writeContext = JsonWriteContext.createRootContext(null);
    }

    // --- structure ------------------------------------------------------------------------------------------------

    @Override
    public void writeStartObject() throws IOException {
        _verifyValueWrite("start an object");
        _writeContext = _writeContext.createChildObjectContext(null);
        if (depth > 0) {
            element(DOCUMENT);
        }
        open(-1);
    }

    @Override
    public void writeEndObject() throws IOException {
        if (!_writeContext.inObject()) {
            _reportError("Current context not Object but " + _writeContext.typeDesc());
        }
        _writeContext = _writeContext.clearAndGetParent();
        closeContainer();
    }

    @Override
    public void writeStartArray() throws IOException {
        _verifyValueWrite("start an array");
        if (depth == 0) {
            throw new IllegalArgumentException("a document must be an object, not an array");
        }
        _writeContext = _writeContext.createChildArrayContext(null);
        element(ARRAY);
        open(0);
    }

    @Override
    public void writeEndArray() throws IOException {
        if (!_writeContext.inArray()) {
            _reportError("Current context not Array but " + _writeContext.typeDesc());
        }
        _writeContext = _writeContext.clearAndGetParent();
        closeContainer();
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        if (_writeContext.writeFieldName(name) == JsonWriteContext.STATUS_EXPECT_VALUE) {
            _reportError("Can not write a field name, expecting a value");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a BSON field name cannot hold a null character: " + name);
        }
        this.name = name;
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        writeFieldName(name.getValue());
    }

    private void open(int index) {
        if (depth == starts.length) {
            starts = Arrays.copyOf(starts, depth * 2);
            indexes = Arrays.copyOf(indexes, depth * 2);
        }
        starts[depth] = size;
        indexes[depth] = index;
        depth++;
        int32(0); // its length, once known
    }

    private void closeContainer() {
        byte1((byte) 0);
        depth--;
        int start = starts[depth];
        int length = size - start;
        out[start] = (byte) length;
        out[start + 1] = (byte) (length >>> 8);
        out[start + 2] = (byte) (length >>> 16);
        out[start + 3] = (byte) (length >>> 24);
    }

    /** A value's type and name: the field name in a document, the next index in an array. */
    private void element(byte type) {
        if (depth == 0) {
            throw new IllegalArgumentException("a document must be an object, not a single value");
        }
        byte1(type);
        int index = indexes[depth - 1];
        if (index < 0) {
            utf8(name);
        } else {
            indexes[depth - 1] = index + 1;
            if (index < INDEXES.length) {
                bytes(INDEXES[index]);
            } else {
                utf8(Integer.toString(index));
            }
        }
        byte1((byte) 0);
    }

    // --- values ---------------------------------------------------------------------------------------------------

    @Override
    public void writeString(String text) throws IOException {
        if (text == null) {
            writeNull();
            return;
        }
        _verifyValueWrite("write a string");
        element(STRING);
        int at = size;
        int32(0);
        utf8(text);
        byte1((byte) 0);
        int length = size - at - 4;
        out[at] = (byte) length;
        out[at + 1] = (byte) (length >>> 8);
        out[at + 2] = (byte) (length >>> 16);
        out[at + 3] = (byte) (length >>> 24);
    }

    @Override
    public void writeString(char[] text, int offset, int len) throws IOException {
        writeString(new String(text, offset, len));
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
        writeString(text.getValue());
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void writeNumber(int v) throws IOException {
        _verifyValueWrite("write a number");
        element(INT32);
        int32(v);
    }

    @Override
    public void writeNumber(long v) throws IOException {
        if (v == (int) v) {
            writeNumber((int) v);
            return;
        }
        _verifyValueWrite("write a number");
        element(INT64);
        int64(v);
    }

    @Override
    public void writeNumber(BigInteger v) throws IOException {
        if (v == null) {
            writeNull();
            return;
        }
        if (v.bitLength() > 63) {
            throw new IllegalArgumentException("a whole number beyond 64 bits: " + v);
        }
        writeNumber(v.longValue());
    }

    @Override
    public void writeNumber(double v) throws IOException {
        _verifyValueWrite("write a number");
        element(DOUBLE);
        int64(Double.doubleToRawLongBits(v));
    }

    @Override
    public void writeNumber(float v) throws IOException {
        writeNumber((double) v);
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
        if (v == null) {
            writeNull();
            return;
        }
        writeNumber(v.doubleValue());
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
        writeNumber(new BigDecimal(encodedValue));
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        _verifyValueWrite("write a boolean");
        element(BOOLEAN);
        byte1((byte) (state ? 1 : 0));
    }

    @Override
    public void writeNull() throws IOException {
        _verifyValueWrite("write a null");
        element(NULL);
    }

    // --- no BSON for these ----------------------------------------------------------------------------------------

    @Override
    public void writeRaw(String text) {
        throw raw();
    }

    @Override
    public void writeRaw(String text, int offset, int len) {
        throw raw();
    }

    @Override
    public void writeRaw(char[] text, int offset, int len) {
        throw raw();
    }

    @Override
    public void writeRaw(char c) {
        throw raw();
    }

    /** Bytes as BSON binary of the generic subtype (a deal's packed timeline: {@code PackedHistory}). */
    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int len) throws IOException {
        if (data == null) {
            writeNull();
            return;
        }
        _verifyValueWrite("write a binary value");
        element(BINARY);
        int32(len);
        byte1((byte) 0); // subtype: generic
        ensure(len);
        System.arraycopy(data, offset, out, size, len);
        size += len;
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int dataLength) {
        throw raw();
    }

    private static UnsupportedOperationException raw() {
        return new UnsupportedOperationException("a read-model document holds no raw values and no binary streams");
    }

    // --- generator ------------------------------------------------------------------------------------------------

    @Override
    protected void _verifyValueWrite(String typeMsg) throws IOException {
        if (_writeContext.writeValue() == JsonWriteContext.STATUS_EXPECT_NAME) {
            _reportError("Can not " + typeMsg + ", expecting a field name");
        }
    }

    @Override
    public JsonStreamContext getOutputContext() {
        return _writeContext;
    }

    @Override
    public void flush() {
    }

    @Override
    protected void _releaseBuffers() {
    }

    // --- bytes ----------------------------------------------------------------------------------------------------

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }

    private void byte1(byte b) {
        ensure(1);
        out[size++] = b;
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, out, size, b.length);
        size += b.length;
    }

    private void int32(int v) {
        ensure(4);
        out[size++] = (byte) v;
        out[size++] = (byte) (v >>> 8);
        out[size++] = (byte) (v >>> 16);
        out[size++] = (byte) (v >>> 24);
    }

    private void int64(long v) {
        int32((int) v);
        int32((int) (v >>> 32));
    }

    /** A string's UTF-8 bytes: ASCII directly, the rest through the JDK's encoder. */
    private void utf8(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) { // what was copied so far is overwritten
                bytes(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            out[size + i] = (byte) c;
        }
        size += n;
    }
}
