import CZlib

/// Gzip compression with the header Helm writes on chart archives: no file
/// name, modification time 0, extra-flags 0, OS 255 (unknown), an FEXTRA field
/// holding Helm's marker bytes and the comment `Helm`. The deflate stream comes
/// from zlib, so the bytes are Rudder's own (not Go's), but always the same for
/// the same input.
public enum HelmGzip {
    /// The FEXTRA payload Helm's `chartutil.Save` puts in every archive.
    static let extraField = Array("+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=".utf8)
    static let comment = Array("Helm".utf8)

    /// The gzip member for `data`, or nil when zlib fails (out of memory).
    public static func compress(_ data: [UInt8], level: Int32 = 9) -> [UInt8]? {
        var output: [UInt8] = [0x1F, 0x8B, 0x08, 0x04 | 0x10, 0, 0, 0, 0, 0, 0xFF]
        output.append(UInt8(extraField.count & 0xFF))
        output.append(UInt8(extraField.count >> 8))
        output.append(contentsOf: extraField)
        output.append(contentsOf: comment)
        output.append(0)
        guard let body = rawDeflate(data, level: level) else { return nil }
        output.append(contentsOf: body)
        let checksum = data.withUnsafeBufferPointer { buffer -> UInt in
            var crc = crc32(0, nil, 0)
            var offset = 0
            // zlib takes lengths as UInt32: feed it in slices of at most 1 GiB.
            while offset < buffer.count {
                let length = min(buffer.count - offset, 1 << 30)
                crc = crc32(crc, buffer.baseAddress.map { $0 + offset }, UInt32(length))
                offset += length
            }
            return crc
        }
        appendLittleEndian(UInt32(truncatingIfNeeded: checksum), to: &output)
        appendLittleEndian(UInt32(truncatingIfNeeded: data.count), to: &output)
        return output
    }

    private static func appendLittleEndian(_ value: UInt32, to output: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { output.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// A raw deflate stream (no zlib or gzip wrapper), written in 64 KiB chunks.
    static func rawDeflate(_ data: [UInt8], level: Int32) -> [UInt8]? {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var output: [UInt8] = []
        var failed = false
        data.withUnsafeBufferPointer { inputBuffer in
            stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
            stream.avail_in = UInt32(inputBuffer.count)
            while true {
                var status: Int32 = Z_OK
                var produced = 0
                chunk.withUnsafeMutableBufferPointer { outputBuffer in
                    stream.next_out = outputBuffer.baseAddress
                    stream.avail_out = UInt32(chunkSize)
                    status = deflate(&stream, Z_FINISH)
                    produced = chunkSize - Int(stream.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END { break }
                if status != Z_OK && status != Z_BUF_ERROR {
                    failed = true
                    break
                }
            }
        }
        return failed ? nil : output
    }
}
