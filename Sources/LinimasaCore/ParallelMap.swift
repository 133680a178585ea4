import Dispatch

/// `transform` applied to every item on `jobs` threads, each with its own `context` (a term cache,
/// an encoder), items dealt round-robin; results in the items' order; the first error is thrown.
/// The one parallel map of the project: analysis, profiles, summaries and the store's rows use it.
public func parallelMap<T, C, R>(_ items: [T], jobs: Int, context: () -> C, _ transform: (C, T) throws -> R) throws -> [R] {
    if items.isEmpty { return [] }
    let out = UnsafeMutableBufferPointer<Result<R, any Error>?>.allocate(capacity: items.count)
    out.initialize(repeating: nil)
    defer { out.deinitialize(); out.deallocate() }
    let box = SendableBuffer(out)
    let workers = max(1, min(jobs, items.count))
    withoutActuallyEscaping(context) { context in
        withoutActuallyEscaping(transform) { transform in
            let unchecked = UncheckedClosures(items: items, context: context, transform: transform)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let c = unchecked.context()
                var k = w
                while k < unchecked.items.count {
                    let item = unchecked.items[k]
                    box.buffer[k] = Result { try unchecked.transform(c, item) }
                    k += workers
                }
            }
        }
    }
    return try out.map { try $0!.get() }
}

/// The same without errors.
public func parallelMap<T, C, R>(_ items: [T], jobs: Int, context: () -> C, _ transform: (C, T) -> R) -> [R] {
    // A non-throwing transform cannot make the throwing version throw.
    try! parallelMap(items, jobs: jobs, context: context) { (c: C, t: T) throws -> R in transform(c, t) }
}

/// What `parallelMap` hands its threads; the closures only read what they capture.
private struct UncheckedClosures<T, C, R>: @unchecked Sendable {
    let items: [T]
    let context: () -> C
    let transform: (C, T) throws -> R
}

/// Each worker writes disjoint indices of the buffer.
private struct SendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
    init(_ b: UnsafeMutableBufferPointer<T?>) { buffer = b }
}
