import Dispatch
import Foundation
import LinimasaCore
import LinimasaIngest

/// Reads many inputs and analyses them on all cores, handing results back in input order.
///
/// Inputs are read one file at a time and analysed in chunks, so memory stays bounded by the chunk,
/// not the batch. A bad input becomes a `Skipped` entry; it never stops the run.
public struct BatchRunner: Sendable {
    public var pipeline: Pipeline
    public var reader: InputReader
    /// Worker threads; 1 runs everything on the calling thread.
    public var jobs: Int
    /// Documents analysed together before results are handed out.
    public var chunkSize: Int

    public init(pipeline: Pipeline, reader: InputReader, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, chunkSize: Int = 512) {
        self.pipeline = pipeline
        self.reader = reader
        self.jobs = max(1, jobs)
        self.chunkSize = max(1, chunkSize)
    }

    public struct Summary: Sendable {
        public var read = 0
        public var skipped = 0
        public var inputs = 0
    }

    /// Runs the batch; `onArticle` and `onSkipped` are called on the calling thread, in input order.
    public func run(
        paths: [String], stdin: (() -> [UInt8])? = nil,
        onArticle: (Article) throws -> Void, onSkipped: (Skipped) -> Void
    ) throws -> Summary {
        try run(paths: paths, stdin: stdin, transform: { _ in () }, onResult: { a, _ in try onArticle(a) }, onSkipped: onSkipped)
    }

    /// Runs the batch with `transform` (rendering an article for output, say) done on the worker
    /// threads beside the analysis, so that it does not wait its turn on the calling thread;
    /// `onResult` and `onSkipped` are called on the calling thread, in input order.
    public func run<R>(
        paths: [String], stdin: (() -> [UInt8])? = nil, transform: @escaping @Sendable (Article) throws -> R,
        onResult: (Article, R) throws -> Void, onSkipped: (Skipped) -> Void
    ) throws -> Summary {
        var summary = Summary()
        var pending: [RawDocument] = []
        func flush() throws {
            for (a, r) in try analyze(pending, transform: transform) { try onResult(a, r) }
            summary.read += pending.count
            pending.removeAll(keepingCapacity: true)
        }
        let expanded = reader.expand(paths)
        summary.inputs = expanded.count
        for path in expanded {
            try reader.forEach(path, stdin: stdin) { item in
                switch item {
                case .document(let d):
                    pending.append(d)
                    if pending.count >= chunkSize { try flush() }
                case .failure(let e):
                    summary.skipped += 1
                    onSkipped(Skipped(source: e.source, reason: e.message))
                }
            }
        }
        try flush()
        return summary
    }

    func analyze<R>(_ docs: [RawDocument], transform: @escaping @Sendable (Article) throws -> R) throws -> [(Article, R)] {
        let pipeline = self.pipeline
        guard jobs > 1, docs.count > 1 else {
            return try docs.map { d in
                let a = pipeline.analyze(d)
                return (a, try transform(a))
            }
        }
        return try parallelMap(docs, jobs: jobs, context: {}) { _, d in
            let a = pipeline.analyze(d)
            return (a, try transform(a))
        }
    }

    /// Analyses documents on `jobs` threads; the result is in the documents' order.
    public func analyze(_ docs: [RawDocument]) -> [Article] {
        guard jobs > 1, docs.count > 1 else { return docs.map(pipeline.analyze) }
        let pipeline = self.pipeline
        return parallelMap(docs, jobs: jobs, context: {}) { _, d in pipeline.analyze(d) }
    }
}
