// Package spinloop defines an Analyzer that reports loops that busy-wait:
// they burn a core until another goroutine changes some state, instead of
// blocking until it does.
//
// # Analyzer spinloop
//
// spinloop: report loops that busy-wait for another goroutine instead of blocking
//
// A goroutine that waits for another one should block: on a channel, a
// sync.Cond, a WaitGroup. spinloop reports a for loop whose idle round
// does nothing but look at state another goroutine may change, so that
// it spins at full speed until the change comes:
//
//   - for {} and for true {}: nothing at all;
//   - for !done {} on a plain variable that another goroutine writes (a
//     package-level variable, a field behind a pointer, a local that a
//     function literal captures or whose address is taken): besides the
//     wasted core, this is a data race, and the compiler may hoist the read
//     out of the loop so that it never ends;
//   - a loop polling state with sync/atomic (for !ready.Load() {},
//     for atomic.LoadInt32(&s) == 0 {}, for { if s.state.Load() == done
//     { break } }), a channel's length (for len(ch) == 0 {}), a spin lock
//     (for !atomic.CompareAndSwapInt32(&l, 0, 1) {}, for !mu.TryLock() {})
//     or a plain variable under a mutex, with nothing that blocks or yields;
//   - for { select { case ...; default: } } whose default is empty, only
//     continues, or only does bookkeeping (spins++), with nothing else in
//     the loop: the select never blocks, so the loop spins while no case is
//     ready.
//
// The condition may call a predicate that only reads shared state and
// returns it (func (f *Flag) IsSet() bool { return f.v.Load() }, perhaps
// under a lock): spinloop exports a polls fact for such functions, so
// for !f.IsSet() {} is reported across packages too.
//
// An idle round is what the loop runs while it waits: the condition, the
// post statement, and the body minus the branches that leave the loop
// (if s.done.Load() { cleanup(); return }) and the select's cases (they
// run when an event is there). Every statement of it must be trivial:
// assignments to locals from reads, counter steps, lock and unlock,
// continue, and ifs on reads. Not reported, because they are the fix or
// not a wait:
//
//   - a loop whose idle round calls anything else: a call that blocks or
//     yields (runtime.Gosched, time.Sleep, or a function that blocking's
//     facts say may, across packages), and equally a call that does the
//     loop's work (for !stop.Load() { work() } is a worker with a stop
//     flag);
//   - a compare-and-swap retry loop, for { old := x.Load(); if
//     x.CompareAndSwap(old, f(old)) { break } }: the CAS fails only when
//     another goroutine made progress, so the loop is lock-free, not a wait
//     (a CAS whose old value is a constant acquires a spin lock, and is
//     reported);
//   - a select with a default in a loop that does real work every round,
//     such as a non-blocking drain followed by processing, or whose
//     default leaves the loop (a drain that ends when nothing is ready),
//     directly or by setting a local that the loop's condition, or an if
//     in its body, tests (for !drained { select { ...; default: drained
//     = true } });
//   - a bounded spin: a condition on a local the loop advances (for i :=
//     0; i < 100 && !ready.Load(); i++ {}), as in spin-then-park locks;
//   - a loop whose exit reads only locals that no other goroutine can see,
//     or the clock (for time.Since(start) < d {} is a deliberate delay).
//
// The report is at the for statement.
//
// # Async counterpart
//
// asyncio's debug mode logs "Executing <Task ...> took 0.250 seconds"
// for any callback that holds the loop: a busy loop is the worst case, as
// it never gives control back at all. while not done: pass in a
// coroutine never awaits, so the event loop, and the code that would set
// done, never run again. Go's scheduler preempts a spinning goroutine, so
// the program does not freeze; it burns a core instead, and a plain
// variable read in the loop may never be seen to change.
//
// # Bad
//
//	var ready atomic.Bool
//
//	func waitReady() {
//		for !ready.Load() { // spins: one core at 100 % until ready
//		}
//	}
//
// # Good
//
//	var readyCh = make(chan struct{})
//
//	func waitReady() {
//		<-readyCh // blocks; close(readyCh) wakes every waiter
//	}
//
// # Why it matters
//
// A spinning waiter costs a full core for as long as it waits, on a
// machine where that core could run the goroutine it is waiting for.
// Under GOMAXPROCS=1 or a CPU quota the waiter and the worker compete,
// and the wait takes longer the harder it spins. A plain variable read
// in the loop is a data race: the compiler may keep it in a register, and
// the loop then never ends. The select-with-default form is the easiest
// to write by accident, as a way to "check for stop" in a loop that has
// nothing else to do.
//
// # Fix
//
// Block instead of polling. A one-time event is a channel that is
// closed; a condition on shared state is a sync.Cond (or a channel per
// waiter); a stop signal is a case <-ctx.Done() in a select with no
// default. If polling is unavoidable (state owned by another process),
// poll with a time.Ticker, or at least call runtime.Gosched() each round.
//
//	mu.Lock()
//	for !s.ready {
//		cond.Wait() // unlocks, sleeps until Broadcast, locks again
//	}
//	mu.Unlock()
//
// # Compared with staticcheck
//
// staticcheck's SA5002 reports a for loop with an empty body: for {}
// ("this loop will spin"), and an empty loop whose condition makes no
// call ("loop condition never changes or has a race condition"). SA5004
// reports an empty default in a for { select { ... } }. Measured with
// staticcheck 2026.2.2 (-checks SA5002,SA5004) on this rule's fixtures
// (testdata/src/spinloop, 22 reported loops and 27 tricky negatives):
// SA5002 and SA5004 report 5 of the 22 (for {}, three empty loops on a
// plain variable, a select with an empty default) and nothing that
// spinloop does not; neither reports a negative. spinloop adds what
// needs types or facts: polls of sync/atomic state (Load, LoadInt32,
// CompareAndSwap and TryLock spin locks), a poll written as for { if
// x.Load() == v { break } }, a channel's length, a plain variable read
// under a mutex, predicates that read shared state, in the package and
// across packages (for !f.IsSet() {}), and a select whose default only
// continues or counts. On the demo's Bad (for !ready.Load() {}) and on
// the blockingcallback fixtures staticcheck reports nothing.
//
// # Limits
//
// The idle round must be trivial: a spin whose body calls a logging or
// metrics function, or any function that is not a known poll, is taken
// for a worker and not reported. Predicates are followed at most
// maxPredDepth (4) calls deep and only when their body is a return of a
// read (at most maxPredStmts (4) statements, the others lock and unlock);
// locals assigned in the loop are followed at most maxLocalDepth (8)
// assignments back. Calls through interfaces and function values are
// unknown, hence work. A loop whose only exit is a goroutine-local
// computation is not judged, even if it never ends. Each loop is read
// once and each function's shared locals are found in one walk, so the
// cost is linear in the size of the package.
package spinloop
