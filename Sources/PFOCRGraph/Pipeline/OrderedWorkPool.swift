import Foundation

/// Runs `work` over `0..<count` on worker threads and hands the results to `consume` in index
/// order, never holding more than `window` results at once.
///
/// This is what makes the export both parallel and deterministic: records are read and built
/// on every core, sinks see them in figid order. Workers claim small batches of indices and the
/// consumer takes every ready result at once, and each side wakes the other only when it is
/// waiting, so the threads rarely contend for the lock. Workers use large stacks so deeply
/// nested (hostile) YAML cannot overflow them.
///
/// A consumed result is handed back to the worker that made it and freed there: a result is
/// thousands of small allocations, and glibc's malloc frees a chunk into the arena of the
/// thread that allocated it, under that arena's lock, so freeing on the consumer thread made
/// the threads fight over the workers' arena locks (a fifth of the CPU time in profiles).
final class OrderedWorkPool<Result>: @unchecked Sendable {
    /// A result by reference: results are large values (a record's subgraph and every
    /// format's rendered bytes), and the slots table and the consumer's batch move them.
    private final class Box {
        let result: Result
        /// The worker that made it, and frees it.
        let worker: Int
        init(_ result: Result, worker: Int) {
            self.result = result
            self.worker = worker
        }
    }

    // All mutable state is guarded by `condition`.
    private let condition = NSCondition()
    private var nextToClaim = 0
    private var nextToConsume = 0
    private var slots: [Int: Box] = [:]
    private var stopped = false
    private var runningWorkers = 0
    private var waitingWorkers = 0
    private var consumerWaiting = false
    /// Per worker: consumed results it has yet to free.
    private var consumed: [[Box]] = []

    private let count: Int
    private let window: Int
    /// Indices a worker claims at once.
    private let batch: Int

    init(count: Int, window: Int, batch: Int = 4) {
        self.count = count
        self.window = max(1, window)
        self.batch = max(1, min(batch, self.window))
    }

    func run<E: Error>(workers: Int, work: @escaping @Sendable (Int) -> Result, consume: (Result) throws(E) -> Void)
        throws(E)
    {
        guard count > 0 else { return }
        let workerCount = max(1, min(workers, count))
        condition.lock()
        runningWorkers = workerCount
        consumed = Array(repeating: [], count: workerCount)
        condition.unlock()
        for worker in 0..<workerCount {
            let thread = Thread { [self] in self.workerLoop(worker, work) }
            thread.stackSize = 64 << 20
            thread.start()
        }
        defer { stopAndJoin() }
        var index = 0
        var ready: [Box] = []
        while index < count {
            condition.lock()
            while slots[index] == nil {
                consumerWaiting = true
                condition.wait()
            }
            consumerWaiting = false
            // Take every consecutive result that is ready.
            while let result = slots.removeValue(forKey: index) {
                ready.append(result)
                index += 1
            }
            nextToConsume = index
            if waitingWorkers > 0 { condition.broadcast() }
            condition.unlock()
            // Hand the results back for freeing even when a consumer throws.
            defer {
                condition.lock()
                for box in ready { consumed[box.worker].append(box) }
                condition.unlock()
                ready.removeAll(keepingCapacity: true)
            }
            for box in ready { try consume(box.result) }
        }
    }

    private func workerLoop(_ worker: Int, _ work: @Sendable (Int) -> Result) {
        var results: [Box] = []
        var dead: [Box] = []
        while true {
            // Free what the consumer is done with here, outside the lock (see the type's note).
            condition.lock()
            swap(&dead, &consumed[worker])
            condition.unlock()
            dead.removeAll(keepingCapacity: true)

            condition.lock()
            while !stopped && nextToClaim < count && nextToClaim >= nextToConsume + window {
                waitingWorkers += 1
                condition.wait()
                waitingWorkers -= 1
            }
            guard !stopped && nextToClaim < count else {
                runningWorkers -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let start = nextToClaim
            let end = min(count, start + batch, nextToConsume + window)
            nextToClaim = end
            condition.unlock()
            for index in start..<end { results.append(Box(work(index), worker: worker)) }
            condition.lock()
            for (offset, result) in results.enumerated() { slots[start + offset] = result }
            if consumerWaiting { condition.broadcast() }
            condition.unlock()
            results.removeAll(keepingCapacity: true)
        }
    }

    private func stopAndJoin() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while runningWorkers > 0 { condition.wait() }
        slots.removeAll()
        condition.unlock()
    }
}
