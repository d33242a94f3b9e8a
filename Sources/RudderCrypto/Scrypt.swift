import Crypto

/// scrypt (RFC 7914) over swift-crypto's HMAC-SHA256: PBKDF2, Salsa20/8,
/// BlockMix and ROMix, as Go's `golang.org/x/crypto/scrypt.Key`.
enum Scrypt {
    /// The most memory one derivation may use (128·r·N bytes for ROMix): 64 MiB.
    static let maximumMemory = 64 << 20

    struct ParameterError: Error, CustomStringConvertible {
        var description: String
    }

    /// Derives `length` bytes; the parameters are checked before any memory is allocated.
    static func key(password: [UInt8], salt: [UInt8], n: Int, r: Int, p: Int, length: Int) throws -> [UInt8] {
        guard n > 1, n & (n - 1) == 0 else { throw ParameterError(description: "scrypt: N must be > 1 and a power of 2") }
        guard r > 0, p > 0, r * p < 1 << 30 else { throw ParameterError(description: "scrypt: parameters are too large") }
        let (memory, overflow) = (128 * r).multipliedReportingOverflow(by: n)
        guard !overflow, memory <= maximumMemory, length > 0, length <= 1 << 20 else {
            throw ParameterError(description: "scrypt: parameters need more than \(maximumMemory) bytes")
        }
        let blockWords = 32 * r
        var b = pbkdf2SHA256(password: password, salt: salt, iterations: 1, length: p * 128 * r)
        var x = [UInt32](repeating: 0, count: blockWords)
        var y = [UInt32](repeating: 0, count: blockWords + 16)
        var v = [UInt32](repeating: 0, count: blockWords * n)
        for i in 0..<p {
            let offset = i * 128 * r
            for k in 0..<blockWords {
                let j = offset + 4 * k
                x[k] = UInt32(b[j]) | UInt32(b[j + 1]) << 8 | UInt32(b[j + 2]) << 16 | UInt32(b[j + 3]) << 24
            }
            romix(&x, &y, &v, n: n, r: r)
            for k in 0..<blockWords {
                let j = offset + 4 * k
                let w = x[k]
                b[j] = UInt8(truncatingIfNeeded: w)
                b[j + 1] = UInt8(truncatingIfNeeded: w >> 8)
                b[j + 2] = UInt8(truncatingIfNeeded: w >> 16)
                b[j + 3] = UInt8(truncatingIfNeeded: w >> 24)
            }
        }
        return pbkdf2SHA256(password: password, salt: b, iterations: 1, length: length)
    }

    /// PBKDF2 with HMAC-SHA256 (RFC 8018).
    static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], iterations: Int, length: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var out = [UInt8]()
        out.reserveCapacity(length + 32)
        var blockIndex: UInt32 = 1
        while out.count < length {
            var mac = HMAC<SHA256>(key: key)
            mac.update(data: salt)
            mac.update(data: [UInt8(blockIndex >> 24), UInt8(truncatingIfNeeded: blockIndex >> 16),
                              UInt8(truncatingIfNeeded: blockIndex >> 8), UInt8(truncatingIfNeeded: blockIndex)])
            var u = Array(mac.finalize())
            var t = u
            if iterations > 1 {
                for _ in 1..<iterations {
                    u = Array(HMAC<SHA256>.authenticationCode(for: u, using: key))
                    for k in 0..<t.count { t[k] ^= u[k] }
                }
            }
            out.append(contentsOf: t)
            blockIndex &+= 1
        }
        return Array(out.prefix(length))
    }

    /// ROMix on one block `x` (32·r words), with scratch `y` (32·r + 16 words) and table `v` (N blocks).
    static func romix(_ x: inout [UInt32], _ y: inout [UInt32], _ v: inout [UInt32], n: Int, r: Int) {
        let words = 32 * r
        x.withUnsafeMutableBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                v.withUnsafeMutableBufferPointer { vp in
                    guard let xb = xp.baseAddress, let yb = yp.baseAddress, let vb = vp.baseAddress else { return }
                    for i in 0..<n {
                        (vb + i * words).update(from: xb, count: words)
                        blockMix(xb, yb, r: r)
                    }
                    let mask = UInt32(truncatingIfNeeded: n - 1)
                    var step = 0
                    while step < n {
                        let j = Int(xb[(2 * r - 1) * 16] & mask)
                        let row = vb + j * words
                        var k = 0
                        while k < words {
                            xb[k] ^= row[k]
                            k += 1
                        }
                        blockMix(xb, yb, r: r)
                        step += 1
                    }
                }
            }
        }
    }

    /// BlockMix with Salsa20/8: `b` (2r 64-byte blocks) is mixed in place using
    /// `scratch` (2r blocks, then 16 words of state). Plain words and pointers,
    /// no SIMD or generics, so that even a debug build derives in reasonable time.
    static func blockMix(_ b: UnsafeMutablePointer<UInt32>, _ scratch: UnsafeMutablePointer<UInt32>, r: Int) {
        let t = scratch + 32 * r
        t.update(from: b + (2 * r - 1) * 16, count: 16)
        for i in 0..<(2 * r) {
            let block = b + i * 16
            for k in 0..<16 { t[k] ^= block[k] }
            salsa20x8(t)
            // Even blocks go to the first half, odd ones to the second.
            (scratch + ((i & 1) * r + i / 2) * 16).update(from: t, count: 16)
        }
        b.update(from: scratch, count: 32 * r)
    }

    /// The Salsa20/8 core on 16 words in place: 4 double rounds, then the input added back.
    static func salsa20x8(_ p: UnsafeMutablePointer<UInt32>) {
        var x0 = p[0], x1 = p[1], x2 = p[2], x3 = p[3]
        var x4 = p[4], x5 = p[5], x6 = p[6], x7 = p[7]
        var x8 = p[8], x9 = p[9], x10 = p[10], x11 = p[11]
        var x12 = p[12], x13 = p[13], x14 = p[14], x15 = p[15]
        var round = 0
        while round < 4 {
            var u = x0 &+ x12; x4 ^= u << 7 | u >> 25
            u = x4 &+ x0; x8 ^= u << 9 | u >> 23
            u = x8 &+ x4; x12 ^= u << 13 | u >> 19
            u = x12 &+ x8; x0 ^= u << 18 | u >> 14
            u = x5 &+ x1; x9 ^= u << 7 | u >> 25
            u = x9 &+ x5; x13 ^= u << 9 | u >> 23
            u = x13 &+ x9; x1 ^= u << 13 | u >> 19
            u = x1 &+ x13; x5 ^= u << 18 | u >> 14
            u = x10 &+ x6; x14 ^= u << 7 | u >> 25
            u = x14 &+ x10; x2 ^= u << 9 | u >> 23
            u = x2 &+ x14; x6 ^= u << 13 | u >> 19
            u = x6 &+ x2; x10 ^= u << 18 | u >> 14
            u = x15 &+ x11; x3 ^= u << 7 | u >> 25
            u = x3 &+ x15; x7 ^= u << 9 | u >> 23
            u = x7 &+ x3; x11 ^= u << 13 | u >> 19
            u = x11 &+ x7; x15 ^= u << 18 | u >> 14
            u = x0 &+ x3; x1 ^= u << 7 | u >> 25
            u = x1 &+ x0; x2 ^= u << 9 | u >> 23
            u = x2 &+ x1; x3 ^= u << 13 | u >> 19
            u = x3 &+ x2; x0 ^= u << 18 | u >> 14
            u = x5 &+ x4; x6 ^= u << 7 | u >> 25
            u = x6 &+ x5; x7 ^= u << 9 | u >> 23
            u = x7 &+ x6; x4 ^= u << 13 | u >> 19
            u = x4 &+ x7; x5 ^= u << 18 | u >> 14
            u = x10 &+ x9; x11 ^= u << 7 | u >> 25
            u = x11 &+ x10; x8 ^= u << 9 | u >> 23
            u = x8 &+ x11; x9 ^= u << 13 | u >> 19
            u = x9 &+ x8; x10 ^= u << 18 | u >> 14
            u = x15 &+ x14; x12 ^= u << 7 | u >> 25
            u = x12 &+ x15; x13 ^= u << 9 | u >> 23
            u = x13 &+ x12; x14 ^= u << 13 | u >> 19
            u = x14 &+ x13; x15 ^= u << 18 | u >> 14
            round += 1
        }
        p[0] &+= x0; p[1] &+= x1; p[2] &+= x2; p[3] &+= x3
        p[4] &+= x4; p[5] &+= x5; p[6] &+= x6; p[7] &+= x7
        p[8] &+= x8; p[9] &+= x9; p[10] &+= x10; p[11] &+= x11
        p[12] &+= x12; p[13] &+= x13; p[14] &+= x14; p[15] &+= x15
    }
}
