import CZlib

/// A streaming gzip decompressor over an in-memory buffer: bytes come out on
/// demand, so a caller that checks sizes before asking never holds more than it
/// asked for. Concatenated gzip members are read one after another, as Go does.
final class GzipInflater {
    private var stream = z_stream()
    private let input: [UInt8]
    private var inputOffset = 0
    private var initialized = false
    private var finished = false
    private var pending: [UInt8] = []
    private var pendingStart = 0
    /// Total bytes produced so far.
    private(set) var producedCount = 0

    /// Fails with Go's message when the data does not start with a gzip header.
    init(_ data: [UInt8]) throws(ChartError) {
        input = data
        guard data.count >= 10, data[0] == 0x1F, data[1] == 0x8B, data[2] == 8 else {
            throw ChartError("gzip: invalid header")
        }
        try start()
    }

    deinit {
        if initialized { inflateEnd(&stream) }
    }

    private func start() throws(ChartError) {
        if initialized { inflateEnd(&stream) }
        stream = z_stream()
        let status = inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw ChartError("gzip: cannot initialise zlib (\(status))") }
        initialized = true
    }

    /// Up to `count` more bytes; fewer only at the end of the data.
    func read(_ count: Int) throws(ChartError) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(min(count, 1 << 20))
        while result.count < count {
            if pendingStart < pending.count {
                let take = min(count - result.count, pending.count - pendingStart)
                result.append(contentsOf: pending[pendingStart..<(pendingStart + take)])
                pendingStart += take
                continue
            }
            if finished { break }
            try fill()
        }
        return result
    }

    /// Skips `count` bytes; returns how many were skipped.
    func skip(_ count: Int) throws(ChartError) -> Int {
        var skipped = 0
        while skipped < count {
            if pendingStart < pending.count {
                let take = min(count - skipped, pending.count - pendingStart)
                pendingStart += take
                skipped += take
                continue
            }
            if finished { break }
            try fill()
        }
        return skipped
    }

    /// Inflates the next chunk (at most 64 KiB) into `pending`.
    private func fill() throws(ChartError) {
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var produced = 0
        var status: Int32 = Z_OK
        let consumedBefore = inputOffset
        input.withUnsafeBufferPointer { inputBuffer in
            chunk.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress.map { $0 + consumedBefore })
                stream.avail_in = UInt32(inputBuffer.count - consumedBefore)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = UInt32(chunkSize)
                status = inflate(&stream, Z_NO_FLUSH)
                produced = chunkSize - Int(stream.avail_out)
                inputOffset = inputBuffer.count - Int(stream.avail_in)
            }
        }
        pending = Array(chunk[0..<produced])
        pendingStart = 0
        producedCount += produced
        switch status {
        case Z_OK:
            if produced == 0 && inputOffset == consumedBefore {
                throw ChartError("unexpected EOF")
            }
        case Z_STREAM_END:
            // Another gzip member may follow (Go reads multistream by default).
            if inputOffset + 2 <= input.count, input[inputOffset] == 0x1F, input[inputOffset + 1] == 0x8B {
                try start()
            } else if inputOffset < input.count && input[inputOffset...].contains(where: { $0 != 0 }) {
                throw ChartError("gzip: invalid header")
            } else {
                finished = true
            }
        case Z_BUF_ERROR:
            if produced == 0 { throw ChartError("unexpected EOF") }
        case Z_DATA_ERROR:
            let reason = stream.msg.map { String(cString: $0) } ?? "invalid data"
            throw ChartError(reason == "incorrect data check" ? "gzip: invalid checksum" : "flate: corrupt input (\(reason))")
        default:
            throw ChartError("gzip: decompression failed (zlib status \(status))")
        }
    }
}

/// Compresses bytes as a gzip stream (used to build archives in tests and by packaging).
public enum GzipWriter {
    public static func compress(_ data: [UInt8], level: Int32 = 9) -> [UInt8]? {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return nil
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(data.count))) + 64
        var output = [UInt8](repeating: 0, count: bound)
        var status: Int32 = Z_OK
        var written = 0
        data.withUnsafeBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
                stream.avail_in = UInt32(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = UInt32(outputBuffer.count)
                status = deflate(&stream, Z_FINISH)
                written = outputBuffer.count - Int(stream.avail_out)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return Array(output[0..<written])
    }
}
