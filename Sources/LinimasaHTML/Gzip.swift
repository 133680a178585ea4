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
        struct OverLimit: Error {}
        guard let stream = Stream() else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(min(limit, bytes.count * 4))
        do {
            guard
                try stream.feed(bytes, { piece in
                    out += piece
                    if out.count > limit { throw OverLimit() }
                })
            else { return nil }
        } catch { return nil }
        return stream.atMemberEnd ? out : nil
    }

    /// Decompression as the compressed bytes arrive, a piece at a time: what a file of any size
    /// (a crawl's `.warc.gz`) needs, holding only the pieces in hand. Members follow one another
    /// (concatenated gzip files, as WARC files are written: one member a record).
    public final class Stream {
        /// zlib keeps a pointer to its stream, so the stream stays where it was made.
        private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        private var chunk = [UInt8](repeating: 0, count: 1 << 16)
        /// Whether the bytes fed so far end where a member ends (so nothing is cut short).
        public private(set) var atMemberEnd = true

        /// nil when zlib cannot start.
        public init?() {
            stream.initialize(to: z_stream())
            // 32 + MAX_WBITS: a gzip or a zlib header, whichever is there.
            guard inflateInit2_(stream, 32 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                stream.deallocate()
                return nil
            }
        }

        deinit {
            inflateEnd(stream)
            stream.deallocate()
        }

        /// Decompresses `input`, handing each decompressed piece to `output` as it comes; false
        /// when the data is not gzip or is damaged.
        public func feed(_ input: [UInt8], _ output: ([UInt8]) throws -> Void) rethrows -> Bool {
            if input.isEmpty { return true }
            return try input.withUnsafeBufferPointer { buffer -> Bool in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: buffer.baseAddress)
                stream.pointee.avail_in = UInt32(buffer.count)
                while true {
                    // Bytes of a member are read from here on (zlib was reset after the last one's end).
                    atMemberEnd = false
                    let status = chunk.withUnsafeMutableBufferPointer { c -> Int32 in
                        stream.pointee.next_out = c.baseAddress
                        stream.pointee.avail_out = UInt32(c.count)
                        return inflate(stream, Z_NO_FLUSH)
                    }
                    let produced = chunk.count - Int(stream.pointee.avail_out)
                    if produced > 0 { try output(Array(chunk[0..<produced])) }
                    if status == Z_STREAM_END {
                        guard inflateReset(stream) == Z_OK else { return false }
                        atMemberEnd = true
                        if stream.pointee.avail_in == 0 { return true }
                        continue
                    }
                    if status == Z_BUF_ERROR && stream.pointee.avail_in == 0 { return true }  // wants more input
                    if status != Z_OK { return false }
                    if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 { return true }
                }
            }
        }
    }
}
