/// Why an input could not be read. One error type for the module: a stable code, a message safe
/// to show, and where it happened.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String { case unreadable, empty, binary, tooLarge, malformedJSON, missingText, notFound }
        private let base: Base
        public static let unreadable = Code(base: .unreadable)
        public static let empty = Code(base: .empty)
        public static let binary = Code(base: .binary)
        public static let tooLarge = Code(base: .tooLarge)
        public static let malformedJSON = Code(base: .malformedJSON)
        public static let missingText = Code(base: .missingText)
        public static let notFound = Code(base: .notFound)
        public var description: String { base.rawValue }
    }

    public var code: Code
    /// Path, `path:line`, or `-`.
    public var source: String
    public var message: String

    public init(_ code: Code, source: String, _ message: String) {
        self.code = code
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}
