/// Converts UTF-8 byte offsets of a text into Unicode scalar offsets (what JSON consumers index by).
public struct ScalarOffsets: Sendable {
    /// `table[k]` is the scalar index of byte `k`; one extra entry for the end.
    private let table: [Int32]

    public init(_ bytes: [UInt8]) {
        var table = [Int32](repeating: 0, count: bytes.count + 1)
        var scalar: Int32 = 0
        for (k, b) in bytes.enumerated() {
            table[k] = scalar
            if b & 0xC0 != 0x80 { scalar &+= 1 }
            // A continuation byte shares its lead byte's index: table[k] was set before incrementing.
            if b & 0xC0 == 0x80 { table[k] = scalar - 1 }
        }
        table[bytes.count] = scalar
        self.table = table
    }

    public func scalarOffset(ofByte k: Int) -> Int { Int(table[max(0, min(k, table.count - 1))]) }
}
