package dev.kolide.osquery.sdk.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.osquery.sdk.ExtensionInfo;
import dev.kolide.osquery.sdk.ExtensionResponse;
import dev.kolide.osquery.sdk.ExtensionStatus;
import dev.kolide.osquery.sdk.OptionInfo;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.junit.jupiter.api.Test;

class OsqueryCodecTest {
    private final TMemoryBuffer buffer = memory();
    private final TBinaryProtocol protocol = new TBinaryProtocol(buffer);

    private static TMemoryBuffer memory() {
        try {
            return new TMemoryBuffer(256);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void statusIsWrittenAsOsquerysThreeFieldStruct() throws Exception {
        OsqueryCodec.writeStatus(protocol, new ExtensionStatus(1, "no", 7));

        // field 1 i32 (08 0001) = 1, field 2 string (0b 0002) len 2 "no", field 3 i64 (0a 0003) = 7, stop
        assertThat(HexFormat.of().formatHex(buffer.getArray(), 0, buffer.length())).isEqualTo(
                "08000100000001" + "0b0002000000026e6f" + "0a00030000000000000007" + "00");
    }

    @Test
    void responseRoundTripsWithRowsInOrder() throws Exception {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("b", "2");
        row.put("a", "1");
        ExtensionResponse response = new ExtensionResponse(new ExtensionStatus(0, "OK", 0), List.of(row, Map.of()));

        OsqueryCodec.writeResponse(protocol, response);
        ExtensionResponse read = OsqueryCodec.readResponse(protocol);

        assertThat(read).isEqualTo(response);
        assertThat(read.response().get(0).keySet()).containsExactly("b", "a");
    }

    @Test
    void registryRoundTripsEveryRegistryEvenEmptyOnes() throws Exception {
        Map<String, Map<String, List<Map<String, String>>>> registry = new LinkedHashMap<>();
        registry.put("table", Map.of("t", List.of(Map.of("id", "column", "name", "x", "type", "TEXT", "op", "0"))));
        registry.put("logger", Map.of());
        registry.put("config", Map.of("c", List.of()));
        registry.put("distributed", Map.of());

        OsqueryCodec.writeRegistry(protocol, registry);

        assertThat(OsqueryCodec.readRegistry(protocol)).isEqualTo(registry);
    }

    @Test
    void extensionAndOptionListsRoundTrip() throws Exception {
        Map<Long, ExtensionInfo> extensions = Map.of(12L, new ExtensionInfo("kolide_grpc", "1.0", "", ""));
        Map<String, OptionInfo> options = Map.of("verbose", new OptionInfo("true", "false", "bool"));

        OsqueryCodec.writeExtensionList(protocol, extensions);
        OsqueryCodec.writeOptionList(protocol, options);

        assertThat(OsqueryCodec.readExtensionList(protocol)).isEqualTo(extensions);
        assertThat(OsqueryCodec.readOptionList(protocol)).isEqualTo(options);
    }

    @Test
    void unknownFieldsAreSkippedAndMissingOnesReadEmpty() throws Exception {
        protocol.writeStructBegin(new TStruct("ExtensionStatus"));
        protocol.writeFieldBegin(new TField("extra", TType.LIST, (short) 9));
        protocol.writeListBegin(new TList(TType.I32, 2));
        protocol.writeI32(1);
        protocol.writeI32(2);
        protocol.writeListEnd();
        protocol.writeFieldEnd();
        protocol.writeFieldBegin(new TField("message", TType.STRING, (short) 2));
        protocol.writeString("hello");
        protocol.writeFieldEnd();
        protocol.writeFieldStop();
        protocol.writeStructEnd();

        assertThat(OsqueryCodec.readStatus(protocol)).isEqualTo(new ExtensionStatus(0, "hello", 0));
    }

    @Test
    void aMapOfTheWrongTypesIsAProtocolError() throws Exception {
        protocol.writeMapBegin(new TMap(TType.I32, TType.I32, 1));
        protocol.writeI32(1);
        protocol.writeI32(2);
        protocol.writeMapEnd();

        assertThatThrownBy(() -> OsqueryCodec.readStringMap(protocol))
                .isInstanceOf(TProtocolException.class).hasMessageContaining("expected a map of string to string");
    }

    @Test
    void aCallMessageStartsWithTheStrictBinaryVersionWord() throws Exception {
        protocol.writeMessageBegin(new TMessage("ping", TMessageType.CALL, 1));

        // 0x80010001: version 1, type CALL; then the name and the sequence id, as osqueryd expects (unframed)
        assertThat(HexFormat.of().formatHex(buffer.getArray(), 0, buffer.length()))
                .isEqualTo("80010001" + "00000004" + "70696e67" + "00000001");
    }
}
