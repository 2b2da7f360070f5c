package dev.kolide.osquery.sdk.thrift;

import dev.kolide.osquery.sdk.ExtensionInfo;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.ExtensionStatus;
import dev.kolide.osquery.sdk.OptionInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;

/**
 * Reads and writes the structs and containers of {@code src/main/thrift/osquery.thrift} on any libthrift
 * {@link TProtocol}. This is what the Thrift compiler would generate, minus the generated boilerplate: libthrift
 * 0.25 ships no generator through Maven, and the protocol has six small structs.
 *
 * <p>Readers follow Thrift's rules: unknown fields are skipped, missing fields read as empty values (osquery's
 * C++ and Go peers always send every field, but nothing here depends on that).
 */
public final class OsqueryCodec {
    private OsqueryCodec() {}

    // --- ExtensionStatus {1:i32 code, 2:string message, 3:i64 uuid}

    public static void writeStatus(TProtocol out, ExtensionStatus status) throws TException {
        out.writeStructBegin(new TStruct("ExtensionStatus"));
        out.writeFieldBegin(new TField("code", TType.I32, (short) 1));
        out.writeI32(status.code());
        out.writeFieldEnd();
        out.writeFieldBegin(new TField("message", TType.STRING, (short) 2));
        out.writeString(status.message());
        out.writeFieldEnd();
        out.writeFieldBegin(new TField("uuid", TType.I64, (short) 3));
        out.writeI64(status.uuid());
        out.writeFieldEnd();
        out.writeFieldStop();
        out.writeStructEnd();
    }

    public static ExtensionStatus readStatus(TProtocol in) throws TException {
        int code = 0;
        String message = "";
        long uuid = 0;
        in.readStructBegin();
        for (TField field = in.readFieldBegin(); field.type != TType.STOP; field = in.readFieldBegin()) {
            if (field.id == 1 && field.type == TType.I32) {
                code = in.readI32();
            } else if (field.id == 2 && field.type == TType.STRING) {
                message = in.readString();
            } else if (field.id == 3 && field.type == TType.I64) {
                uuid = in.readI64();
            } else {
                TProtocolUtil.skip(in, field.type);
            }
            in.readFieldEnd();
        }
        in.readStructEnd();
        return new ExtensionStatus(code, message, uuid);
    }

    // --- ExtensionResponse {1:ExtensionStatus status, 2:list<map<string,string>> response}

    public static void writeResponse(TProtocol out, ExtensionResponse response) throws TException {
        out.writeStructBegin(new TStruct("ExtensionResponse"));
        out.writeFieldBegin(new TField("status", TType.STRUCT, (short) 1));
        writeStatus(out, response.status());
        out.writeFieldEnd();
        out.writeFieldBegin(new TField("response", TType.LIST, (short) 2));
        writeRows(out, response.response());
        out.writeFieldEnd();
        out.writeFieldStop();
        out.writeStructEnd();
    }

    public static ExtensionResponse readResponse(TProtocol in) throws TException {
        ExtensionStatus status = new ExtensionStatus(0, "", 0);
        List<Map<String, String>> rows = List.of();
        in.readStructBegin();
        for (TField field = in.readFieldBegin(); field.type != TType.STOP; field = in.readFieldBegin()) {
            if (field.id == 1 && field.type == TType.STRUCT) {
                status = readStatus(in);
            } else if (field.id == 2 && field.type == TType.LIST) {
                rows = readRows(in);
            } else {
                TProtocolUtil.skip(in, field.type);
            }
            in.readFieldEnd();
        }
        in.readStructEnd();
        return new ExtensionResponse(status, rows);
    }

    // --- InternalExtensionInfo {1:name, 2:version, 3:sdk_version, 4:min_sdk_version}

    public static void writeExtensionInfo(TProtocol out, ExtensionInfo info) throws TException {
        out.writeStructBegin(new TStruct("InternalExtensionInfo"));
        writeStringField(out, "name", 1, info.name());
        writeStringField(out, "version", 2, info.version());
        writeStringField(out, "sdk_version", 3, info.sdkVersion());
        writeStringField(out, "min_sdk_version", 4, info.minSdkVersion());
        out.writeFieldStop();
        out.writeStructEnd();
    }

    public static ExtensionInfo readExtensionInfo(TProtocol in) throws TException {
        String[] values = readStringFields(in, 4);
        return new ExtensionInfo(values[0], values[1], values[2], values[3]);
    }

    // --- InternalOptionInfo {1:value, 2:default_value, 3:type}

    public static void writeOptionInfo(TProtocol out, OptionInfo info) throws TException {
        out.writeStructBegin(new TStruct("InternalOptionInfo"));
        writeStringField(out, "value", 1, info.value());
        writeStringField(out, "default_value", 2, info.defaultValue());
        writeStringField(out, "type", 3, info.type());
        out.writeFieldStop();
        out.writeStructEnd();
    }

    public static OptionInfo readOptionInfo(TProtocol in) throws TException {
        String[] values = readStringFields(in, 3);
        return new OptionInfo(values[0], values[1], values[2]);
    }

    // --- containers

    /** {@code list<map<string,string>>}: ExtensionPluginResponse. */
    public static void writeRows(TProtocol out, List<Map<String, String>> rows) throws TException {
        out.writeListBegin(new TList(TType.MAP, rows.size()));
        for (Map<String, String> row : rows) {
            writeStringMap(out, row);
        }
        out.writeListEnd();
    }

    public static List<Map<String, String>> readRows(TProtocol in) throws TException {
        TList list = in.readListBegin();
        if (list.elemType != TType.MAP && list.size > 0) {
            throw new TProtocolException(TProtocolException.INVALID_DATA,
                    "expected a list of maps, got a list of type " + list.elemType);
        }
        List<Map<String, String>> rows = new ArrayList<>(list.size);
        for (int i = 0; i < list.size; i++) {
            rows.add(readStringMap(in));
        }
        in.readListEnd();
        return Collections.unmodifiableList(rows);
    }

    /** {@code map<string,string>}: ExtensionPluginRequest and each row. */
    public static void writeStringMap(TProtocol out, Map<String, String> map) throws TException {
        out.writeMapBegin(new TMap(TType.STRING, TType.STRING, map.size()));
        for (Map.Entry<String, String> entry : map.entrySet()) {
            out.writeString(entry.getKey());
            out.writeString(entry.getValue() == null ? "" : entry.getValue());
        }
        out.writeMapEnd();
    }

    public static Map<String, String> readStringMap(TProtocol in) throws TException {
        TMap map = in.readMapBegin();
        expectMap(map, TType.STRING, TType.STRING);
        Map<String, String> values = new LinkedHashMap<>(Math.max(4, map.size * 2));
        for (int i = 0; i < map.size; i++) {
            values.put(in.readString(), in.readString());
        }
        in.readMapEnd();
        return Collections.unmodifiableMap(values);
    }

    /** {@code map<string, map<string, list<map<string,string>>>>}: ExtensionRegistry. */
    public static void writeRegistry(TProtocol out, Map<String, Map<String, List<Map<String, String>>>> registry)
            throws TException {
        out.writeMapBegin(new TMap(TType.STRING, TType.MAP, registry.size()));
        for (Map.Entry<String, Map<String, List<Map<String, String>>>> entry : registry.entrySet()) {
            out.writeString(entry.getKey());
            out.writeMapBegin(new TMap(TType.STRING, TType.LIST, entry.getValue().size()));
            for (Map.Entry<String, List<Map<String, String>>> plugin : entry.getValue().entrySet()) {
                out.writeString(plugin.getKey());
                writeRows(out, plugin.getValue());
            }
            out.writeMapEnd();
        }
        out.writeMapEnd();
    }

    public static Map<String, Map<String, List<Map<String, String>>>> readRegistry(TProtocol in) throws TException {
        TMap registries = in.readMapBegin();
        expectMap(registries, TType.STRING, TType.MAP);
        Map<String, Map<String, List<Map<String, String>>>> result = new LinkedHashMap<>();
        for (int i = 0; i < registries.size; i++) {
            String registry = in.readString();
            TMap plugins = in.readMapBegin();
            expectMap(plugins, TType.STRING, TType.LIST);
            Map<String, List<Map<String, String>>> table = new LinkedHashMap<>();
            for (int j = 0; j < plugins.size; j++) {
                String name = in.readString();
                table.put(name, readRows(in));
            }
            in.readMapEnd();
            result.put(registry, Collections.unmodifiableMap(table));
        }
        in.readMapEnd();
        return Collections.unmodifiableMap(result);
    }

    /** {@code map<i64, InternalExtensionInfo>}: InternalExtensionList. */
    public static void writeExtensionList(TProtocol out, Map<Long, ExtensionInfo> extensions) throws TException {
        out.writeMapBegin(new TMap(TType.I64, TType.STRUCT, extensions.size()));
        for (Map.Entry<Long, ExtensionInfo> entry : extensions.entrySet()) {
            out.writeI64(entry.getKey());
            writeExtensionInfo(out, entry.getValue());
        }
        out.writeMapEnd();
    }

    public static Map<Long, ExtensionInfo> readExtensionList(TProtocol in) throws TException {
        TMap map = in.readMapBegin();
        expectMap(map, TType.I64, TType.STRUCT);
        Map<Long, ExtensionInfo> result = new LinkedHashMap<>();
        for (int i = 0; i < map.size; i++) {
            long uuid = in.readI64();
            result.put(uuid, readExtensionInfo(in));
        }
        in.readMapEnd();
        return Collections.unmodifiableMap(result);
    }

    /** {@code map<string, InternalOptionInfo>}: InternalOptionList. */
    public static void writeOptionList(TProtocol out, Map<String, OptionInfo> options) throws TException {
        out.writeMapBegin(new TMap(TType.STRING, TType.STRUCT, options.size()));
        for (Map.Entry<String, OptionInfo> entry : options.entrySet()) {
            out.writeString(entry.getKey());
            writeOptionInfo(out, entry.getValue());
        }
        out.writeMapEnd();
    }

    public static Map<String, OptionInfo> readOptionList(TProtocol in) throws TException {
        TMap map = in.readMapBegin();
        expectMap(map, TType.STRING, TType.STRUCT);
        Map<String, OptionInfo> result = new LinkedHashMap<>();
        for (int i = 0; i < map.size; i++) {
            String name = in.readString();
            result.put(name, readOptionInfo(in));
        }
        in.readMapEnd();
        return Collections.unmodifiableMap(result);
    }

    // --- helpers

    public static void writeStringField(TProtocol out, String name, int id, String value) throws TException {
        out.writeFieldBegin(new TField(name, TType.STRING, (short) id));
        out.writeString(value);
        out.writeFieldEnd();
    }

    /** Reads a struct of string fields 1..count; other fields are skipped, missing ones are empty. */
    private static String[] readStringFields(TProtocol in, int count) throws TException {
        String[] values = new String[count];
        Arrays.fill(values, "");
        in.readStructBegin();
        for (TField field = in.readFieldBegin(); field.type != TType.STOP; field = in.readFieldBegin()) {
            if (field.id >= 1 && field.id <= count && field.type == TType.STRING) {
                values[field.id - 1] = in.readString();
            } else {
                TProtocolUtil.skip(in, field.type);
            }
            in.readFieldEnd();
        }
        in.readStructEnd();
        return values;
    }

    private static void expectMap(TMap map, byte keyType, byte valueType) throws TException {
        // An empty map may carry any element types (some writers send 0/0).
        if (map.size > 0 && (map.keyType != keyType || map.valueType != valueType)) {
            throw new TProtocolException(
                    TProtocolException.INVALID_DATA,
                    "expected a map of " + typeName(keyType) + " to " + typeName(valueType) + ", got "
                            + typeName(map.keyType) + " to " + typeName(map.valueType));
        }
    }

    private static String typeName(byte type) {
        return switch (type) {
            case TType.STRING -> "string";
            case TType.I32 -> "i32";
            case TType.I64 -> "i64";
            case TType.MAP -> "map";
            case TType.LIST -> "list";
            case TType.STRUCT -> "struct";
            default -> "type " + type;
        };
    }
}
