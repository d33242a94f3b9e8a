/// Blowfish with the salted key schedule bcrypt uses ("EksBlowfish"), as Go's
/// `golang.org/x/crypto/blowfish` (`NewSaltedCipher`, `ExpandKey`).
struct Blowfish {
    var p: [UInt32]
    var s: [UInt32]  // the four S-boxes, 256 words each, one after another

    /// The initial state (pi's digits), then `key` and `salt` mixed in
    /// (`NewSaltedCipher`; an empty salt gives the plain key schedule).
    init(key: [UInt8], salt: [UInt8]) {
        p = BlowfishTables.p
        s = BlowfishTables.s0 + BlowfishTables.s1 + BlowfishTables.s2 + BlowfishTables.s3
        expand(key: key, salt: salt)
    }

    /// The next big-endian word of `bytes`, cycling from the start (`getNextWord`).
    @inline(__always)
    static func nextWord(_ bytes: [UInt8], _ position: inout Int) -> UInt32 {
        var word: UInt32 = 0
        for _ in 0..<4 {
            word = word << 8 | UInt32(bytes[position])
            position += 1
            if position >= bytes.count { position = 0 }
        }
        return word
    }

    /// Mixes `key` into the P-array, then re-encrypts every table entry,
    /// XOR-ing in `salt`'s words when it is not empty (`expandKeyWithSalt`).
    mutating func expand(key: [UInt8], salt: [UInt8]) {
        if !key.isEmpty {
            var j = 0
            for i in 0..<18 { p[i] ^= Blowfish.nextWord(key, &j) }
        }
        var j = 0
        var l: UInt32 = 0
        var r: UInt32 = 0
        let salted = !salt.isEmpty
        var i = 0
        while i < 18 {
            if salted {
                l ^= Blowfish.nextWord(salt, &j)
                r ^= Blowfish.nextWord(salt, &j)
            }
            (l, r) = encrypt(l, r)
            p[i] = l
            p[i + 1] = r
            i += 2
        }
        i = 0
        while i < 1024 {
            if salted {
                l ^= Blowfish.nextWord(salt, &j)
                r ^= Blowfish.nextWord(salt, &j)
            }
            (l, r) = encrypt(l, r)
            s[i] = l
            s[i + 1] = r
            i += 2
        }
    }

    /// Encrypts one 64-bit block given as two big-endian halves.
    @inline(__always)
    func encrypt(_ left: UInt32, _ right: UInt32) -> (UInt32, UInt32) {
        var l = left
        var r = right
        s.withUnsafeBufferPointer { sb in
            p.withUnsafeBufferPointer { pb in
                @inline(__always) func f(_ x: UInt32) -> UInt32 {
                    ((sb[Int(x >> 24)] &+ sb[256 + Int((x >> 16) & 0xff)]) ^ sb[512 + Int((x >> 8) & 0xff)])
                        &+ sb[768 + Int(x & 0xff)]
                }
                var round = 0
                while round < 16 {
                    l ^= pb[round]
                    r ^= f(l)
                    round += 1
                    r ^= pb[round]
                    l ^= f(r)
                    round += 1
                }
                let finalLeft = r ^ pb[17]
                let finalRight = l ^ pb[16]
                l = finalLeft
                r = finalRight
            }
        }
        return (l, r)
    }
}
