// Package blockingcallback defines an Analyzer that reports blocking or
// long work in callbacks that run on a serial event loop.
//
// # Analyzer blockingcallback
//
// blockingcallback: report blocking or long work inside callbacks of a serial event loop
//
// Some code runs its callbacks one at a time, on one goroutine: the cases
// of a dispatch loop, Bubble Tea's Update, a client-go informer's event
// handlers. While one callback runs, every other event waits, the stop
// signal included. blockingcallback reports, inside such a callback, work
// that waits or takes long:
//
//   - time.Sleep, a receive from a timer (<-time.After(d)), WaitGroup.Wait,
//     Cond.Wait (and errgroup's Wait, a semaphore's Acquire);
//   - a send or receive on a channel outside a select, a range over a
//     channel, and a select without a stop case;
//   - a call that blocking's facts say may sleep, wait, do network or
//     process I/O, or block on a channel, within a package and across
//     packages, when the wait is in the callee or in a function it calls
//     (two calls deep); with -blockingcallback.deep, up to
//     blocking.MaxDepth (4) calls deep. In a dispatch loop, a channel
//     operation inside a called function counts only with
//     -blockingcallback.deep (see # Limits). The message says what and
//     how deep (s.flush may sleep (1 call deep));
//   - a loop whose trip count comes from input, with no yield point
//     inside: a counting loop (for i := 0; i < n; i++) or a range over
//     an integer, n not a constant. Ranges over slices, maps and strings
//     count too with -blockingcallback.loops.
//
// The callbacks are:
//
//   - (a) the cases of a dispatch loop: a for loop with a select of two or
//     more cases, no default, and a stop case (a receive from a context's
//     Done(), or a case whose body leaves the loop: return, a labeled
//     break, goto, a call that does not return), in a goroutine or in any
//     function. The stop case itself is not judged: waiting for workers
//     there is the shutdown;
//   - (b) callbacks of known serial dispatchers, matched by package path
//     and type: a Bubble Tea Update(tea.Msg) (M, tea.Cmd) method, a
//     program's model or a component's (github.com/charmbracelet/bubbletea
//     and its v2 paths); the AddFunc, UpdateFunc and DeleteFunc of
//     client-go's cache.ResourceEventHandlerFuncs (and the Detailed and
//     Typed variants), and the OnAdd, OnUpdate and OnDelete methods of a
//     type that implements cache.ResourceEventHandler
//     (k8s.io/client-go/tools/cache);
//   - the func arguments of a project's own dispatchers, named with
//     -blockingcallback.funcs=pkg/path.Func,(*pkg/path.T).Method (a
//     method of T or *T, the two forms match the same methods). A
//     malformed entry is an error and the command exits with status 1.
//
// A callback given as a literal is judged by its body; one given as a
// function or method of the package (AddFunc: c.onAdd) by that
// function's body; one of another package by its fact, reported at the
// value.
//
// Not reported, because they are the fix or do not wait:
//
//   - work handed to a goroutine (go work(v), go func() { ... }()), and
//     tea.Cmd closures and named commands returned from Update: the
//     program runs them in goroutines of their own;
//   - a send on a worker channel that every make in the package gives a
//     buffer, and a send or receive in a select with a stop case or a
//     default;
//   - a receive from a channel the same select waits on (draining more of
//     what the case was selected for); a send on a channel carried by the
//     value the case received (case req := <-reqs: req.reply <- v), and a
//     call given that value when the call's only wait is a channel
//     operation: the requester waits for its reply;
//   - a call given the context whose Done() is the dispatch loop's stop
//     case, when blocking's facts say the callee's every wait honours
//     that context: the stop interrupts it;
//   - if !t.Stop() { <-t.C }, the drain of a stopped timer;
//   - a computation over a fixed-size value: a loop with a constant
//     bound, a range over an array;
//   - a mutex: Lock is held briefly in most code;
//   - a for/select with a default (it polls: spinloop's business), with
//     one case, or with no stop case.
//
// Test code (_test.go files and files that import testing) is skipped
// unless -blockingcallback.tests is set. The report is at the blocking
// operation, call or loop.
//
// # Async counterpart
//
// A coroutine that does not await blocks the event loop: time.sleep(1)
// instead of await asyncio.sleep(1), a requests.get in a callback, or the
// chapter's for i in range(10_000_000) without an await. Every other task
// waits, cancellation included. asyncio's debug mode catches it at run
// time ("Executing <Handle ...> took 0.532 seconds");
// loop.run_in_executor is the fix. In Go the loop is a goroutine with a
// for/select, a UI framework's Update, an informer's handler: the
// runtime is never blocked, but that one goroutine is, and so is
// everything that only it serves.
//
// # Bad
//
//	for {
//		select {
//		case req := <-s.requests:
//			s.results[req.ID] = s.buildReport(req) // 30 ms of I/O
//		case <-s.tick.C:
//			s.refresh() // due every millisecond
//		case <-ctx.Done():
//			return // waits for the report too
//		}
//	}
//
// # Good
//
//	for {
//		select {
//		case req := <-s.requests:
//			go func() {
//				r := s.buildReport(req)
//				select {
//				case s.done <- r: // back to the loop
//				case <-ctx.Done():
//				}
//			}()
//		case r := <-s.done:
//			s.results[r.ID] = r
//		case <-s.tick.C:
//			s.refresh()
//		case <-ctx.Done():
//			return
//		}
//	}
//
// # Why it matters
//
// The loop's latency becomes the longest callback's duration. Ticks are
// dropped (a time.Ticker keeps one), timeouts fire late, heartbeats are
// missed and peers declare the node dead, a UI freezes, an informer's
// queue of notifications grows without bound, and shutdown waits for the
// slow work before it even sees the stop. A blocking send from the loop
// to a goroutine that itself waits on the loop deadlocks (Bubble Tea's
// Program.Send from Update does exactly that).
//
// # Fix
//
// Keep callbacks short and non-blocking. Start the slow work in a
// goroutine (or hand it to a worker over a buffered channel) and send the
// result back to the loop as an event, in a select with the stop case so
// that it cannot outlive the loop. In Bubble Tea return a tea.Cmd; in an
// informer handler, enqueue the object's key on a workqueue and do the
// work in a worker. Split a long computation, or move it off the loop.
//
// # Limits
//
// The rule is off by default: run it with -blockingcallback (or enable it
// in the plugin's settings). On the standard library and nine modules
// (233 packages, plus Bubble Tea's bubbles and parts of client-go) it
// gave 6 findings, none a stall a maintainer would fix: 3 debatable (a
// crash path, a sleep in an apply loop that must run in order, a 100 ms
// backoff) and 3 false positives (worker loops whose cases are all work
// from one peer). That is below the 9 in 10 the suite asks of a rule on
// by default; the dispatch-loop shapes need a better notion of "an
// event loop other events wait on" before it is turned on.
//
// Calls are followed through blocking's facts: at most
// defaultCallDepth (2) calls deep, or blocking.MaxDepth (4) with
// -blockingcallback.deep, not through interfaces or function values, and
// a fact says a function may wait on some path, not that it does on the
// one the callback takes. The default depth is a precision choice: on the
// standard library and the corpus, waits three and four calls deep were
// on rare paths (a retry's sleep, waiting for a goroutine to exit while
// tearing down) of loops that must handle events in order, such as a
// replicated state machine's apply loop. For the same reason a channel
// operation inside a function that a dispatch loop's case calls is
// reported only with -blockingcallback.deep: on the same code, none of
// the eight such findings was a stall to fix; they were the loop's
// protocol with its peers (a handoff to a goroutine that always
// receives, a select on the loop's own stop channel), which facts do not
// tell apart. A blocking send to a peer hidden in a helper is missed by
// default. In Update and informer handlers such calls are reported
// (Program.Send from Update deadlocks). Any channel operation in a callee counts, whatever its
// buffer. Buffered channels are known only through make calls in the
// same package, outside test code, that store into the variable or field
// directly or through one local (outc := make(chan T, 1); &s{outc:
// outc}). A CPU loop is
// seen only in the callback's own body, not in the functions it calls,
// and only counting loops by default. A stop case is recognized by a
// context's Done() or by a body that leaves the loop; a loop stopped by a
// flag it tests, or by a closed data channel, is not a dispatch loop
// here. Each callback is walked once; a dispatch loop nested in another
// one's case is walked again for its own cases, so the cost grows with
// the nesting depth of dispatch loops. A dispatch loop more than four
// for loops deep in its function is not judged on its own (what its
// cases do still counts against the outer loop's case); real code nests
// one or two. A reply channel is recognized in the received value's own
// fields and in those of structs it embeds, up to three levels.
package blockingcallback
