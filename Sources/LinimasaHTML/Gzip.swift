import CLibXML2

/// gzip (and zlib) decompression through zlib, for `.html.gz`, `.warc.gz` and compressed pages.
public enum Gzip {
    /// Whether `bytes` start with gzip's magic number.
    public static func isCompressed(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// `bytes` as they are when not gzip, decompressed when they are; nil when they are gzip that is
    /// damaged, cut short, or over `limit` bytes decompressed.
    public static func plain(_ bytes: [UInt8], limit: Int = 256 << 20) -> [UInt8]? {
        isCompressed(bytes) ? decompress(bytes, limit: limit) : bytes
    }

    /// The decompressed bytes (every member of a multi-member file), or nil when the data is not
    /// gzip or is cut short; at most `limit` bytes are produced (nil past it).
    public static func decompress(_ bytes: [UInt8], limit: Int = 256 << 20) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(min(limit, bytes.count * 4))
        var stream = z_stream()
        // 32 + MAX_WBITS: a gzip or a zlib header, whichever is there.
        guard inflateInit2_(&stream, 32 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        return bytes.withUnsafeBufferPointer { input -> [UInt8]? in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { c -> Int32 in
                    stream.next_out = c.baseAddress
                    stream.avail_out = UInt32(c.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                out.append(contentsOf: chunk[0..<produced])
                if out.count > limit { return nil }
                if status == Z_STREAM_END {
                    // Another member may follow (concatenated gzip files).
                    if stream.avail_in == 0 { return out }
                    guard inflateReset(&stream) == Z_OK else { return out }
                    continue
                }
                if status != Z_OK { return nil }
                if stream.avail_in == 0 && produced == 0 { return nil }
            }
        }
    }
}
